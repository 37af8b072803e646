package io.hotline.console;

import io.hotline.tickets.CallRecordings;
import io.hotline.tickets.Ticket;
import io.hotline.tickets.Tickets;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/tickets/{ref}/voice-message}: the caller's voice message of a ticket (a complaint's), as the WAV
 * file the console's audio element plays. Only for a signed-in user who may see the ticket (an agent of its queue,
 * a supervisor, an admin; the {@code /api/*} guard turns away everyone else with 401); another ticket, one without
 * a message and one past its retention are 404 alike. Never cached by the browser or a proxy.
 */
final class VoiceMessageRoutes {
    private static final Logger log = LoggerFactory.getLogger(VoiceMessageRoutes.class);
    private final Tickets tickets;
    private final CallRecordings recordings;
    private final Blocking blocking;

    VoiceMessageRoutes(Tickets tickets, CallRecordings recordings, Blocking blocking) {
        this.tickets = tickets;
        this.recordings = recordings;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.get("/api/tickets/:ref/voice-message").handler(this::voiceMessage);
    }

    private void voiceMessage(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String ref = ctx.pathParam("ref").trim().toUpperCase(java.util.Locale.ROOT);
        blocking.run(() -> tickets.byReference(ref)
                        .filter(t -> u.role() != Role.AGENT || (t.queue() != null && u.seesQueue(t.queue())))
                        .flatMap(this::message))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        log.warn(
                                "voice message of {} could not be read: {}",
                                ref,
                                ar.cause().toString());
                        Http.error(ctx, 503, "the database is not answering; try again");
                    } else if (ar.result().isEmpty()) {
                        Http.error(ctx, 404, "no voice message for this ticket");
                    } else {
                        CallRecordings.Stored m = ar.result().get();
                        log.info("{} plays the voice message of ticket {}", u.login(), ref);
                        ctx.response()
                                .putHeader("Content-Type", m.contentType())
                                .putHeader("Cache-Control", "no-store")
                                .putHeader("Content-Disposition", "inline; filename=\"" + ref + ".wav\"")
                                .end(Buffer.buffer(m.audio()));
                    }
                });
    }

    private Optional<CallRecordings.Stored> message(Ticket t) {
        return recordings.latestOf(t.callId()).flatMap(s -> recordings.audio(t.callId(), s.id()));
    }
}
