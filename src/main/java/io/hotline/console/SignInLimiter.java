package io.hotline.console;

import io.hotline.users.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits sign-in attempts per client address: at most {@code perMinute} in any sliding minute. Together
 * with the per-login lock in {@link Users} it keeps password guessing slow. Thread-safe.
 */
final class SignInLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perMinute;

    SignInLimiter(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** Records an attempt; returns how long to wait when over the limit, or {@link Duration#ZERO}. */
    Duration attempt(String address) {
        Instant now = clock.instant();
        Deque<Instant> q = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (q) {
            while (!q.isEmpty() && !q.peekFirst().plus(WINDOW).isAfter(now)) {
                q.pollFirst();
            }
            if (q.size() >= perMinute) {
                return Duration.between(now, q.peekFirst().plus(WINDOW)).plusSeconds(1);
            }
            q.addLast(now);
        }
        if (attempts.size() > 10_000) {
            attempts.values().removeIf(d -> {
                synchronized (d) {
                    return d.isEmpty() || !d.peekLast().plus(WINDOW).isAfter(now);
                }
            });
        }
        return Duration.ZERO;
    }
}
