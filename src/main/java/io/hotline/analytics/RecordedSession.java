package io.hotline.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One recorded call, as {@code call_sessions} holds it.
 *
 * @param callId       the call id
 * @param flowId       the flow it started in
 * @param flowVersion  the version it ran on (0 when unknown)
 * @param callerMasked the caller's number, masked
 * @param language     the language it started in
 * @param startedAt    when it started (null if unknown)
 * @param endReason    {@code queued}, {@code hangup}, {@code caller_hangup}, {@code error}, ...
 * @param queue        the queue it reached, or empty
 * @param path         the nodes visited, in order
 * @param actions      the actions done, in order
 */
public record RecordedSession(
        String callId,
        String flowId,
        long flowVersion,
        String callerMasked,
        String language,
        Instant startedAt,
        String endReason,
        String queue,
        List<Step> path,
        List<RecordedAction> actions) {
    public RecordedSession {
        path = List.copyOf(path);
        actions = List.copyOf(actions);
        queue = queue == null ? "" : queue;
    }

    /**
     * One node visit.
     *
     * @param input keys pressed there as recorded ({@code "7 0"}, {@code "****"}, {@code "timeout"}, or empty)
     * @param exit  the exit taken (target node, outcome, {@code call <flow>}, {@code caller_hangup}, ...)
     */
    public record Step(String flow, String node, String type, String input, String exit) {
        /** {@code flow/node}. */
        public String where() {
            return flow + "/" + node;
        }

        @Override
        public String toString() {
            return where() + (input.isEmpty() ? "" : " [" + input + "]") + " -> " + exit;
        }
    }

    /** One action with its outcome and the variables it set. */
    public record RecordedAction(String name, String outcome, String reference, Map<String, String> variables) {
        public RecordedAction {
            reference = reference == null ? "" : reference;
            variables = Map.copyOf(variables);
        }
    }
}
