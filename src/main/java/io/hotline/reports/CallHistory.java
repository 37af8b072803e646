package io.hotline.reports;

import io.hotline.analytics.RecordedSession;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call's whole life in one record: the IVR's session (flow, language, the nodes it went through, the
 * actions done, how and where it ended), its time in the agent queues (one segment per queue entered, with
 * wait, talk, after-call work, the agent, rings not answered, transfers; from {@code queue_log}) and its ticket
 * (status, disposition, who closed it, the promise). Any part may be missing: a call the IVR resolved has no
 * queue segments, a call whose session start could not be written has no IVR part. {@code holds} counts the
 * times an agent put the caller on hold from the console ({@code call_holds}), {@code holdSeconds} the time of the
 * ended ones (it is part of the talk time, as app_queue counts it).
 */
public record CallHistory(
        String callId,
        Optional<Ivr> ivr,
        List<QueueCall.Segment> queues,
        Optional<TicketState> ticket,
        int holds,
        long holdSeconds) {
    public CallHistory {
        Objects.requireNonNull(callId, "callId");
        queues = List.copyOf(queues);
    }

    /**
     * The IVR part ({@code call_sessions}).
     *
     * @param pbx       the Asterisk server (FastAGI peer or ARI server name), or empty
     * @param endReason {@code queued}, {@code hangup}, {@code caller_hangup}, {@code error}, {@code interrupted},
     *                  {@code in_progress}
     * @param node      the node the call was at when it ended (or is at), or empty
     */
    public record Ivr(
            String transport,
            String pbx,
            String flowId,
            long flowVersion,
            String language,
            Instant startedAt,
            Instant endedAt,
            String endReason,
            String queue,
            String node,
            List<RecordedSession.Step> path,
            List<RecordedSession.RecordedAction> actions) {
        public Ivr {
            path = List.copyOf(path);
            actions = List.copyOf(actions);
        }

        /** Resolved without an agent, as the reports count containment. */
        public boolean contained() {
            return endReason.equals("hangup") || endReason.equals("caller_hangup");
        }
    }

    /** The call's ticket as it is now ({@code closedAt}, {@code closedBy}, {@code dueAt} may be null). */
    public record TicketState(
            String reference,
            String category,
            String queue,
            String status,
            String disposition,
            String agent,
            Instant createdAt,
            Instant closedAt,
            String closedBy,
            Instant dueAt) {}

    /** Talk (hold included) and after-call work over every answered segment, in seconds. */
    public long handleSeconds() {
        return queues.stream().mapToLong(s -> s.talkSeconds() + s.wrapSeconds()).sum();
    }
}
