package io.hotline.config;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying again after failures: {@code first}, then twice as long after each further
 * failure, never longer than {@code max}. The one back-off of every link that reconnects and every send that is
 * retried (AMI, ARI's event WebSocket, the SMS sender, the cluster's LISTEN connection and link leases, queued
 * callbacks' call backs).
 *
 * @param first the wait after the first failure; positive
 * @param max   the longest wait; at least {@code first}
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (!first.isPositive() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max, got " + first + " / " + max);
        }
    }

    /** The wait after {@code failures} failures in a row (1-based; less counts as 1): first, 2·first, ... max. */
    public Duration after(int failures) {
        return Duration.ofMillis(
                IntervalFunction.ofExponentialBackoff(first, 2, max).apply(Math.max(failures, 1)));
    }

    /**
     * {@link #after} plus up to 20% more at random, so that several processes retrying against one restarted peer
     * do not all come back in step.
     */
    @SuppressFBWarnings(value = "PREDICTABLE_RANDOM", justification = "back-off jitter, not a secret")
    public Duration jitteredAfter(int failures) {
        long ms = after(failures).toMillis();
        return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(ms / 5 + 1));
    }
}
