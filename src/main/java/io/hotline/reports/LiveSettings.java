package io.hotline.reports;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the real-time figures and the wallboard.
 *
 * @param rules          service-level targets and the short-abandon time ({@link ReportRules#from})
 * @param wrapUp         after-call work after each call ({@code HOTLINE_WRAPUP}, 0 s; set it to queues.conf's
 *                       {@code wrapuptime} when Asterisk answers the calls)
 * @param slGoal         the service level aimed at ({@code HOTLINE_SL_GOAL}, 80 %, as a fraction 0..1)
 * @param wallboardToken lets a big screen show {@code /wallboard.html?token=...} without signing in
 *                       ({@code HOTLINE_WALLBOARD_TOKEN}; empty: only signed-in supervisors and admins)
 */
public record LiveSettings(ReportRules rules, Duration wrapUp, double slGoal, String wallboardToken) {
    public static final LiveSettings DEFAULTS = new LiveSettings(ReportRules.DEFAULTS, Duration.ZERO, 0.8, "");

    public LiveSettings {
        Objects.requireNonNull(rules);
        Objects.requireNonNull(wrapUp);
        wallboardToken = wallboardToken == null ? "" : wallboardToken;
        if (!wallboardToken.isEmpty() && wallboardToken.length() < 16) {
            throw new ConfigException("HOTLINE_WALLBOARD_TOKEN: at least 16 characters (it is a password), got "
                    + wallboardToken.length());
        }
    }

    public LiveSettings withToken(String token) {
        return new LiveSettings(rules, wrapUp, slGoal, token);
    }

    public static LiveSettings from(Settings s) {
        int goal = s.integer("HOTLINE_SL_GOAL", 80, 1, 100);
        return new LiveSettings(
                ReportRules.from(s),
                s.duration("HOTLINE_WRAPUP", Duration.ZERO),
                goal / 100.0,
                s.secret("HOTLINE_WALLBOARD_TOKEN", ""));
    }
}
