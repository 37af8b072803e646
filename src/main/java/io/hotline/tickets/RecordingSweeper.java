package io.hotline.tickets;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the retention of callers' voice messages and sealed numbers ({@link CallerNumbers}): deletes the
 * expired ones at start and then every {@code interval}. Every node runs one; the deletes are idempotent.
 *
 * <p>Threading: {@link #start} and {@link #close} from any thread; the work runs on its own virtual thread.
 */
public final class RecordingSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecordingSweeper.class);
    private final CallRecordings recordings;
    private final CallerNumbers numbers;
    private final Duration interval;
    private final Thread thread;

    private RecordingSweeper(CallRecordings recordings, CallerNumbers numbers, Duration interval) {
        this.recordings = Objects.requireNonNull(recordings, "recordings");
        this.numbers = numbers;
        this.interval = Objects.requireNonNull(interval, "interval");
        this.thread = Thread.ofVirtual().name("hotline-recording-sweeper").unstarted(this::loop);
    }

    public static RecordingSweeper start(CallRecordings recordings, Duration interval) {
        return start(recordings, null, interval);
    }

    /** As {@link #start(CallRecordings, Duration)}, sweeping {@code numbers} (may be null) too. */
    public static RecordingSweeper start(CallRecordings recordings, CallerNumbers numbers, Duration interval) {
        RecordingSweeper s = new RecordingSweeper(recordings, numbers, interval);
        s.thread.start();
        return s;
    }

    /** Deletes what has expired now; returns how many. */
    public int sweep() {
        int n = recordings.deleteExpired();
        if (n > 0) {
            log.info("deleted {} voice message(s) past their retention of {}", n, recordings.retention());
        }
        int sealed = numbers == null ? 0 : numbers.deleteExpired();
        if (sealed > 0) {
            log.info("deleted {} sealed caller number(s) past their retention of {}", sealed, numbers.retention());
        }
        return n + sealed;
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn(
                        "deleting expired voice messages or caller numbers failed; trying again in {}: {}",
                        interval,
                        e.getMessage());
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
