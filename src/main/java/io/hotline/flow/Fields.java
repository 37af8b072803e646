package io.hotline.flow;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.config.Settings;
import io.hotline.flow.LocatedYaml.Entry;
import io.hotline.flow.LocatedYaml.MapNode;
import io.hotline.flow.LocatedYaml.Scalar;
import io.hotline.flow.LocatedYaml.Seq;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reading of one YAML mapping (a node, the file's top level, a branch case), reporting
 * each wrong or missing field as a problem at its line and answering {@code null} so the
 * caller carries on. Duplicate keys are reported once here; the first one wins.
 */
final class Fields {
    private final ProblemSink sink;
    private final String nodeId;
    private final String what;
    private final int line;
    private final Map<String, Entry> byName;

    /**
     * @param what how messages name the mapping, e.g. "a menu node"
     * @param line where a missing field is reported: the node's key line, say
     */
    Fields(MapNode map, ProblemSink sink, String nodeId, String what, int line) {
        this.line = line;
        this.sink = sink;
        this.nodeId = nodeId;
        this.what = what;
        this.byName = distinct(map, sink, nodeId, "key");
    }

    /** The entries of a mapping by key, first occurrence winning; later ones are reported. */
    static Map<String, Entry> distinct(MapNode map, ProblemSink sink, String nodeId, String noun) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Entry e : map.entries()) {
            Entry first = out.putIfAbsent(e.key().text(), e);
            if (first != null) {
                sink.add(
                        e.key().line(),
                        nodeId,
                        "duplicate " + noun + " '" + e.key().text() + "' (first at line "
                                + first.key().line() + ")");
            }
        }
        return out;
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The line of the field's key, or of the whole when the field is absent. */
    int line(String name) {
        Entry e = byName.get(name);
        return e == null ? line : e.key().line();
    }

    LocatedYaml value(String name) {
        Entry e = byName.get(name);
        return e == null ? null : e.value();
    }

    /** Reports every key not in {@code allowed}. */
    void rejectUnknown(List<String> allowed) {
        for (Entry e : byName.values()) {
            if (!allowed.contains(e.key().text())) {
                sink.add(
                        e.key().line(),
                        nodeId,
                        "unknown field '" + e.key().text() + "' in " + what + " (allowed: " + String.join(", ", allowed)
                                + ")");
            }
        }
    }

    void missing(String name) {
        sink.add(line, nodeId, "missing '" + name + "' (required in " + what + ")");
    }

    /** A single value as text; {@code null} (and a problem if required) when absent or not a scalar. */
    String text(String name, boolean required) {
        Entry e = byName.get(name);
        if (e == null) {
            if (required) {
                missing(name);
            }
            return null;
        }
        if (!(e.value() instanceof Scalar s)) {
            sink.add(
                    e.key().line(),
                    nodeId,
                    "'" + name + "' must be a single value, not a " + (e.value() instanceof Seq ? "list" : "map"));
            return null;
        }
        if (s.isNull()) {
            if (required) {
                sink.add(e.key().line(), nodeId, "'" + name + "' has no value");
            }
            return null;
        }
        return s.text();
    }

    Integer integer(String name, int defaultValue, int min) {
        String raw = text(name, false);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min) {
                sink.add(line(name), nodeId, "'" + name + "' must be at least " + min + ", got " + v);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            sink.add(line(name), nodeId, "'" + name + "' must be a whole number, got '" + raw + "'");
            return null;
        }
    }

    /** A required whole number. */
    Integer integer(String name, int min) {
        if (text(name, true) == null) {
            return null;
        }
        return integer(name, 0, min);
    }

    @SuppressFBWarnings(
            value = "NP_BOOLEAN_RETURN_NULL",
            justification = "null tells the caller the value was wrong (reported already), apart from true and false")
    Boolean bool(String name, boolean defaultValue) {
        String raw = text(name, false);
        if (raw == null) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                sink.add(line(name), nodeId, "'" + name + "' must be true or false, got '" + raw + "'");
                yield null;
            }
        };
    }

    /** A duration longer than zero; {@code defaultValue == null} means required. */
    Duration duration(String name, Duration defaultValue) {
        String raw = text(name, defaultValue == null);
        if (raw == null) {
            return defaultValue;
        }
        if (raw.trim().matches("[0-9.]+")) {
            sink.add(line(name), nodeId, "'" + name + "' needs a unit: " + raw.trim() + "s or " + raw.trim() + "ms?");
            return null;
        }
        try {
            Duration d = Settings.parseDuration(raw);
            if (d.isNegative() || d.isZero()) {
                sink.add(line(name), nodeId, "'" + name + "' must be longer than 0, got '" + raw + "'");
                return null;
            }
            return d;
        } catch (IllegalArgumentException e) {
            sink.add(line(name), nodeId, "'" + name + "' must be a duration like 250ms, 3s or 2m, got '" + raw + "'");
            return null;
        }
    }

    MapNode map(String name, boolean required) {
        Entry e = byName.get(name);
        if (e == null || (e.value() instanceof Scalar s && s.isNull())) {
            if (required) {
                missing(name);
            }
            return null;
        }
        if (e.value() instanceof MapNode m) {
            return m;
        }
        sink.add(e.key().line(), nodeId, "'" + name + "' must be a map of key: value");
        return null;
    }

    Seq seq(String name, boolean required) {
        Entry e = byName.get(name);
        if (e == null || (e.value() instanceof Scalar s && s.isNull())) {
            if (required) {
                missing(name);
            }
            return null;
        }
        if (e.value() instanceof Seq s) {
            return s;
        }
        sink.add(e.key().line(), nodeId, "'" + name + "' must be a list");
        return null;
    }
}
