package io.hotline.engine;

import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes a call's session to the {@link SessionLog}: the start off the call's thread (with the database down,
 * borrowing a connection waits for the pool's timeout, and the caller must hear the greeting meanwhile, not
 * silence), the end after it. A write that fails is logged, never passed on to the caller.
 */
final class SessionRecording {
    private static final Logger log = LoggerFactory.getLogger(SessionRecording.class);

    private final SessionLog sessions;
    private final ExecutorService actionThreads;
    private final Clock clock;
    private final EngineOptions options;
    private Future<?> startRecorded;

    SessionRecording(SessionLog sessions, ExecutorService actionThreads, Clock clock, EngineOptions options) {
        this.sessions = sessions;
        this.actionThreads = actionThreads;
        this.clock = clock;
        this.options = options;
    }

    void started(CallSnapshot snap) {
        var at = clock.instant();
        String callId = snap.info().callId();
        startRecorded = actionThreads.submit(() -> {
            MDC.put("call", callId);
            try {
                record(() -> sessions.started(snap, at), "session start");
            } finally {
                MDC.remove("call");
            }
        });
    }

    /** The end is written after the start (it completes the start's row), waiting for it a bounded time. */
    void ended(CallSnapshot snap, CallEnding ending) {
        if (startRecorded != null) {
            try {
                startRecorded.get(options.ticketBudget().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                log.debug("session start still not written; writing the end anyway");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        record(() -> sessions.ended(snap, ending, clock.instant()), "session end");
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void record(Work work, String what) {
        try {
            work.run();
        } catch (Exception e) {
            log.warn("{} not recorded: {}", what, ActionRunner.describe(e));
        }
    }
}
