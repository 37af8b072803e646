package io.hotline.contact;

import io.hotline.config.Backoff;
import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Queued callback settings ({@code HOTLINE_CALLBACK_*}).
 *
 * @param attempts    calls back before it is given up ({@code HOTLINE_CALLBACK_ATTEMPTS}, default 3)
 * @param retryAfter  wait after the first failed attempt, doubled after each further one; positive
 *                    ({@code HOTLINE_CALLBACK_RETRY}, default 2m)
 * @param retryMax    the longest wait between attempts, so that a caller with many attempts left is not called
 *                    back hours later; at least {@code retryAfter} ({@code HOTLINE_CALLBACK_RETRY_MAX}, default
 *                    30m, or {@code retryAfter} if that is longer)
 * @param ringFor     how long the caller's phone rings per attempt ({@code HOTLINE_CALLBACK_RING}, default 30s)
 * @param lease       how long a node keeps a callback before another may take it over
 *                    ({@code HOTLINE_CALLBACK_LEASE}, default 30s)
 * @param numbers     the numbers that may be called back, digits only ({@code HOTLINE_CALLBACK_NUMBERS}, default
 *                    mainland mobile and landline numbers: {@code 1[3-9][0-9]{9}|0[1-9][0-9]{8,10}}); premium
 *                    ({@code 95xxx}, {@code 400}/{@code 800}) and foreign ({@code 00...}) numbers do not match
 * @param handleTime  the average time an agent spends per call, for the estimated wait
 *                    ({@code HOTLINE_CALLBACK_HANDLE_TIME}, default 4m)
 */
public record CallbackConfig(
        int attempts,
        Duration retryAfter,
        Duration retryMax,
        Duration ringFor,
        Duration lease,
        Pattern numbers,
        Duration handleTime) {
    public static final String DEFAULT_NUMBERS = "1[3-9][0-9]{9}|0[1-9][0-9]{8,10}";

    /** The default {@code retryMax}: a caller who asked to be called back hears from us within half an hour. */
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(30);

    public CallbackConfig {
        if (attempts < 1) {
            throw new ConfigException("HOTLINE_CALLBACK_ATTEMPTS: at least 1, got " + attempts);
        }
        if (!retryAfter.isPositive()) {
            throw new ConfigException("HOTLINE_CALLBACK_RETRY: must be positive, got " + retryAfter);
        }
        if (retryMax.compareTo(retryAfter) < 0) {
            throw new ConfigException("HOTLINE_CALLBACK_RETRY_MAX: at least HOTLINE_CALLBACK_RETRY (" + retryAfter
                    + "), got " + retryMax);
        }
    }

    public static CallbackConfig from(Settings s) {
        String numbers = s.string("HOTLINE_CALLBACK_NUMBERS", DEFAULT_NUMBERS);
        Pattern p;
        try {
            p = Pattern.compile(numbers);
        } catch (PatternSyntaxException e) {
            throw new ConfigException("HOTLINE_CALLBACK_NUMBERS: not a regular expression: " + e.getDescription());
        }
        Duration retry = s.duration("HOTLINE_CALLBACK_RETRY", Duration.ofMinutes(2));
        return new CallbackConfig(
                s.integer("HOTLINE_CALLBACK_ATTEMPTS", 3, 1, 20),
                retry,
                s.duration(
                        "HOTLINE_CALLBACK_RETRY_MAX",
                        retry.compareTo(DEFAULT_RETRY_MAX) > 0 ? retry : DEFAULT_RETRY_MAX),
                s.duration("HOTLINE_CALLBACK_RING", Duration.ofSeconds(30)),
                s.duration("HOTLINE_CALLBACK_LEASE", Duration.ofSeconds(30)),
                p,
                s.duration("HOTLINE_CALLBACK_HANDLE_TIME", Duration.ofMinutes(4)));
    }

    /** The defaults, for tests. */
    public static CallbackConfig defaults() {
        return from(Settings.from(java.util.Map.of()));
    }

    /**
     * The wait after {@code failed} failed attempts (less than 1 counts as 1): {@code retryAfter}, doubled after each
     * further one, never longer than {@code retryMax}.
     */
    public Duration backoff(int failed) {
        return new Backoff(retryAfter, retryMax).after(failed);
    }
}
