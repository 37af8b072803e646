package io.hotline.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code hotline doctor} found, in the order it checked, with the exit status that goes
 * with it: 0 only when no check is a problem.
 *
 * @param target what was checked (Asterisk's addresses as configured), for the first line
 * @param findings every check's outcome
 */
public record Report(String target, List<Finding> findings) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Report {
        findings = List.copyOf(findings);
    }

    public long count(Status status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }

    /** 0 when nothing is a problem (warnings allowed), 1 otherwise. */
    public int exitCode() {
        return count(Status.PROBLEM) == 0 ? 0 : 1;
    }

    /** The finding of a check, if it ran. */
    public Optional<Finding> find(String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst();
    }

    /**
     * For a person: one line per check ({@code ok} / {@code warning} / {@code problem}, its id, what was
     * found), the fix indented under it, and a count at the end.
     */
    public String text() {
        StringBuilder b = new StringBuilder("hotline doctor: ").append(target).append('\n');
        String area = "";
        for (Finding f : findings) {
            if (!f.area().equals(area)) {
                area = f.area();
                b.append('\n');
            }
            b.append(String.format("%-8s %-26s %s%n", f.status().label(), f.check(), f.detail()));
            if (!f.fix().isEmpty()) {
                b.append(String.format("%-8s %-26s fix: %s%n", "", "", f.fix()));
            }
        }
        b.append('\n')
                .append(count(Status.OK))
                .append(" ok, ")
                .append(count(Status.WARNING))
                .append(count(Status.WARNING) == 1 ? " warning, " : " warnings, ")
                .append(count(Status.PROBLEM))
                .append(count(Status.PROBLEM) == 1 ? " problem" : " problems")
                .append('\n');
        return b.toString();
    }

    /**
     * For automation: {@code {"target":..., "ok":true|false, "counts":{"ok":n,"warning":n,"problem":n},
     * "checks":[{"check":..,"status":..,"detail":..,"fix":..}, ...]}}.
     */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("target", target);
        root.put("ok", exitCode() == 0);
        ObjectNode counts = root.putObject("counts");
        for (Status s : Status.values()) {
            counts.put(s.label(), count(s));
        }
        ArrayNode checks = root.putArray("checks");
        for (Finding f : findings) {
            ObjectNode o = checks.addObject();
            o.put("check", f.check());
            o.put("status", f.status().label());
            o.put("detail", f.detail());
            o.put("fix", f.fix());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }
}
