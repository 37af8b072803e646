package io.hotline.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Everything {@code hotline doctor} found, in the order it checked, with the exit status that goes
 * with it: 0 only when no check is a problem.
 *
 * @param target   what was checked (Asterisk's addresses as configured, or the servers' names), for the first line
 * @param findings with one Asterisk server every check's outcome; with several, the checks of no one server (the
 *                 flows)
 * @param servers  with several Asterisk servers ({@code HOTLINE_AMI_SERVERS}), each one's checks under its name;
 *                 empty with one
 */
public record Report(String target, List<Finding> findings, List<Server> servers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The checks of one of several Asterisk servers.
     *
     * @param name     its name in {@code HOTLINE_AMI_SERVERS}
     * @param target   its addresses as configured
     * @param findings its checks' outcomes
     */
    public record Server(String name, String target, List<Finding> findings) {
        public Server {
            findings = List.copyOf(findings);
        }

        public long count(Status status) {
            return findings.stream().filter(f -> f.status() == status).count();
        }
    }

    public Report {
        findings = List.copyOf(findings);
        servers = List.copyOf(servers);
    }

    /** The report of one Asterisk server (or of none). */
    public Report(String target, List<Finding> findings) {
        this(target, findings, List.of());
    }

    public long count(Status status) {
        return all().filter(f -> f.status() == status).count();
    }

    private Stream<Finding> all() {
        return Stream.concat(findings.stream(), servers.stream().flatMap(s -> s.findings().stream()));
    }

    /** 0 when nothing is a problem (warnings allowed), 1 otherwise. */
    public int exitCode() {
        return count(Status.PROBLEM) == 0 ? 0 : 1;
    }

    /** The finding of a check, if it ran (with several servers, the first server's that ran it). */
    public Optional<Finding> find(String check) {
        return all().filter(f -> f.check().equals(check)).findFirst();
    }

    /** The finding of a check on the server of that name, if it ran there. */
    public Optional<Finding> find(String server, String check) {
        return servers.stream()
                .filter(s -> s.name().equals(server))
                .flatMap(s -> s.findings().stream())
                .filter(f -> f.check().equals(check))
                .findFirst();
    }

    /**
     * For a person: one line per check ({@code ok} / {@code warning} / {@code problem}, its id, what was
     * found), the fix indented under it, and a count at the end.
     */
    public String text() {
        StringBuilder b = new StringBuilder("hotline doctor: ").append(target).append('\n');
        lines(b, findings);
        for (Server s : servers) {
            b.append("\n== ").append(s.name()).append(": ").append(s.target()).append('\n');
            lines(b, s.findings());
            b.append("\n").append(s.name()).append(": ");
            counts(b, s.count(Status.OK), s.count(Status.WARNING), s.count(Status.PROBLEM));
        }
        b.append('\n');
        if (!servers.isEmpty()) {
            b.append("all servers: ");
        }
        counts(b, count(Status.OK), count(Status.WARNING), count(Status.PROBLEM));
        return b.toString();
    }

    private static void lines(StringBuilder b, List<Finding> findings) {
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
    }

    private static void counts(StringBuilder b, long ok, long warnings, long problems) {
        b.append(ok)
                .append(" ok, ")
                .append(warnings)
                .append(warnings == 1 ? " warning, " : " warnings, ")
                .append(problems)
                .append(problems == 1 ? " problem" : " problems")
                .append('\n');
    }

    /**
     * For automation: {@code {"target":..., "ok":true|false, "counts":{"ok":n,"warning":n,"problem":n},
     * "checks":[{"check":..,"status":..,"detail":..,"fix":..}, ...]}}; with several servers also
     * {@code "servers":{"<name>":{"target":..., "ok":.., "counts":{..}, "checks":[..]}, ...}} (the top-level counts
     * and ok then cover every server, and the top-level checks are those of no one server).
     */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("target", target);
        root.put("ok", exitCode() == 0);
        counts(root, this::count);
        checks(root, findings);
        if (!servers.isEmpty()) {
            ObjectNode byName = root.putObject("servers");
            for (Server server : servers) {
                ObjectNode one = byName.putObject(server.name());
                one.put("target", server.target());
                one.put("ok", server.count(Status.PROBLEM) == 0);
                counts(one, server::count);
                checks(one, server.findings());
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    private static void counts(ObjectNode into, ToLongFunction<Status> count) {
        ObjectNode counts = into.putObject("counts");
        for (Status s : Status.values()) {
            counts.put(s.label(), count.applyAsLong(s));
        }
    }

    private static void checks(ObjectNode into, List<Finding> findings) {
        ArrayNode checks = into.putArray("checks");
        for (Finding f : findings) {
            ObjectNode o = checks.addObject();
            o.put("check", f.check());
            o.put("status", f.status().label());
            o.put("detail", f.detail());
            o.put("fix", f.fix());
        }
    }
}
