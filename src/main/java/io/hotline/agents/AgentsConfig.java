package io.hotline.agents;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Agent-state settings, read once at start; a bad value throws {@link ConfigException} naming the key.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code HOTLINE_PAUSE_REASONS}</td><td>break,lunch,training,meeting</td><td>the reasons an agent may
 *       pause with (comma-separated; lower-case words)</td></tr>
 *   <tr><td>{@code HOTLINE_WRAP_UP}</td><td>30s</td><td>after-call work after each call, before calls are
 *       offered again ({@code 0s}: none)</td></tr>
 *   <tr><td>{@code HOTLINE_PAUSE_ON_MISSED}</td><td>true</td><td>a call that rang an agent unanswered pauses
 *       them ({@code missed}) and goes to the next agent</td></tr>
 *   <tr><td>{@code HOTLINE_AWAY_GRACE}</td><td>60s</td><td>an agent whose console has been closed (or lost its
 *       connection) this long is paused ({@code away})</td></tr>
 * </table>
 */
public record AgentsConfig(List<String> pauseReasons, Duration wrapUp, Duration awayGrace, boolean pauseOnMissed) {
    /** Reasons Hotline itself pauses with; not to be configured. */
    public static final List<String> SYSTEM_REASONS = List.of("missed", "away", "supervisor");

    private static final String REASON = "[a-z][a-z0-9-]{0,31}";

    public AgentsConfig {
        pauseReasons = List.copyOf(pauseReasons);
        if (pauseReasons.isEmpty()) {
            throw new ConfigException("HOTLINE_PAUSE_REASONS: at least one reason");
        }
        for (String r : pauseReasons) {
            if (!r.matches(REASON) || SYSTEM_REASONS.contains(r)) {
                throw new ConfigException("HOTLINE_PAUSE_REASONS: '" + r + "' is not a usable reason (a lower-case"
                        + " word of letters, digits and '-', not one of " + SYSTEM_REASONS + ")");
            }
        }
        Objects.requireNonNull(wrapUp, "wrapUp");
        Objects.requireNonNull(awayGrace, "awayGrace");
        if (wrapUp.isNegative()) {
            throw new ConfigException("HOTLINE_WRAP_UP: must not be negative");
        }
        if (awayGrace.isNegative() || awayGrace.isZero()) {
            throw new ConfigException("HOTLINE_AWAY_GRACE: must be positive");
        }
    }

    public static AgentsConfig defaults() {
        return new AgentsConfig(
                List.of("break", "lunch", "training", "meeting"), Duration.ofSeconds(30), Duration.ofSeconds(60), true);
    }

    public static AgentsConfig from(Settings s) {
        List<String> reasons = Arrays.stream(s.string("HOTLINE_PAUSE_REASONS", "break,lunch,training,meeting")
                        .split(","))
                .map(String::trim)
                .filter(r -> !r.isEmpty())
                .distinct()
                .toList();
        return new AgentsConfig(
                reasons,
                s.duration("HOTLINE_WRAP_UP", Duration.ofSeconds(30)),
                s.duration("HOTLINE_AWAY_GRACE", Duration.ofSeconds(60)),
                s.bool("HOTLINE_PAUSE_ON_MISSED", true));
    }

    public AgentsConfig withWrapUp(Duration d) {
        return new AgentsConfig(pauseReasons, d, awayGrace, pauseOnMissed);
    }

    public AgentsConfig withAwayGrace(Duration d) {
        return new AgentsConfig(pauseReasons, wrapUp, d, pauseOnMissed);
    }

    public AgentsConfig withPauseOnMissed(boolean on) {
        return new AgentsConfig(pauseReasons, wrapUp, awayGrace, on);
    }
}
