package io.hotline.cli;

import io.hotline.config.Settings;
import io.hotline.db.Database;
import io.hotline.db.DbConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** What {@code replay} and {@code stats} share: reading {@code --since} and opening the server's database quietly. */
final class SessionsOptions {
    private SessionsOptions() {}

    /**
     * {@code 2025-06-01} (local midnight), {@code 2025-06-01T08:00:00+08:00}, or a duration back from
     * now such as {@code 24h} or {@code 7d}.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    static Instant since(String raw) {
        String s = raw.trim();
        try {
            if (s.matches("\\d+d")) {
                return Instant.now().minus(java.time.Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1))));
            }
            if (s.matches("\\d+(\\.\\d+)?(h|m|s|ms)")) {
                return Instant.now().minus(Settings.parseDuration(s));
            }
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneId.systemDefault()).toInstant();
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--since: give a date (2025-06-01), a date-time "
                    + "(2025-06-01T08:00:00+08:00) or a time back from now (24h, 7d); got '" + raw + "'");
        }
    }

    /** The database {@code serve} uses (the running server's, when it runs). */
    static Database database() {
        if (System.getenv("HOTLINE_LOG_LEVEL") == null) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        return Database.start(DbConfig.from(Settings.fromEnvironment()));
    }
}
