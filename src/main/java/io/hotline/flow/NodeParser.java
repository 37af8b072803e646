package io.hotline.flow;

import io.hotline.flow.LocatedYaml.Entry;
import io.hotline.flow.LocatedYaml.MapNode;
import io.hotline.flow.LocatedYaml.Scalar;
import io.hotline.flow.LocatedYaml.Seq;
import io.hotline.flow.ParsedFlow.ParsedNode;
import io.hotline.flow.ParsedFlow.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns one node's YAML into a {@link ParsedNode} (and its {@link Node} record when the node
 * has no problem). Checks what can be seen in the node alone; references to other nodes,
 * flows and actions are the {@link FlowChecker}'s job.
 */
final class NodeParser {
    /** Node type → its fields, in the order the docs list them. */
    static final Map<String, List<String>> FIELDS = fields();

    static final List<String> TYPES = List.copyOf(FIELDS.keySet());
    private static final Pattern ARG_VARIABLE = Pattern.compile("\\$\\{(" + PromptTemplates.VARIABLE.pattern() + ")}");
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern DTMF_KEY = Pattern.compile("[0-9*#]");

    private static Map<String, List<String>> fields() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(
                "menu",
                List.of(
                        "type",
                        "prompt",
                        "options",
                        "timeout",
                        "retries",
                        "invalid",
                        "no-input",
                        "on-fail",
                        "barge-in"));
        m.put(
                "input",
                List.of(
                        "type",
                        "prompt",
                        "variable",
                        "min-length",
                        "max-length",
                        "terminator",
                        "first-digit",
                        "inter-digit",
                        "overall",
                        "retries",
                        "pattern",
                        "invalid",
                        "no-input",
                        "secure",
                        "next",
                        "on-fail"));
        m.put("say", List.of("type", "prompt", "next"));
        m.put("record", List.of("type", "prompt", "max", "silence", "variable", "next"));
        m.put("action", List.of("type", "action", "args", "timeout", "outcomes"));
        m.put("branch", List.of("type", "cases", "otherwise"));
        m.put("subflow", List.of("type", "flow", "outcomes"));
        m.put("return", List.of("type", "outcome"));
        m.put("queue", List.of("type", "queue", "priority", "category", "prompt", "callback", "closed"));
        m.put("hangup", List.of("type", "prompt"));
        m.put("hours", List.of("type", "queue", "open", "closed", "holiday"));
        m.put("announce", List.of("type", "journey", "next"));
        return java.util.Collections.unmodifiableMap(m);
    }

    private final String flowId;
    private final List<String> languages;
    private final ProblemSink sink;

    // state of the node being parsed
    private String nodeId;
    private Fields f;
    private List<Ref> refs;

    /**
     * @param languages the flow's languages, or null when they could not be read (then prompts
     *                  are not checked for missing languages)
     */
    NodeParser(String flowId, List<String> languages, ProblemSink sink) {
        this.flowId = flowId;
        this.languages = languages;
        this.sink = sink;
    }

    ParsedNode parse(String id, int line, LocatedYaml value) {
        nodeId = id;
        refs = new ArrayList<>();
        if (!(value instanceof MapNode map)) {
            sink.add(line, id, "a node must be a map with a 'type' and its fields");
            return new ParsedNode(id, null, line, List.of(), null, 0, 0, null);
        }
        int before = sink.count();
        String type = new Fields(map, new ProblemSink(sink.file()), id, "a node", line).text("type", false);
        f = new Fields(
                map,
                sink,
                id,
                type == null || !TYPES.contains(type)
                        ? "a node"
                        : (type.matches("[aeiou].*") ? "an " : "a ") + type + " node",
                line);
        if (type == null) {
            f.missing("type");
            return new ParsedNode(id, null, line, List.of(), null, 0, 0, null);
        }
        if (!TYPES.contains(type)) {
            sink.add(f.line("type"), id, "unknown node type '" + type + "' (one of: " + String.join(", ", TYPES) + ")");
            return new ParsedNode(id, null, line, List.of(), null, 0, 0, null);
        }
        f.rejectUnknown(FIELDS.get(type));
        Source src = sink.at(line);
        String name = null;
        Node node = null;
        switch (type) {
            case "menu" -> node = menu(src);
            case "input" -> node = input(src);
            case "say" -> {
                node = new Node.Say(id, src, prompt("prompt", true), target("next", true));
            }
            case "record" -> node = record(src);
            case "action" -> {
                name = f.text("action", true);
                node = action(src, name);
            }
            case "branch" -> node = branch(src);
            case "subflow" -> {
                name = f.text("flow", true);
                MapNode outcomes = f.map("outcomes", false);
                node = new Node.Subflow(id, src, name, outcomes == null ? Map.of() : outcomes(outcomes));
            }
            case "return" -> {
                name = f.text("outcome", true);
                node = new Node.Return(id, src, name);
            }
            case "queue" -> {
                node = queue(src);
                name = node instanceof Node.Queue q ? q.queue() : null;
            }
            case "hours" -> {
                name = queueName();
                String open = target("open", true);
                String closed = target("closed", true);
                String holiday = f.has("holiday") ? target("holiday", true) : closed;
                node = name == null || open == null || closed == null || holiday == null
                        ? null
                        : new Node.Hours(id, src, name, open, closed, holiday);
            }
            case "announce" -> {
                String journey = f.has("journey") ? f.text("journey", true) : flowId;
                if (journey != null && !FlowParser.ID.matcher(journey).matches()) {
                    sink.add(f.line("journey"), id, "'journey' must be a flow id (letters, digits, _ and -)");
                }
                String next = target("next", true);
                node = journey == null || next == null ? null : new Node.Announce(id, src, journey, next);
            }
            case "hangup" -> {
                node = new Node.Hangup(id, src, prompt("prompt", false));
            }
            default -> throw new IllegalStateException(type);
        }
        int nameLine = f.line(
                switch (type) {
                    case "action" -> "action";
                    case "subflow" -> "flow";
                    case "queue", "hours" -> "queue";
                    default -> "outcome";
                });
        int outcomesLine = f.has("outcomes") ? f.line("outcomes") : 0;
        return new ParsedNode(
                id, type, line, List.copyOf(refs), name, nameLine, outcomesLine, sink.count() == before ? node : null);
    }

    private Node menu(Source src) {
        Prompt prompt = prompt("prompt", true);
        Map<String, String> options = new LinkedHashMap<>();
        MapNode map = f.map("options", true);
        if (map != null) {
            if (map.entries().isEmpty()) {
                sink.add(f.line("options"), nodeId, "'options' has no keys");
            }
            Fields.distinct(map, sink, nodeId, "option key").forEach((key, e) -> {
                if (!DTMF_KEY.matcher(key).matches()) {
                    sink.add(e.key().line(), nodeId, "option key '" + key + "' is not a single key 0-9, * or #");
                }
                String target = scalarTarget(e, "option '" + key + "'");
                if (target == null) {
                    return;
                }
                if (target.startsWith("@")) {
                    if (!target.equals(Node.Menu.REPEAT) && !target.equals(Node.Menu.SWITCH_LANGUAGE)) {
                        sink.add(
                                e.key().line(),
                                nodeId,
                                "option '" + key + "' goes to unknown built-in target '" + target + "' ("
                                        + Node.Menu.REPEAT + " or " + Node.Menu.SWITCH_LANGUAGE + ")");
                    }
                } else {
                    refs.add(new Ref(
                            "option '" + key + "'", null, target, e.key().line()));
                }
                options.put(key, target);
            });
        }
        Duration timeout = f.duration("timeout", null);
        Integer retries = f.integer("retries", 2, 0);
        Prompt invalid = prompt("invalid", true);
        Prompt noInput = prompt("no-input", true);
        String onFail = target("on-fail", true);
        Boolean bargeIn = f.bool("barge-in", true);
        if (prompt == null
                || timeout == null
                || retries == null
                || invalid == null
                || noInput == null
                || onFail == null
                || bargeIn == null) {
            return null;
        }
        return new Node.Menu(nodeId, src, prompt, options, timeout, retries, invalid, noInput, onFail, bargeIn);
    }

    private Node input(Source src) {
        Prompt prompt = prompt("prompt", true);
        String variable = f.text("variable", true);
        if (variable != null && !PromptTemplates.VARIABLE.matcher(variable).matches()) {
            sink.add(
                    f.line("variable"),
                    nodeId,
                    "variable name '" + variable
                            + "' may only hold letters, digits, _, . and - (starting with a letter or _)");
        }
        Integer min = f.integer("min-length", 1, 0);
        Integer max = f.integer("max-length", 1);
        if (min != null && max != null && min > max) {
            sink.add(f.line("min-length"), nodeId, "'min-length' " + min + " is more than 'max-length' " + max);
        }
        String terminator = f.has("terminator") ? f.text("terminator", false) : "#";
        terminator = terminator == null ? "" : terminator;
        if (!List.of("", "#", "*").contains(terminator)) {
            sink.add(
                    f.line("terminator"),
                    nodeId,
                    "'terminator' must be \"#\", \"*\" or \"\" (none), got '" + terminator + "'");
        }
        Duration first = f.duration("first-digit", Duration.ofSeconds(5));
        Duration inter = f.duration("inter-digit", Duration.ofSeconds(3));
        Duration overall = f.duration("overall", Duration.ofSeconds(20));
        Integer retries = f.integer("retries", 2, 0);
        String pattern = f.text("pattern", false);
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                sink.add(
                        f.line("pattern"),
                        nodeId,
                        "'pattern' is not a valid regular expression: " + e.getDescription() + " near index "
                                + e.getIndex());
            }
        }
        Prompt invalid = prompt("invalid", true);
        Prompt noInput = prompt("no-input", true);
        Boolean secure = f.bool("secure", false);
        String next = target("next", true);
        String onFail = target("on-fail", true);
        if (prompt == null
                || variable == null
                || min == null
                || max == null
                || first == null
                || inter == null
                || overall == null
                || retries == null
                || invalid == null
                || noInput == null
                || secure == null
                || next == null
                || onFail == null) {
            return null;
        }
        return new Node.Input(
                nodeId,
                src,
                prompt,
                variable,
                min,
                max,
                terminator,
                first,
                inter,
                overall,
                retries,
                pattern,
                invalid,
                noInput,
                secure,
                next,
                onFail);
    }

    private Node record(Source src) {
        Prompt prompt = prompt("prompt", true);
        String variable = f.text("variable", true);
        if (variable != null && !PromptTemplates.VARIABLE.matcher(variable).matches()) {
            sink.add(
                    f.line("variable"),
                    nodeId,
                    "variable name '" + variable
                            + "' may only hold letters, digits, _, . and - (starting with a letter or _)");
        }
        Duration max = f.duration("max", Duration.ofMinutes(2));
        Duration silence = f.duration("silence", Duration.ofSeconds(5));
        if (max != null && (max.isZero() || max.compareTo(Duration.ofMinutes(10)) > 0)) {
            sink.add(f.line("max"), nodeId, "'max' must be more than 0s and at most 10m, got " + max.toSeconds() + "s");
        }
        String next = target("next", true);
        if (prompt == null || variable == null || max == null || silence == null || next == null) {
            return null;
        }
        return new Node.RecordMessage(nodeId, src, prompt, max, silence, variable, next);
    }

    private Node action(Source src, String name) {
        Map<String, String> args = new LinkedHashMap<>();
        MapNode argMap = f.map("args", false);
        if (argMap != null) {
            Fields.distinct(argMap, sink, nodeId, "argument").forEach((key, e) -> {
                if (!(e.value() instanceof Scalar s) || s.isNull()) {
                    sink.add(e.key().line(), nodeId, "argument '" + key + "' must be a single value");
                    return;
                }
                if (s.text().contains("${") && !ARG_VARIABLE.matcher(s.text()).matches()) {
                    sink.add(
                            e.key().line(),
                            nodeId,
                            "argument '" + key + "' must be a literal or a whole ${variable}, got '" + s.text() + "'");
                }
                args.put(key, s.text());
            });
        }
        Duration timeout = f.duration("timeout", Duration.ofSeconds(3));
        MapNode outcomes = f.map("outcomes", true);
        Map<String, String> exits = outcomes == null ? null : outcomes(outcomes);
        if (name == null || timeout == null || exits == null) {
            return null;
        }
        return new Node.Action(nodeId, src, name, args, exits, timeout);
    }

    private Node branch(Source src) {
        Seq seq = f.seq("cases", true);
        List<Node.Case> cases = new ArrayList<>();
        if (seq != null) {
            if (seq.items().isEmpty()) {
                sink.add(f.line("cases"), nodeId, "'cases' has no case");
            }
            int n = 0;
            for (LocatedYaml item : seq.items()) {
                n++;
                if (!(item instanceof MapNode m)) {
                    sink.add(item.line(), nodeId, "case " + n + " must be a map with 'when' and 'goto'");
                    continue;
                }
                Fields c = new Fields(m, sink, nodeId, "a branch case", m.line());
                c.rejectUnknown(List.of("when", "goto"));
                String when = c.text("when", true);
                Condition condition = null;
                if (when != null) {
                    try {
                        condition = Condition.parse(when);
                    } catch (IllegalArgumentException e) {
                        sink.add(c.line("when"), nodeId, "case " + n + ": malformed condition: " + e.getMessage());
                    }
                }
                String target = c.text("goto", true);
                if (target != null) {
                    refs.add(new Ref("case " + n, null, target, c.line("goto")));
                }
                if (condition != null && target != null) {
                    cases.add(new Node.Case(condition, target, sink.at(m.line())));
                }
            }
        }
        String otherwise = target("otherwise", true);
        return otherwise == null ? null : new Node.Branch(nodeId, src, cases, otherwise);
    }

    private Node queue(Source src) {
        String queue = queueName();
        Integer priority = f.integer("priority", 0, 0);
        String category = f.text("category", true);
        Prompt prompt = prompt("prompt", false);
        Prompt closed = prompt("closed", false);
        boolean callbackOk = true;
        Node.CallbackOffer callback = null;
        MapNode cb = f.map("callback", false);
        if (cb != null) {
            int before = sink.count();
            callback = callback(cb);
            callbackOk = sink.count() == before && callback != null;
        }
        if (callback != null && callback.whenClosed() != null && closed == null) {
            sink.add(
                    f.line("callback"),
                    nodeId,
                    "'when-closed' needs the queue node's 'closed' prompt (said when the caller does not take"
                            + " the offer); without it the queue is never treated as closed here");
            callbackOk = false;
        }
        if (queue == null || priority == null || category == null || !callbackOk) {
            return null;
        }
        return new Node.Queue(nodeId, src, prompt, queue, priority, category, callback, closed);
    }

    /** The {@code queue} field: an Asterisk queue name. */
    private String queueName() {
        String queue = f.text("queue", true);
        if (queue != null) {
            if (queue.equalsIgnoreCase("general")) {
                sink.add(
                        f.line("queue"),
                        nodeId,
                        "a queue cannot be named 'general' (that is the settings section"
                                + " of Asterisk's queues.conf); use e.g. 'general-support'");
            } else if (!QUEUE_NAME.matcher(queue).matches()) {
                sink.add(f.line("queue"), nodeId, "queue name '" + queue + "' may only hold letters, digits, _ and -");
            }
        }
        return queue;
    }

    /** The fields of a queue node's {@code callback:} map, in the order the docs list them. */
    static final List<String> CALLBACK_FIELDS =
            List.of("offered", "offer-after", "offer", "number", "booked", "refused", "when-closed");

    /** The fields of a callback's {@code when-closed:} map. */
    static final List<String> WHEN_CLOSED_FIELDS = List.of("offered", "offer", "booked", "refused");

    /** A queue node's {@code callback:} offer; its prompts are {@code <flow>.<node>.callback-<field>}. */
    private Node.CallbackOffer callback(MapNode cb) {
        Fields outer = f;
        f = new Fields(cb, sink, nodeId, "a queue node's callback", cb.line());
        try {
            f.rejectUnknown(CALLBACK_FIELDS);
            Boolean offered = f.bool("offered", true);
            Duration after = f.has("offer-after") && "0s".equals(f.text("offer-after", false))
                    ? Duration.ZERO
                    : f.duration("offer-after", Duration.ofMinutes(2));
            Prompt offer = prompt("offer", true, "callback-offer");
            Prompt number = prompt("number", true, "callback-number");
            Prompt booked = prompt("booked", true, "callback-booked");
            Prompt refused = prompt("refused", true, "callback-refused");
            MapNode closed = f.map("when-closed", false);
            int before = sink.count();
            Node.WhenClosed whenClosed = closed == null ? null : whenClosed(closed);
            if (closed != null && (whenClosed == null || sink.count() != before)) {
                return null;
            }
            if (offered == null
                    || after == null
                    || offer == null
                    || number == null
                    || booked == null
                    || refused == null) {
                return null;
            }
            return new Node.CallbackOffer(offered, after, offer, number, booked, refused, whenClosed);
        } finally {
            f = outer;
        }
    }

    /** A callback's {@code when-closed:}; its prompts are {@code <flow>.<node>.callback-closed-<field>}. */
    private Node.WhenClosed whenClosed(MapNode wc) {
        Fields outer = f;
        f = new Fields(wc, sink, nodeId, "a callback's when-closed", wc.line());
        try {
            f.rejectUnknown(WHEN_CLOSED_FIELDS);
            Boolean offered = f.bool("offered", true);
            Prompt offer = prompt("offer", true, "callback-closed-offer");
            Prompt booked = prompt("booked", true, "callback-closed-booked");
            Prompt refused = prompt("refused", false, "callback-closed-refused");
            if (offered == null || offer == null || booked == null) {
                return null;
            }
            return new Node.WhenClosed(offered, offer, booked, refused);
        } finally {
            f = outer;
        }
    }

    /** An exit field naming a node of this flow. */
    private String target(String field, boolean required) {
        String t = f.text(field, required);
        if (t != null) {
            refs.add(new Ref("'" + field + "'", null, t, f.line(field)));
        }
        return t;
    }

    private String scalarTarget(Entry e, String label) {
        if (e.value() instanceof Scalar s && !s.isNull()) {
            return s.text();
        }
        sink.add(e.key().line(), nodeId, label + " must name a node");
        return null;
    }

    /** Outcome → node exits of an action or subflow. */
    private Map<String, String> outcomes(MapNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        Fields.distinct(map, sink, nodeId, "outcome").forEach((key, e) -> {
            String target = scalarTarget(e, "outcome '" + key + "'");
            if (target != null) {
                refs.add(new Ref("outcome '" + key + "'", key, target, e.key().line()));
                out.put(key, target);
            }
        });
        return out;
    }

    /** A prompt field: language → template, every declared language present. */
    private Prompt prompt(String field, boolean required) {
        return prompt(field, required, field);
    }

    /** As {@link #prompt(String, boolean)}, its id ending in {@code idPart} instead of the field's name. */
    private Prompt prompt(String field, boolean required, String idPart) {
        LocatedYaml value = f.value(field);
        if ((value instanceof Scalar s && !s.isNull()) || value instanceof Seq) {
            sink.add(f.line(field), nodeId, "'" + field + "' must be a map of language: text, e.g. { en: \"...\" }");
            return null;
        }
        MapNode map = f.map(field, required);
        if (map == null) {
            return null;
        }
        String id = flowId + "." + nodeId + "." + idPart;
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, List<Segment>> segments = new LinkedHashMap<>();
        boolean ok = true;
        Map<String, Entry> byLanguage = Fields.distinct(map, sink, nodeId, "language");
        for (Map.Entry<String, Entry> le : byLanguage.entrySet()) {
            String lang = le.getKey();
            int line = le.getValue().key().line();
            if (languages != null && !languages.contains(lang)) {
                sink.add(
                        line,
                        nodeId,
                        "'" + field + "' has text for language '" + lang
                                + "', which the flow does not declare (languages: " + String.join(", ", languages)
                                + ")");
                ok = false;
                continue;
            }
            if (!(le.getValue().value() instanceof Scalar s) || s.isNull()) {
                sink.add(line, nodeId, "'" + field + "' (" + lang + ") must be text");
                ok = false;
                continue;
            }
            try {
                segments.put(lang, PromptTemplates.parse(s.text(), id));
                texts.put(lang, s.text());
            } catch (IllegalArgumentException e) {
                sink.add(line, nodeId, "'" + field + "' (" + lang + ") " + e.getMessage());
                ok = false;
            }
        }
        Set<String> missing = new LinkedHashSet<>(languages == null ? List.of() : languages);
        missing.removeAll(byLanguage.keySet());
        for (String lang : missing) {
            sink.add(f.line(field), nodeId, "'" + field + "' is missing language '" + lang + "'");
            ok = false;
        }
        return ok ? new Prompt(id, texts, segments, sink.at(f.line(field))) : null;
    }
}
