package io.hotline.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks that need only the manager connection: what the AMI user may do, Asterisk's version, the
 * queues and who can answer them, and the dialplan's entry points (by {@code DIALPLAN_EXISTS} and the
 * globals the shipped dialplan reads). Asterisk's config files are never read: every answer comes from
 * Asterisk itself.
 */
final class AmiChecks {
    /**
     * The actions Hotline and the doctor send, with the manager.conf {@code write} class each needs
     * ({@code Ping} and {@code QueueStatus} need none).
     */
    static final Map<String, String> ACTIONS = actions();

    private final DoctorAmi ami;
    private final DoctorConfig config;
    private final String user;

    AmiChecks(DoctorAmi ami, DoctorConfig config) {
        this.ami = ami;
        this.config = config;
        this.user = config.ami().orElseThrow().user();
    }

    private static Map<String, String> actions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Ping", "");
        m.put("QueueStatus", "");
        m.put("Getvar", "call");
        m.put("CoreSettings", "system");
        m.put("Originate", "originate");
        m.put("PlayDTMF", "call");
        m.put("Hangup", "call");
        return m;
    }

    /** ListCommands answers with the actions this user's {@code write} classes allow. */
    Finding privileges() {
        Map<String, String> r = ami.action("ListCommands", Map.of());
        List<String> lacking = new ArrayList<>();
        Set<String> classes = new java.util.TreeSet<>();
        ACTIONS.forEach((action, cls) -> {
            if (!r.containsKey(action)) {
                lacking.add(action);
                classes.add(cls);
            }
        });
        return privileges(lacking, classes, user);
    }

    static Finding privileges(List<String> lacking, Set<String> classes, String user) {
        if (lacking.isEmpty()) {
            return Finding.ok("ami.write", "user " + user + " may send " + String.join(", ", ACTIONS.keySet()));
        }
        return Finding.problem(
                "ami.write",
                "user " + user + " may not send " + String.join(", ", lacking),
                "manager.conf [" + user + "] write lacks " + String.join(",", new java.util.TreeSet<>(classes))
                        + " (Hotline needs write = system,call,agent,originate); then 'manager reload'");
    }

    Finding version() {
        Map<String, String> r = ami.action("CoreSettings", Map.of());
        return version(r.getOrDefault("AsteriskVersion", ""));
    }

    static Finding version(String v) {
        if (v.equals(DoctorConfig.TESTED_VERSION)) {
            return Finding.ok("ami.version", "Asterisk " + v + ", the version Hotline's real-PBX tests run");
        }
        return Finding.warning(
                "ami.version",
                "Asterisk " + (v.isEmpty() ? "(version not told)" : v) + "; Hotline's real-PBX tests run "
                        + DoctorConfig.TESTED_VERSION,
                "run Asterisk " + DoctorConfig.TESTED_VERSION + ", or run Hotline's real-PBX tier (./run-tests --pbx)"
                        + " against this version before relying on it");
    }

    /** One queue as {@code QueueStatus} lists it: its members' interfaces and device states. */
    record Queue(String name, Map<String, String> members) {}

    Map<String, Queue> queues() {
        Map<String, Queue> out = new TreeMap<>();
        for (Map<String, String> e : ami.list("QueueStatus", Map.of())) {
            String q = e.getOrDefault("Queue", "");
            if ("QueueParams".equals(e.get("Event"))) {
                out.putIfAbsent(q, new Queue(q, new TreeMap<>()));
            } else if ("QueueMember".equals(e.get("Event"))) {
                out.computeIfAbsent(q, n -> new Queue(n, new TreeMap<>()))
                        .members()
                        .put(
                                e.getOrDefault("StateInterface", e.getOrDefault("Location", "")),
                                e.getOrDefault("Status", ""));
            }
        }
        return out;
    }

    /**
     * Each expected queue exists (a problem when not), has members (a warning when nobody can answer it) and
     * its members' interfaces exist (device state not {@code INVALID}; a {@code Local/x@ctx} member's extension exists).
     *
     * @param expected queue name → who expects it ({@code ivr-flows/main.yaml}, {@code HOTLINE_FALLBACK_QUEUE}, ...)
     */
    static List<Finding> queues(
            Map<String, String> expected, Map<String, Queue> found, java.util.function.Predicate<String> memberExists) {
        List<Finding> out = new ArrayList<>();
        expected.forEach((q, by) -> {
            boolean testQueue = by.startsWith("HOTLINE_DOCTOR_QUEUE");
            if (!found.containsKey(q) && testQueue) {
                out.add(
                        Finding.warning(
                                "ami.queue-" + id(q),
                                "Asterisk has no queue '" + q + "' (" + by + "): the test"
                                        + " call cannot check the queue hop",
                                "add [" + q + "](hotline-queue) without members to"
                                        + " queues.conf (docker/asterisk/queues.conf has it), then 'module reload app_queue.so'"));
                return;
            }
            if (!found.containsKey(q)) {
                out.add(Finding.problem(
                        "ami.queue-" + id(q),
                        "Asterisk has no queue '" + q + "' (named by " + by + ")",
                        "add [" + q + "] to queues.conf (docker/asterisk/queues.conf has it), then 'module reload"
                                + " app_queue.so'"));
                return;
            }
            Map<String, String> members = found.get(q).members();
            if (testQueue) {
                out.add(Finding.ok("ami.queue-" + id(q), "queue '" + q + "' exists (" + by + ")"));
                return;
            }
            if (members.isEmpty()) {
                out.add(Finding.warning(
                        "ami.queue-" + id(q),
                        "queue '" + q + "' (named by " + by + ") has no members:" + " nobody can answer it",
                        "add member => PJSIP/<agent> lines to queues.conf [" + q
                                + "], or log agents into it from the console"));
                return;
            }
            List<String> broken =
                    members.keySet().stream().filter(m -> !memberExists.test(m)).toList();
            if (!broken.isEmpty()) {
                boolean none = broken.size() == members.size();
                String detail = "queue '" + q + "': member interface " + String.join(", ", broken)
                        + " does not exist in Asterisk" + (none ? ": nobody can answer it" : "");
                String fix = "queues.conf [" + q + "] member: name an endpoint that exists (pjsip.conf) or a Local/"
                        + "<exten>@<context> whose extension exists (extensions.conf)";
                out.add(Finding.warning("ami.queue-" + id(q), detail, fix));
                return;
            }
            out.add(Finding.ok(
                    "ami.queue-" + id(q),
                    "queue '" + q + "' exists with " + members.size() + " member" + (members.size() == 1 ? "" : "s")
                            + " (" + String.join(", ", members.keySet()) + ")"));
        });
        return out;
    }

    /** A {@code Local/<exten>@<context>} member's extension exists; any other interface's device is not INVALID. */
    boolean memberExists(String iface) {
        if (iface.startsWith("Local/") && iface.contains("@")) {
            String rest = iface.substring("Local/".length());
            int at = rest.indexOf('@');
            String ctx = rest.substring(at + 1).split("/")[0];
            return "1"
                    .equals(ami.getvar(null, "DIALPLAN_EXISTS(" + ctx + "," + rest.substring(0, at) + ",1)")
                            .orElse(""));
        }
        return !"INVALID".equals(ami.getvar(null, "DEVICE_STATE(" + iface + ")").orElse("INVALID"));
    }

    /**
     * The caller's entry extension(s), the queue entry for every expected queue, and the globals the shipped
     * dialplan reads ({@code HOTLINE_AGI}, {@code FALLBACK_QUEUE}, {@code HOTLINE_ARI_APP}) against the settings.
     */
    List<Finding> dialplan(Set<String> queues) {
        List<Finding> out = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        if (config.usesAgi()) {
            entries.add(config.agiExten());
        }
        if (config.usesAri()) {
            entries.add(config.ariExten());
        }
        for (String exten : entries) {
            boolean exists = exists(config.context(), exten);
            out.add(
                    exists
                            ? Finding.ok(
                                    "dialplan.entry-" + id(exten),
                                    "extension " + exten + " exists in context [" + config.context() + "]")
                            : Finding.problem(
                                    "dialplan.entry-" + id(exten),
                                    "context [" + config.context() + "] has no extension " + exten,
                                    "extensions.conf [" + config.context() + "] needs exten => " + exten + " as in"
                                            + " docker/asterisk/extensions.conf (or run the doctor with --context / --agi-exten /"
                                            + " --ari-exten naming yours), then 'dialplan reload'"));
        }
        List<String> noEntry = queues.stream().filter(q -> !exists("queues", q)).toList();
        out.add(
                noEntry.isEmpty()
                        ? Finding.ok(
                                "dialplan.queues",
                                "context [queues] takes every queue Hotline hands" + " calls to ("
                                        + String.join(", ", queues) + ")")
                        : Finding.problem(
                                "dialplan.queues",
                                "context [queues] has no extension for " + String.join(", ", noEntry)
                                        + ": the hand-off has nowhere to go",
                                "extensions.conf [queues] needs exten => _[a-z].,1,..."
                                        + "Queue(${EXTEN},...) as in docker/asterisk/extensions.conf, then 'dialplan reload'"));
        out.add(fallback(ami.getvar(null, "FALLBACK_QUEUE").orElse(""), config.fallbackQueue()));
        if (config.usesAgi()) {
            out.add(agiGlobal(
                    ami.getvar(null, "HOTLINE_AGI").orElse(""), config.agi().port()));
        }
        if (config.usesAri()) {
            String app = ami.getvar(null, "HOTLINE_ARI_APP").orElse("");
            out.add(
                    app.equals(config.ari().app())
                            ? Finding.ok(
                                    "dialplan.ari-app", "HOTLINE_ARI_APP = " + app + " = Hotline's HOTLINE_ARI_APP")
                            : Finding.problem(
                                    "dialplan.ari-app",
                                    "the dialplan's HOTLINE_ARI_APP is '" + app + "' but Hotline" + " registers '"
                                            + config.ari().app() + "'",
                                    "extensions.conf [globals] HOTLINE_ARI_APP = "
                                            + config.ari().app()
                                            + " (or set HOTLINE_ARI_APP to match), then 'dialplan reload'"));
        }
        return out;
    }

    /**
     * What a transfer to one agent and a supervisor's give need (README, "One agent on Asterisk"): the queue
     * {@code hotline-agent} and the context {@code [hotline-agent]} taking an agent's number. A warning when one
     * lacks: every other call works, those two moves ring nobody.
     */
    List<Finding> oneAgent(Map<String, Queue> found) {
        String q = io.hotline.telephony.ami.AmiCalls.DIRECT_QUEUE;
        List<String> lacking = new ArrayList<>();
        if (!found.containsKey(q)) {
            lacking.add("queue " + q + " (queues.conf)");
        }
        if (!exists(q, "1")) {
            lacking.add("context [" + q + "] (extensions.conf)");
        }
        if (lacking.isEmpty()) {
            return List.of(Finding.ok(
                    "dialplan.one-agent",
                    "queue and context " + q + " exist: a transfer or give to one agent rings that agent"));
        }
        return List.of(Finding.warning(
                "dialplan.one-agent",
                "no " + String.join(" and no ", lacking) + ": a transfer to one agent or a supervisor's Give rings"
                        + " nobody",
                "copy [" + q + "] from docker/asterisk/queues.conf and extensions.conf (with the WITHDRAW line of"
                        + " [queues] and the AGENT_RING global), then 'module reload app_queue.so' and 'dialplan"
                        + " reload'"));
    }

    static Finding fallback(String dialplan, String hotline) {
        if (dialplan.equals(hotline)) {
            return Finding.ok(
                    "dialplan.fallback",
                    "FALLBACK_QUEUE = " + hotline + " = HOTLINE_FALLBACK_QUEUE: callers"
                            + " go there when the IVR is unreachable");
        }
        return Finding.problem(
                "dialplan.fallback",
                "the dialplan's FALLBACK_QUEUE is '" + dialplan + "' but HOTLINE_FALLBACK_QUEUE is '" + hotline + "'",
                "extensions.conf [globals] FALLBACK_QUEUE = " + hotline + ", then 'dialplan reload'");
    }

    /** {@code agi://host:port/...}: the port must be the one Hotline listens on. */
    static Finding agiGlobal(String value, int port) {
        Optional<Integer> p = agiPort(value);
        if (p.isPresent() && p.get() == port) {
            return Finding.ok(
                    "dialplan.agi-address", "HOTLINE_AGI = " + value + " (Hotline listens on port " + port + ")");
        }
        return Finding.problem(
                "dialplan.agi-address",
                value.isEmpty()
                        ? "the dialplan has no HOTLINE_AGI global"
                        : "HOTLINE_AGI = " + value + " but Hotline listens on port " + port + " (HOTLINE_AGI_PORT)",
                "extensions.conf [globals] HOTLINE_AGI = agi://<Hotline's host>:" + port + ", then 'dialplan reload'");
    }

    static Optional<Integer> agiPort(String url) {
        var m = java.util.regex.Pattern.compile("agis?://[^/:]+(?::(\\d+))?(?:/.*)?")
                .matcher(url.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) == null ? 4573 : Integer.parseInt(m.group(1)));
    }

    private boolean exists(String context, String exten) {
        return "1"
                .equals(ami.getvar(null, "DIALPLAN_EXISTS(" + context + "," + exten + ",1)")
                        .orElse(""));
    }

    /** A check id part from a name: lower case, letters, digits and '-'. */
    static String id(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        return s.isEmpty() ? "x" : s;
    }
}
