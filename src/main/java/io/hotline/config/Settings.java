package io.hotline.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configuration source: {@code HOTLINE_*} environment variables, overriding an optional
 * properties file named by {@code HOTLINE_CONFIG} (same keys, e.g.
 * {@code HOTLINE_AGI_PORT=4573}). Each part reads its own keys into its own immutable
 * config record ({@code DbConfig.from(settings)}, ...), validated at start: a bad value
 * throws {@link ConfigException} naming the key. Every key read is remembered so the
 * effective configuration can be logged with secrets masked.
 */
public final class Settings {
    private final Map<String, String> values;
    private final Map<String, String> effective = Collections.synchronizedMap(new TreeMap<>());

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** From the process environment (and the file it names). */
    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    /** From a map standing in for the environment; {@code HOTLINE_CONFIG} names an optional file. */
    public static Settings from(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        String file = env.get("HOTLINE_CONFIG");
        if (file != null && !file.isBlank()) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(file))) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("HOTLINE_CONFIG: cannot read " + file + ": " + e.getMessage());
            }
            p.stringPropertyNames()
                    .forEach(k -> merged.put(k.trim(), p.getProperty(k).trim()));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("HOTLINE_")) {
                merged.put(k, v);
            }
        });
        return new Settings(merged);
    }

    /** A copy with some keys replaced, for tests and sub-commands. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>(values);
        m.putAll(overrides);
        return new Settings(m);
    }

    public String string(String key, String defaultValue) {
        String v = values.get(key);
        String out = v == null || v.isBlank() ? defaultValue : v.trim();
        effective.put(key, out == null ? "" : out);
        return out;
    }

    /** A secret: read like {@link #string} but shown as {@code ****} in {@link #describe()}. */
    public String secret(String key, String defaultValue) {
        String v = values.get(key);
        String out = v == null || v.isBlank() ? defaultValue : v;
        effective.put(key, out == null || out.isEmpty() ? "" : "****");
        return out;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String raw = string(key, Integer.toString(defaultValue));
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw new ConfigException(key + ": must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": must be a whole number, got '" + raw + "'");
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        String raw = string(key, Boolean.toString(defaultValue)).toLowerCase(java.util.Locale.ROOT);
        return switch (raw) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(key + ": must be true or false, got '" + raw + "'");
        };
    }

    /** A duration such as {@code 500ms}, {@code 3s}, {@code 2m}, or plain milliseconds. */
    public Duration duration(String key, Duration defaultValue) {
        String raw = string(key, defaultValue.toMillis() + "ms");
        try {
            return parseDuration(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": must be a duration like 500ms, 3s or 2m, got '" + raw + "'");
        }
    }

    public Path path(String key, String defaultValue) {
        return Path.of(string(key, defaultValue));
    }

    /** Parses {@code 250ms}, {@code 3s}, {@code 1.5s}, {@code 2m}, {@code 1h} or plain milliseconds. */
    public static Duration parseDuration(String raw) {
        String s = raw.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(
                        Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(Math.round(
                        Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 60));
            }
            if (s.endsWith("h")) {
                return Duration.ofMinutes(Math.round(
                        Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 60));
            }
            return Duration.ofMillis(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + raw, e);
        }
    }

    /** The keys read so far with their effective values, secrets masked; for the start-up log. */
    public Map<String, String> describe() {
        synchronized (effective) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(effective));
        }
    }
}
