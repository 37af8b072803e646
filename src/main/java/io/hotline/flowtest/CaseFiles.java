package io.hotline.flowtest;

import io.hotline.flow.LocatedYaml;
import io.hotline.flow.LocatedYaml.Entry;
import io.hotline.flow.LocatedYaml.MapNode;
import io.hotline.flow.LocatedYaml.Scalar;
import io.hotline.flow.LocatedYaml.Seq;
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

    private CaseFiles() {}

    /** Reads every {@code *.yaml} in {@code flowsDir/tests}, in name order. */
    public static Loaded read(Path flowsDir) {
        Path dir = flowsDir.resolve("tests");
        if (!Files.isDirectory(dir)) {
            return new Loaded(
                    List.of(),
                    List.of(new Problem(
                            new Source(dir.toString(), 0),
                            null,
                            "no tests directory (case files go in " + dir + "/*.yaml)")));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return new Loaded(
                    List.of(),
                    List.of(new Problem(new Source(dir.toString(), 0), null, "cannot list: " + e.getMessage())));
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
                    problems.add(new Problem(
                            c.source(), null, "case name '" + c.name() + "' is used twice (first at " + first + ")"));
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
            LocatedYaml root;
            try {
                root = LocatedYaml.parse(text);
            } catch (LocatedYaml.SyntaxError e) {
                problem(e.line(), e.getMessage());
                return;
            }
            if (!(root instanceof MapNode top)) {
                problem(root == null ? 1 : line(root), "a case file must be a map with a 'cases' list");
                return;
            }
            Map<String, Entry> fields = fields(top, List.of("cases"), "a case file");
            Entry list = fields.get("cases");
            if (list == null) {
                problem(line(top), "missing 'cases' (a list of cases)");
                return;
            }
            if (!(list.value() instanceof Seq seq) || seq.items().isEmpty()) {
                problem(line(list.key()), "'cases' must be a list of cases");
                return;
            }
            for (LocatedYaml item : seq.items()) {
                before = problems.size();
                FlowCase c = flowCase(item);
                if (c != null && problems.size() == before) {
                    cases.add(c);
                }
            }
        }

        private FlowCase flowCase(LocatedYaml item) {
            if (!(item instanceof MapNode m)) {
                problem(line(item), "a case must be a map with name, caller, keys and expect");
                return null;
            }
            Map<String, Entry> f = fields(m, CASE_FIELDS, "a case");
            String name = text(f, "name", m, true);
            String caller = text(f, "caller", m, false);
            if (caller != null && !caller.matches("[0-9+]*")) {
                problem(f.get("caller"), "'caller' must be a phone number (digits), got '" + caller + "'");
            }
            String flow = orElse(text(f, "flow", m, false), "main");
            String language = orElse(text(f, "language", m, false), "en");
            String keys = orElse(text(f, "keys", m, false), "");
            if (!keys.replaceAll("\\s+", "").matches("[0-9*#.~]*")) {
                problem(f.get("keys"), "'keys' may only hold 0-9 * # . ~ and spaces, got '" + keys + "'");
            }
            Map<String, List<Fixture>> fixture = fixture(f.get("fixture"), caller == null ? "" : caller);
            Map<String, String> stubs = new LinkedHashMap<>();
            Entry stub = f.get("stub");
            if (stub != null) {
                if (stub.value() instanceof MapNode sm) {
                    for (Entry t : sm.entries()) {
                        String outcome = scalar(t.value());
                        if (outcome == null) {
                            problem(t, "stub '" + scalar(t.key()) + "' must name an outcome");
                        } else {
                            stubs.put(scalar(t.key()), outcome);
                        }
                    }
                } else {
                    problem(stub, "'stub' must be a map of action: outcome");
                }
            }
            Entry e = f.get("expect");
            FlowCase.Expectation expect = null;
            if (e == null) {
                problem(line(m), "missing 'expect' (what must happen)");
            } else if (!(e.value() instanceof MapNode em)) {
                problem(e, "'expect' must be a map");
            } else {
                expect = expectation(em);
            }
            if (name == null || expect == null) {
                return null;
            }
            return new FlowCase(
                    name,
                    new Source(file, line(m)),
                    caller == null ? "" : caller,
                    flow,
                    language,
                    keys,
                    fixture,
                    stubs,
                    expect);
        }

        private FlowCase.Expectation expectation(MapNode em) {
            Map<String, Entry> f = fields(em, EXPECT_FIELDS, "'expect'");
            List<String> prompts = strings(f.get("prompts"));
            List<String> never = strings(f.get("never-heard"));
            List<FlowCase.ExpectedAction> actions = new ArrayList<>();
            Entry a = f.get("actions");
            if (a != null) {
                if (!(a.value() instanceof Seq seq)) {
                    problem(a, "'actions' must be a list such as [freeze_account: frozen, recent_transactions]");
                } else {
                    for (LocatedYaml item : seq.items()) {
                        if (item instanceof MapNode am && am.entries().size() == 1) {
                            Entry t = am.entries().getFirst();
                            actions.add(new FlowCase.ExpectedAction(scalar(t.key()), scalar(t.value())));
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
            if (prompts.isEmpty()
                    && never.isEmpty()
                    && actions.isEmpty()
                    && end == null
                    && queue == null
                    && ticket == null) {
                problem(line(em), "'expect' checks nothing (give prompts, actions, end, queue or ticket)");
            }
            return new FlowCase.Expectation(prompts, never, actions, end, queue, ticket);
        }

        /** {@code fixture: [words]} for the caller's account, or {@code fixture: {number: [words]}}. */
        private Map<String, List<Fixture>> fixture(Entry t, String caller) {
            Map<String, List<Fixture>> out = new LinkedHashMap<>();
            if (t == null) {
                return out;
            }
            LocatedYaml v = t.value();
            if (v instanceof Seq || v instanceof Scalar) {
                if (caller.isEmpty()) {
                    problem(
                            t,
                            "a fixture list applies to the caller's account: give 'caller', or write "
                                    + "fixture: {\"<number>\": [...]}");
                    return out;
                }
                out.put(caller, fixtures(v));
            } else if (v instanceof MapNode m) {
                for (Entry e : m.entries()) {
                    String number = scalar(e.key());
                    if (number == null || !number.matches("[0-9+]+")) {
                        problem(e, "fixture keys must be phone numbers, got '" + number + "'");
                        continue;
                    }
                    out.put(number, fixtures(e.value()));
                }
            }
            return out;
        }

        private List<Fixture> fixtures(LocatedYaml v) {
            List<Fixture> out = new ArrayList<>();
            List<LocatedYaml> items = v instanceof Seq s ? s.items() : List.of(v);
            for (LocatedYaml item : items) {
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

        private List<String> strings(Entry t) {
            if (t == null) {
                return List.of();
            }
            LocatedYaml v = t.value();
            List<LocatedYaml> items = v instanceof Seq s ? s.items() : List.of(v);
            List<String> out = new ArrayList<>();
            for (LocatedYaml item : items) {
                String s = scalar(item);
                if (s == null || s.isBlank()) {
                    problem(line(item), "'" + scalar(t.key()) + "' must be a list of texts");
                } else {
                    out.add(s);
                }
            }
            return out;
        }

        private Map<String, Entry> fields(MapNode m, List<String> allowed, String what) {
            Map<String, Entry> out = new LinkedHashMap<>();
            for (Entry t : m.entries()) {
                String key = scalar(t.key());
                if (key == null || !allowed.contains(key)) {
                    problem(
                            t,
                            "unknown field '" + key + "' in " + what + " (allowed: " + String.join(", ", allowed)
                                    + ")");
                } else if (out.putIfAbsent(key, t) != null) {
                    problem(t, "duplicate field '" + key + "'");
                }
            }
            return out;
        }

        private String text(Map<String, Entry> f, String name, LocatedYaml parent, boolean required) {
            Entry t = f.get(name);
            if (t == null) {
                if (required) {
                    problem(line(parent), "missing '" + name + "'");
                }
                return null;
            }
            String s = scalar(t.value());
            if (s == null) {
                problem(t, "'" + name + "' must be a single value");
            }
            return s;
        }

        private static String scalar(LocatedYaml n) {
            return n instanceof Scalar s && !s.isNull() ? s.text() : null;
        }

        private static String orElse(String s, String dflt) {
            return s == null || s.isBlank() ? dflt : s;
        }

        private static int line(LocatedYaml n) {
            return n.line();
        }

        private void problem(Entry t, String message) {
            problem(t.key().line(), message);
        }

        private void problem(int line, String message) {
            problems.add(new Problem(new Source(file, line), null, message));
        }
    }
}
