package io.hotline.actions;

import io.hotline.call.Recording;
import io.hotline.engine.CallSnapshot;
import io.hotline.engine.TicketDesk;
import io.hotline.tickets.CallRecordings;
import io.hotline.tickets.Ticket;
import io.hotline.tickets.TicketDraft;
import io.hotline.tickets.Tickets;

/**
 * The engine's ticket desk on top of {@link Tickets}: builds the ticket's context (who,
 * how verified, what was done with references, what was referred to, the IVR path) from
 * the call snapshot. Secure input never reaches it: the snapshot leaves it out.
 */
public final class TicketDeskAdapter implements TicketDesk {
    private final Tickets tickets;
    private final CallRecordings recordings;

    /** A desk that keeps no voice messages. */
    public TicketDeskAdapter(Tickets tickets) {
        this(tickets, null);
    }

    /** @param recordings where callers' voice messages are kept, or null to keep none */
    public TicketDeskAdapter(Tickets tickets, CallRecordings recordings) {
        this.tickets = tickets;
        this.recordings = recordings;
    }

    @Override
    public boolean keepRecording(CallSnapshot call, String purpose, Recording recording) {
        if (recordings == null) {
            return false;
        }
        recordings.keep(
                call.info().callId(),
                purpose,
                recording.audio(),
                recording.contentType(),
                recording.length(),
                recording.endedBy().name().toLowerCase(java.util.Locale.ROOT));
        return true;
    }

    @Override
    public String openOrUpdate(CallSnapshot call, String category, String queue, int priority) throws Exception {
        Long account = call.var("account.id").isEmpty() ? null : Long.parseLong(call.var("account.id"));
        boolean verified = "yes".equals(call.var("caller.verified"));
        String verifiedBy = verified
                ? call.var("caller.verified_by")
                : call.var("caller.identified_by").isEmpty() ? "" : "identified by " + call.var("caller.identified_by");
        Ticket t = tickets.openOrUpdate(new TicketDraft(
                call.info().callId(),
                category,
                queue,
                priority,
                account,
                call.info().maskedAni(),
                verified,
                verifiedBy,
                CallJson.context(call, category),
                call.flowVersion()));
        return t.reference();
    }
}
