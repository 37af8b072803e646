package io.hotline.engine;

import java.time.Instant;

/**
 * Records call sessions (the {@code call_sessions} table). Failures are logged by the
 * engine and never stop the call: a database outage must not cut callers off.
 *
 * <p>Threading: called on the call's virtual thread; may block.
 */
public interface SessionLog {

    /** A call started on a flow version. Written at once so a crash leaves a trace. */
    void started(CallSnapshot call, Instant at) throws Exception;

    /** The call ended; {@code ending} says how. Writes the path and actions in one transaction. */
    void ended(CallSnapshot call, CallEnding ending, Instant at) throws Exception;

    /** A log that keeps nothing, for tools that run flows without a database. */
    SessionLog NONE = new SessionLog() {
        @Override
        public void started(CallSnapshot call, Instant at) {}

        @Override
        public void ended(CallSnapshot call, CallEnding ending, Instant at) {}
    };
}
