package io.hotline.reports;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A report: the figures of one period, per group of one dimension, and their total.
 *
 * @param by    what the rows are per
 * @param from  first instant counted (calls that entered a queue, sessions that started, from here)
 * @param to    first instant not counted
 * @param rows  per group, in order (intervals by time, other groups by name)
 * @param total all of the period
 * @param demo  true when the period holds demo history (rows written by the demo data, not real calls)
 */
public record Report(By by, Instant from, Instant to, List<Row> rows, Row total, boolean demo) {
    public Report {
        Objects.requireNonNull(by);
        rows = List.copyOf(rows);
    }

    /** A dimension. */
    public enum By {
        QUEUE,
        AGENT,
        JOURNEY,
        LANGUAGE,
        INTERVAL_15M,
        HOUR,
        DAY;

        /** As the CLI and the API name it: {@code queue}, {@code 15m}, {@code hour}, ... */
        public String wire() {
            return this == INTERVAL_15M ? "15m" : name().toLowerCase(Locale.ROOT);
        }

        /** From {@link #wire()}; an IllegalArgumentException naming the choices otherwise. */
        public static By parse(String s) {
            for (By b : values()) {
                if (b.wire().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return b;
                }
            }
            throw new IllegalArgumentException(
                    "by: one of queue, agent, journey, language, 15m, hour, day; got '" + s + "'");
        }

        boolean interval() {
            return this == INTERVAL_15M || this == HOUR || this == DAY;
        }
    }

    /**
     * One group.
     *
     * @param key       the group: queue, agent, journey, language, or the interval's start (ISO local time)
     * @param figures   the queue figures
     * @param sessions  IVR calls of the group (null where the dimension has none: queue, agent)
     * @param contained of those, resolved in the IVR without an agent
     */
    public record Row(String key, Figures figures, Integer sessions, Integer contained) {
        /** Contained / sessions, 0..1; null when not applicable or no sessions. */
        public Double containment() {
            return sessions == null || sessions == 0 ? null : (double) contained / sessions;
        }
    }
}
