package io.hotline.console;

import io.hotline.users.SignInOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Slows password guessing per login and client address, without handing anyone a lock-out of someone
 * else's login: after {@value #FREE_FAILURES} wrong passwords in a row for one login from one address,
 * that pair must wait {@link #FIRST_WAIT} before its next try, twice as long after each further wrong one,
 * up to {@link #MAX_WAIT}; a right password clears the pair, and a pair with no wrong password for
 * {@link #FORGET} is forgotten. The same login from another address is not slowed at all, and an unknown
 * login is slowed exactly like a real one, so the answers tell nobody which logins exist.
 *
 * <p>Attempts of one pair are taken one at a time, the password check included: the check and the count
 * it updates are one step, so a right password sent at the same moment as a wrong one is decided before or
 * after it, never in between, and a burst of guesses gets no more tries than guesses sent one by one.
 *
 * <p>In memory, per server (a restart forgets it; with several nodes each counts its own). Only pairs with
 * wrong passwords are kept, at most {@value #MAX_PAIRS}. Thread-safe; {@link #attempt} blocks while another
 * attempt of the same pair runs, so call it on a virtual thread.
 */
final class SignInThrottle {
    /** Wrong passwords in a row for one login from one address before it must wait. */
    static final int FREE_FAILURES = 5;

    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET = Duration.ofHours(1);
    static final int MAX_PAIRS = 100_000;

    /** What came of an attempt: the check's outcome (null when it had to wait first) and the wait now due. */
    record Result(SignInOutcome outcome, Duration waitFor) {
        boolean checked() {
            return outcome != null;
        }
    }

    private static final class Pair {
        final ReentrantLock lock = new ReentrantLock();
        int failures;
        Instant lastFailure;
        Instant waitUntil;

        boolean stale(Instant now) {
            return (waitUntil == null || !waitUntil.isAfter(now))
                    && (lastFailure == null || !lastFailure.plus(FORGET).isAfter(now));
        }
    }

    private final Map<String, Pair> pairs = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs {@code check} as this login and address's next try, unless the pair must wait; counts a
     * {@link SignInOutcome.Rejected} and clears the pair on {@link SignInOutcome.Accepted}.
     */
    Result attempt(String login, String address, Supplier<SignInOutcome> check) {
        String key = login.strip().toLowerCase(Locale.ROOT) + "\n" + address;
        Pair p = pairs.computeIfAbsent(key, k -> new Pair());
        p.lock.lock();
        try {
            Instant now = clock.instant();
            if (p.waitUntil != null && now.isBefore(p.waitUntil)) {
                return new Result(null, Duration.between(now, p.waitUntil));
            }
            if (p.lastFailure != null && !p.lastFailure.plus(FORGET).isAfter(now)) {
                p.failures = 0;
            }
            SignInOutcome outcome = check.get();
            if (outcome instanceof SignInOutcome.Accepted) {
                p.failures = 0;
                p.lastFailure = null;
                p.waitUntil = null;
                return new Result(outcome, Duration.ZERO);
            }
            Instant after = clock.instant();
            p.failures++;
            p.lastFailure = after;
            if (p.failures < FREE_FAILURES) {
                return new Result(outcome, Duration.ZERO);
            }
            Duration wait = waitAfter(p.failures);
            p.waitUntil = after.plus(wait);
            return new Result(outcome, wait);
        } finally {
            p.lock.unlock();
            if (pairs.size() > MAX_PAIRS) {
                prune();
            }
        }
    }

    /** The wait after the {@code failures}-th wrong password in a row (from the {@value #FREE_FAILURES}th on). */
    static Duration waitAfter(int failures) {
        int doublings = Math.min(30, failures - FREE_FAILURES);
        Duration w = FIRST_WAIT.multipliedBy(1L << doublings);
        return w.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : w;
    }

    /** Pairs kept, for tests. */
    int size() {
        return pairs.size();
    }

    /** Forgets stale pairs; if still too many, those that are not waiting (they hold fewer than the free tries). */
    private void prune() {
        Instant now = clock.instant();
        pairs.values().removeIf(p -> !p.lock.isLocked() && p.stale(now));
        if (pairs.size() > MAX_PAIRS) {
            pairs.values().removeIf(p -> !p.lock.isLocked() && (p.waitUntil == null || !p.waitUntil.isAfter(now)));
        }
    }
}
