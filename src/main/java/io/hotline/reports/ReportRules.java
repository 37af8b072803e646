package io.hotline.reports;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the figures are measured against.
 *
 * @param target       answered within this counts toward the service level ({@code HOTLINE_SL_TARGET}, 30 s)
 * @param targets      per queue, overriding {@code target} ({@code HOTLINE_SL_TARGETS}, e.g. {@code fraud=20s,recharge=60s})
 * @param shortAbandon callers who hung up (or left) sooner than this are short abandons, counted apart and left
 *                     out of abandoned and the service level ({@code HOTLINE_SHORT_ABANDON}, 5 s)
 */
public record ReportRules(Duration target, Map<String, Duration> targets, Duration shortAbandon) {
    public static final ReportRules DEFAULTS = new ReportRules(Duration.ofSeconds(30), Map.of(), Duration.ofSeconds(5));

    public ReportRules {
        Objects.requireNonNull(target);
        targets = Map.copyOf(targets);
        Objects.requireNonNull(shortAbandon);
    }

    /** The service-level target of a queue, in seconds. */
    public long targetSeconds(String queue) {
        return targets.getOrDefault(queue, target).toSeconds();
    }

    public static ReportRules from(Settings s) {
        Duration target = s.duration("HOTLINE_SL_TARGET", DEFAULTS.target());
        Map<String, Duration> per = new LinkedHashMap<>();
        String raw = s.string("HOTLINE_SL_TARGETS", "").trim();
        if (!raw.isEmpty()) {
            for (String part : raw.split(",")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new ConfigException("HOTLINE_SL_TARGETS: expected queue=duration[,queue=duration...], got '"
                            + part.trim() + "'");
                }
                try {
                    per.put(kv[0].trim(), Settings.parseDuration(kv[1].trim()));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("HOTLINE_SL_TARGETS: " + kv[0].trim() + ": " + e.getMessage());
                }
            }
        }
        return new ReportRules(target, per, s.duration("HOTLINE_SHORT_ABANDON", DEFAULTS.shortAbandon()));
    }
}
