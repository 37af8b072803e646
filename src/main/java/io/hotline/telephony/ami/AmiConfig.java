package io.hotline.telephony.ami;

import io.hotline.config.Backoff;
import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Asterisk's manager interface. Read once at start; a bad value throws
 * {@link ConfigException} naming the key.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code HOTLINE_AMI_HOST}</td><td>(none)</td><td>Asterisk host; unset = no AMI link (simulated
 *       queues only)</td></tr>
 *   <tr><td>{@code HOTLINE_AMI_PORT}</td><td>5038</td><td>manager.conf {@code port}</td></tr>
 *   <tr><td>{@code HOTLINE_AMI_USER}</td><td>{@code hotline}</td><td>manager.conf user section</td></tr>
 *   <tr><td>{@code HOTLINE_AMI_SECRET}</td><td>(none)</td><td>its secret; never logged</td></tr>
 *   <tr><td>{@code HOTLINE_AMI_RETRY_MIN}</td><td>1s</td><td>first reconnect delay; doubles per failure</td></tr>
 *   <tr><td>{@code HOTLINE_AMI_RETRY_MAX}</td><td>30s</td><td>longest reconnect delay</td></tr>
 *   <tr><td>{@code HOTLINE_AMI_TIMEOUT}</td><td>5s</td><td>connect / response timeout</td></tr>
 * </table>
 */
public record AmiConfig(
        String host, int port, String user, String secret, Duration retryMin, Duration retryMax, Duration timeout) {

    public AmiConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        secret = secret == null ? "" : secret;
        if (retryMin.isNegative() || retryMin.isZero() || retryMax.compareTo(retryMin) < 0) {
            throw new ConfigException(
                    "HOTLINE_AMI_RETRY_MIN/MAX: need 0 < min <= max, got " + retryMin + " / " + retryMax);
        }
    }

    /** The configuration, or empty when {@code HOTLINE_AMI_HOST} is unset (AMI disabled). */
    public static Optional<AmiConfig> from(Settings s) {
        String host = s.string("HOTLINE_AMI_HOST", null);
        int port = s.integer("HOTLINE_AMI_PORT", 5038, 1, 65535);
        String user = s.string("HOTLINE_AMI_USER", "hotline");
        String secret = s.secret("HOTLINE_AMI_SECRET", "");
        Duration min = s.duration("HOTLINE_AMI_RETRY_MIN", Duration.ofSeconds(1));
        Duration max = s.duration("HOTLINE_AMI_RETRY_MAX", Duration.ofSeconds(30));
        Duration timeout = s.duration("HOTLINE_AMI_TIMEOUT", Duration.ofSeconds(5));
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AmiConfig(host, port, user, secret, min, max, timeout));
    }

    /** The delay before reconnect attempt {@code failures} (1-based): min, 2·min, 4·min, ... up to max. */
    public Duration backoff(int failures) {
        return new Backoff(retryMin, retryMax).after(failures);
    }

    @Override
    public String toString() {
        return "AmiConfig[" + user + "@" + host + ":" + port + ", secret=****]";
    }
}
