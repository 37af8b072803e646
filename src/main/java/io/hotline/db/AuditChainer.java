package io.hotline.db;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links committed audit rows into the hash chain ({@link AuditLog#chainPending()}) every
 * {@code interval}, on one virtual thread, until closed. Several nodes may run one each on the same
 * database: a round finding another node's chainer at work skips. A database outage is logged once and
 * retried at the next round; nothing is lost, the rows simply wait unlinked.
 *
 * <p>Threading: {@link #start} and {@link #close} from any thread; the work runs on its own thread.
 */
public final class AuditChainer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

    private final AuditLog audit;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;

    private AuditChainer(AuditLog audit, Duration interval) {
        this.audit = audit;
        this.interval = interval;
        this.thread = Thread.ofVirtual().name("hotline-audit-chainer").unstarted(this::loop);
    }

    /** Starts linking rows every {@code interval}. */
    public static AuditChainer start(AuditLog audit, Duration interval) {
        Objects.requireNonNull(audit, "audit");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        var chainer = new AuditChainer(audit, interval);
        chainer.thread.start();
        return chainer;
    }

    private void loop() {
        boolean failing = false;
        while (running) {
            try {
                audit.chainPendingUnlessBusy();
                if (failing) {
                    log.info("audit chain: linking rows again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn(
                            "audit chain: cannot link new rows now ({}); they wait and are linked later",
                            e.getMessage());
                    failing = true;
                }
            }
            // a timed pause between rounds, not a wait for another thread: close() unparks it
            LockSupport.parkNanos(interval.toNanos());
        }
    }

    /** Stops after the round in progress, then links what is left once more. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            audit.chainPending();
        } catch (RuntimeException e) {
            log.warn("audit chain: rows left unlinked at shutdown are linked at the next start ({})", e.getMessage());
        }
    }
}
