package io.hotline.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One caller's whole time in the agent queues, folded from its {@code queue_log} rows: one history per
 * call, with a segment per queue it entered (a call moved from one queue to another keeps its callid).
 *
 * @param callId   the caller channel's uniqueid (= {@code call_sessions.call_id})
 * @param ticket   the ticket reference the IVR put on the call (the {@code HOTLINE} row), or empty
 * @param language the caller's language, or empty
 * @param category the ticket's category, or empty
 * @param source   {@code asterisk}, {@code sim} or {@code demo}
 * @param segments the queues entered, in order
 */
public record QueueCall(
        String callId, String ticket, String language, String category, String source, List<Segment> segments) {
    public QueueCall {
        Objects.requireNonNull(callId);
        segments = List.copyOf(segments);
    }

    /** How a queue segment ended. */
    public enum Outcome {
        /** An agent answered (also when the agent then transferred the call). */
        ANSWERED,
        /** The caller hung up while waiting ({@code ABANDON}). */
        ABANDONED,
        /** Left unanswered: the queue's wait ran out, or it had no members, or a key ({@code EXITWITH*}). */
        LEFT,
        /** Still waiting when the rows were read. */
        WAITING
    }

    /**
     * One queue the call entered.
     *
     * @param waitSeconds   seconds from entering to answer or leaving (app_queue's holdtime / waittime)
     * @param talkSeconds   seconds with the agent (0 while still talking)
     * @param agent         the member who answered, or empty
     * @param ringNoAnswers how many times an agent was rung and did not answer
     * @param transferred   the agent transferred the call on
     * @param completed     the conversation with the agent has ended
     * @param completedAt   when it ended (the {@code COMPLETE*} or transfer row), or null
     * @param wrapSeconds   the answering agent's after-call work for this call (their {@code wrap-up} state
     *                      that began as the conversation ended), 0 when none was recorded
     */
    public record Segment(
            String queue,
            Instant entered,
            Outcome outcome,
            long waitSeconds,
            long talkSeconds,
            String agent,
            int ringNoAnswers,
            boolean transferred,
            boolean completed,
            Instant completedAt,
            long wrapSeconds) {
        /** This segment with its after-call work. */
        public Segment withWrap(long seconds) {
            return new Segment(
                    queue,
                    entered,
                    outcome,
                    waitSeconds,
                    talkSeconds,
                    agent,
                    ringNoAnswers,
                    transferred,
                    completed,
                    completedAt,
                    seconds);
        }
    }

    /** This call with other segments (the same call, e.g. with their after-call work). */
    public QueueCall withSegments(List<Segment> other) {
        return new QueueCall(callId, ticket, language, category, source, other);
    }
}
