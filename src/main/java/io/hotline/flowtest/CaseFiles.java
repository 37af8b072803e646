package io.hotline.flowtest;

import io.hotline.flow.Problem;
import io.hotline.flow.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the case files {@code <flows dir>/tests/*.yaml}. Each is a map with a {@code cases}
 * list (format in {@code docs/flow-files.md}). Every problem is reported with file and line,
 * and reading carries on past it; a case with a problem is left out.
 *
 * <p>Stateless and thread-safe.
 */
public final class CaseFiles {
    private static final List<String> CASE_FIELDS =
            List.of("name", "caller", "flow", "language", "keys", "fixture", "stub", "expect");
    private static final List<String> EXPECT_FIELDS =
            List.of("prompts", "never-heard", "actions", "end", "queue", "ticket");
    private static final Set<String> ENDS = Set.of("queued", "hangup", "caller_hangup", "error");

    /** The cases read, and every problem found. */
    public record Loaded(List<FlowCase> cases, List<Problem> problems) {
        public Loaded {
            cases = List.copyOf(cases);
            problems = List.copyOf(problems);
        }
    }

    private CaseFiles() {
    }

    /** Reads every {@code *.yaml} in {@code flowsDir/tests}, in name order. */
    public static Loaded read(Path flowsDir) {
        Path dir = flowsDir.resolve("tests");
        if (!Files.isDirectory(dir)) {
            return new Loaded(List.of(), List.of(new Problem(new Source(dir.toString(), 0), null,
                    "no tests directory (case files go in " + dir + "/*.yaml)")));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return new Loaded(List.of(), List.of(new Problem(new Source(dir.toString(), 0), null,
                    "cannot list: " + e.getMessage())));
        }
        List<FlowCase> cases = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Source> names = new HashMap<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(new Problem(new Source(f.toString(), 0), null, "cannot read: " + e.getMessage()));
                continue;
            }
            Loaded one = parse(f.toString(), text);
            problems.addAll(one.problems());
            for (FlowCase c : one.cases()) {
                Source first = names.putIfAbsent(c.name(), c.source());
                if (first != null) {
                    problems.add(new Problem(c.source(), null, "case name '" + c.name() + "' is used twice (first at "
                            + first + ")"));
                } else {
                    cases.add(c);
                }
            }
        }
        if (files.isEmpty()) {
            problems.add(new Problem(new Source(dir.toString(), 0), null, "no case files (*.yaml) here"));
        }
        return new Loaded(cases, problems.stream().sorted().toList());
    }

    /** Reads the cases of one file's text; {@code file} is how problems name it. */
    public static Loaded parse(String file, String text) {
        var reader = new Reader(file);
        reader.read(text);
        return new Loaded(reader.cases, reader.problems);
    }

    /** Reads one file, collecting cases and problems. */
    private static final class Reader {
        private final String file;
        private final List<FlowCase> cases = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private int before;

        Reader(String file) {
            this.file = file;
        }

        void read(String text) {
            Node root;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setMaxAliasesForCollections(20);
                root = new Yaml(options).compose(new java.io.StringReader(text));
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                problem(mark == null ? 1 : mark.getLine() + 1, "YAML syntax error: " + e.getProblem());
                return;
            } catch (YAMLException e) {
                problem(1, "YAML error: " + e.getMessage());
                return;
            }
            if (!(root instanceof MappingNode top)) {
                problem(root == null ? 1 : line(root), "a case file must be a map with a 'cases' list");
                return;
            }
            Map<String, NodeTuple> fields = fields(top, List.of("cases"), "a case file");
            NodeTuple list = fields.get("cases");
            if (list == null) {
                problem(line(top), "missing 'cases' (a list of cases)");
                return;
            }
            if (!(list.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problem(line(list.getKeyNode()), "'cases' must be a list of cases");
                return;
            }
            for (Node item : seq.getValue()) {
                before = problems.size();
                FlowCase c = flowCase(item);
                if (c != null && problems.size() == before) {
                    cases.add(c);
                }
            }
        }

        private FlowCase flowCase(Node item) {
            if (!(item instanceof MappingNode m)) {
                problem(line(item), "a case must be a map with name, caller, keys and expect");
                return null;
            }
            Map<String, NodeTuple> f = fields(m, CASE_FIELDS, "a case");
            String name = text(f, "name", m, true);
            String caller = text(f, "caller", m, false);
            if (caller != null && !caller.matches("[0-9+]*")) {
                problem(f.get("caller"), "'caller' must be a phone number (digits), got '" + caller + "'");
            }
            String flow = orElse(text(f, "flow", m, false), "main");
            String language = orElse(text(f, "language", m, false), "en");
            String keys = orElse(text(f, "keys", m, false), "");
            if (!keys.replaceAll("\\s+", "").matches("[0-9*#.]*")) {
                problem(f.get("keys"), "'keys' may only hold 0-9 * # . and spaces, got '" + keys + "'");
            }
            Map<String, List<Fixture>> fixture = fixture(f.get("fixture"), caller == null ? "" : caller);
            Map<String, String> stubs = new LinkedHashMap<>();
            NodeTuple stub = f.get("stub");
            if (stub != null) {
                if (stub.getValueNode() instanceof MappingNode sm) {
                    for (NodeTuple t : sm.getValue()) {
                        String outcome = scalar(t.getValueNode());
                        if (outcome == null) {
                            problem(t, "stub '" + scalar(t.getKeyNode()) + "' must name an outcome");
                        } else {
                            stubs.put(scalar(t.getKeyNode()), outcome);
                        }
                    }
                } else {
                    problem(stub, "'stub' must be a map of action: outcome");
                }
            }
            NodeTuple e = f.get("expect");
            FlowCase.Expectation expect = null;
            if (e == null) {
                problem(line(m), "missing 'expect' (what must happen)");
            } else if (!(e.getValueNode() instanceof MappingNode em)) {
                problem(e, "'expect' must be a map");
            } else {
                expect = expectation(em);
            }
            if (name == null || expect == null) {
                return null;
            }
            return new FlowCase(name, new Source(file, line(m)), caller == null ? "" : caller, flow, language, keys,
                    fixture, stubs, expect);
        }

        private FlowCase.Expectation expectation(MappingNode em) {
            Map<String, NodeTuple> f = fields(em, EXPECT_FIELDS, "'expect'");
            List<String> prompts = strings(f.get("prompts"));
            List<String> never = strings(f.get("never-heard"));
            List<FlowCase.ExpectedAction> actions = new ArrayList<>();
            NodeTuple a = f.get("actions");
            if (a != null) {
                if (!(a.getValueNode() instanceof SequenceNode seq)) {
                    problem(a, "'actions' must be a list such as [freeze_account: frozen, recent_transactions]");
                } else {
                    for (Node item : seq.getValue()) {
                        if (item instanceof MappingNode am && am.getValue().size() == 1) {
                            NodeTuple t = am.getValue().getFirst();
                            actions.add(new FlowCase.ExpectedAction(scalar(t.getKeyNode()), scalar(t.getValueNode())));
                        } else if (scalar(item) != null) {
                            actions.add(new FlowCase.ExpectedAction(scalar(item), null));
                        } else {
                            problem(line(item), "an expected action is 'name' or 'name: outcome'");
                        }
                    }
                }
            }
            String end = text(f, "end", em, false);
            if (end != null && !ENDS.contains(end)) {
                problem(f.get("end"), "'end' must be one of queued, hangup, caller_hangup, error; got '" + end + "'");
            }
            String queue = text(f, "queue", em, false);
            String ticket = text(f, "ticket", em, false);
            if (prompts.isEmpty() && never.isEmpty() && actions.isEmpty() && end == null && queue == null
                    && ticket == null) {
                problem(line(em), "'expect' checks nothing (give prompts, actions, end, queue or ticket)");
            }
            return new FlowCase.Expectation(prompts, never, actions, end, queue, ticket);
        }

        /** {@code fixture: [words]} for the caller's account, or {@code fixture: {number: [words]}}. */
        private Map<String, List<Fixture>> fixture(NodeTuple t, String caller) {
            Map<String, List<Fixture>> out = new LinkedHashMap<>();
            if (t == null) {
                return out;
            }
            Node v = t.getValueNode();
            if (v instanceof SequenceNode || v instanceof ScalarNode) {
                if (caller.isEmpty()) {
                    problem(t, "a fixture list applies to the caller's account: give 'caller', or write "
                            + "fixture: {\"<number>\": [...]}");
                    return out;
                }
                out.put(caller, fixtures(v));
            } else if (v instanceof MappingNode m) {
                for (NodeTuple e : m.getValue()) {
                    String number = scalar(e.getKeyNode());
                    if (number == null || !number.matches("[0-9+]+")) {
                        problem(e, "fixture keys must be phone numbers, got '" + number + "'");
                        continue;
                    }
                    out.put(number, fixtures(e.getValueNode()));
                }
            }
            return out;
        }

        private List<Fixture> fixtures(Node v) {
            List<Fixture> out = new ArrayList<>();
            List<Node> items = v instanceof SequenceNode s ? s.getValue() : List.of(v);
            for (Node item : items) {
                String words = scalar(item);
                if (words == null) {
                    problem(line(item), "a fixture is a few words such as 'account frozen'");
                    continue;
                }
                try {
                    out.add(Fixture.parse(words));
                } catch (IllegalArgumentException e) {
                    problem(line(item), e.getMessage());
                }
            }
            return out;
        }

        private List<String> strings(NodeTuple t) {
            if (t == null) {
                return List.of();
            }
            Node v = t.getValueNode();
            List<Node> items = v instanceof SequenceNode s ? s.getValue() : List.of(v);
            List<String> out = new ArrayList<>();
            for (Node item : items) {
                String s = scalar(item);
                if (s == null || s.isBlank()) {
                    problem(line(item), "'" + scalar(t.getKeyNode()) + "' must be a list of texts");
                } else {
                    out.add(s);
                }
            }
            return out;
        }

        private Map<String, NodeTuple> fields(MappingNode m, List<String> allowed, String what) {
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                if (key == null || !allowed.contains(key)) {
                    problem(t, "unknown field '" + key + "' in " + what + " (allowed: " + String.join(", ", allowed)
                            + ")");
                } else if (out.putIfAbsent(key, t) != null) {
                    problem(t, "duplicate field '" + key + "'");
                }
            }
            return out;
        }

        private String text(Map<String, NodeTuple> f, String name, Node parent, boolean required) {
            NodeTuple t = f.get(name);
            if (t == null) {
                if (required) {
                    problem(line(parent), "missing '" + name + "'");
                }
                return null;
            }
            String s = scalar(t.getValueNode());
            if (s == null) {
                problem(t, "'" + name + "' must be a single value");
            }
            return s;
        }

        private static String scalar(Node n) {
            if (n instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
                return s.getValue();
            }
            return null;
        }

        private static String orElse(String s, String dflt) {
            return s == null || s.isBlank() ? dflt : s;
        }

        private static int line(Node n) {
            return n.getStartMark().getLine() + 1;
        }

        private void problem(NodeTuple t, String message) {
            problem(line(t.getKeyNode()), message);
        }

        private void problem(int line, String message) {
            problems.add(new Problem(new Source(file, line), null, message));
        }
    }
}
