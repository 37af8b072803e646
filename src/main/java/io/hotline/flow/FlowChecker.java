package io.hotline.flow;

import io.hotline.flow.ParsedFlow.ParsedNode;
import io.hotline.flow.ParsedFlow.Ref;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage two: checks a whole set of parsed flows against each other and the actions:
 * references, subflow and action outcomes, reachability and loops without a way out.
 * Works on files with problems too, as far as they go, and avoids piling follow-up
 * problems onto something already reported (a broken node counts as having a way out).
 */
final class FlowChecker {
    private final Map<String, ParsedFlow> flows;
    private final ActionCatalog catalog;
    /** The set's calendar; null when the calendar file itself had problems (then nothing is checked against it). */
    private final Calendar calendar;

    private final List<Problem> problems = new ArrayList<>();

    private FlowChecker(Map<String, ParsedFlow> flows, ActionCatalog catalog, Calendar calendar) {
        this.flows = flows;
        this.catalog = catalog;
        this.calendar = calendar;
    }

    /** Every problem found across the set (unsorted). */
    static List<Problem> check(Map<String, ParsedFlow> flowsById, ActionCatalog catalog) {
        return check(flowsById, catalog, Calendar.NONE);
    }

    /** As {@link #check(Map, ActionCatalog)}, with the flows' queues and hours nodes checked against the calendar. */
    static List<Problem> check(Map<String, ParsedFlow> flowsById, ActionCatalog catalog, Calendar calendar) {
        FlowChecker c = new FlowChecker(flowsById, catalog, calendar);
        flowsById.values().stream().filter(ParsedFlow::parsed).forEach(c::checkFlow);
        if (calendar != null) {
            c.checkCalendar();
        }
        return List.copyOf(c.problems);
    }

    /** The calendar's holidays and closures name queues that have hours (else they would close nothing). */
    private void checkCalendar() {
        for (Calendar.Holiday h : calendar.holidays()) {
            for (String q : h.queues()) {
                if (!calendar.canClose(q)) {
                    problems.add(new Problem(h.source(), null, notClosable("holiday " + h.date(), q)));
                }
            }
        }
        for (Calendar.Closure c : calendar.closures()) {
            for (String q : c.queues()) {
                if (!calendar.canClose(q)) {
                    problems.add(new Problem(c.source(), null, notClosable("closure from " + c.from(), q)));
                }
            }
        }
    }

    private String notClosable(String what, String queue) {
        return what + " closes queue '" + queue + "', which "
                + (calendar.hours().containsKey(queue) ? "is open 'always'" : "has no hours in the calendar");
    }

    private void checkHours(ParsedFlow f, ParsedNode n) {
        if (calendar == null || n.name() == null) {
            return;
        }
        String file =
                calendar == Calendar.NONE ? Calendar.FILE : calendar.source().toString();
        if ("hours".equals(n.type()) && !calendar.hours().containsKey(n.name())) {
            add(
                    f,
                    n.nameLine(),
                    n.id(),
                    calendar == Calendar.NONE
                            ? "an hours node needs the calendar, but there is no " + Calendar.FILE
                            : "queue '" + n.name() + "' has no hours in " + file + " (add them there, or 'always')");
        }
        if (n.node() instanceof Node.Queue q && q.closed() == null && calendar.canClose(q.queue())) {
            add(
                    f,
                    n.line(),
                    n.id(),
                    "queue '" + q.queue() + "' can be closed ("
                            + calendar.week(q.queue()).orElseThrow().source()
                            + "): add a 'closed' prompt telling the caller their ticket reference and when they"
                            + " will be contacted");
        }
        if (n.node() instanceof Node.Announce a && !flows.containsKey(a.journey())) {
            add(f, n.line(), n.id(), "'journey' names no flow: '" + a.journey() + "'");
        }
    }

    private void add(ParsedFlow f, int line, String nodeId, String message) {
        problems.add(new Problem(new Source(f.file(), line), nodeId, message));
    }

    private void checkFlow(ParsedFlow f) {
        if (f.start() != null && !f.nodes().containsKey(f.start())) {
            add(f, f.startLine(), null, "'start' goes to unknown node '" + f.start() + "'");
        }
        for (ParsedNode n : f.nodes().values()) {
            for (Ref r : n.refs()) {
                if (!f.nodes().containsKey(r.target())) {
                    add(f, r.line(), n.id(), r.label() + " goes to unknown node '" + r.target() + "'");
                }
            }
            if ("action".equals(n.type()) && n.name() != null) {
                checkAction(f, n);
            }
            if ("subflow".equals(n.type()) && n.name() != null) {
                checkSubflow(f, n);
            }
            checkHours(f, n);
        }
        checkReachable(f);
        checkLoops(f);
    }

    private void checkAction(ParsedFlow f, ParsedNode n) {
        Optional<Set<String>> known = catalog.outcomes(n.name());
        if (known.isEmpty()) {
            add(f, n.nameLine(), n.id(), "unknown action '" + n.name() + "'");
            return;
        }
        if (n.outcomesLine() == 0) {
            return; // reported as missing by the parser
        }
        Set<String> mapped = mappedOutcomes(n);
        Set<String> needed = new TreeSet<>(known.get());
        needed.add("error");
        for (String o : needed) {
            if (!mapped.contains(o)) {
                add(
                        f,
                        n.outcomesLine(),
                        n.id(),
                        o.equals("error")
                                ? "no exit for outcome 'error' (every action needs one)"
                                : "action '" + n.name() + "' can end in '" + o + "' but there is no exit for it");
            }
        }
        for (Ref r : n.refs()) {
            if (r.outcome() != null
                    && !needed.contains(r.outcome())
                    && !r.outcome().equals("timeout")) {
                add(
                        f,
                        r.line(),
                        n.id(),
                        "action '" + n.name() + "' never ends in '" + r.outcome() + "'" + " (it ends in "
                                + String.join(", ", needed) + " or timeout)");
            }
        }
    }

    private void checkSubflow(ParsedFlow f, ParsedNode n) {
        ParsedFlow called = flows.get(n.name());
        if (called == null) {
            add(f, n.nameLine(), n.id(), "subflow to unknown flow '" + n.name() + "'");
            return;
        }
        if (!called.parsed()) {
            return;
        }
        Set<String> returns = new TreeSet<>();
        called.nodes().values().stream()
                .filter(c -> "return".equals(c.type()) && c.name() != null)
                .forEach(c -> returns.add(c.name()));
        Set<String> mapped = mappedOutcomes(n);
        for (String o : returns) {
            if (!mapped.contains(o)) {
                add(
                        f,
                        n.outcomesLine() == 0 ? n.line() : n.outcomesLine(),
                        n.id(),
                        "flow '" + n.name() + "' can return '" + o + "' but there is no exit for it");
            }
        }
        for (Ref r : n.refs()) {
            if (r.outcome() != null && !returns.contains(r.outcome())) {
                add(
                        f,
                        r.line(),
                        n.id(),
                        "flow '" + n.name() + "' never returns '" + r.outcome() + "'"
                                + (returns.isEmpty()
                                        ? " (it has no return node)"
                                        : " (it returns " + String.join(", ", returns) + ")"));
            }
        }
    }

    private static Set<String> mappedOutcomes(ParsedNode n) {
        Set<String> out = new HashSet<>();
        n.refs().stream().filter(r -> r.outcome() != null).forEach(r -> out.add(r.outcome()));
        return out;
    }

    private void checkReachable(ParsedFlow f) {
        if (f.start() == null
                || !f.nodes().containsKey(f.start())
                || f.nodes().values().stream().anyMatch(n -> n.type() == null)) {
            return; // a node of unknown type hides where it leads
        }
        Set<String> seen = reach(f, f.start());
        // Report where each unreachable region begins, not every node in it: one typo in a
        // target would otherwise bury the real problem under a page of follow-ups.
        Set<String> referenced = new HashSet<>();
        f.nodes().values().forEach(n -> n.refs().forEach(r -> referenced.add(r.target())));
        List<String> unreached =
                f.nodes().keySet().stream().filter(id -> !seen.contains(id)).toList();
        List<String> roots = new ArrayList<>(
                unreached.stream().filter(id -> !referenced.contains(id)).toList());
        Set<String> covered = new HashSet<>();
        for (String id : unreached) {
            if (!covered.contains(id) && (roots.contains(id) || !reachesFromRoots(f, roots, id))) {
                roots.add(id);
                Set<String> region = reach(f, id);
                region.removeAll(seen);
                region.removeAll(covered);
                covered.addAll(region);
                List<String> others = unreached.stream()
                        .filter(o -> region.contains(o) && !o.equals(id))
                        .toList();
                add(
                        f,
                        f.nodes().get(id).line(),
                        id,
                        "unreachable: no path leads here from start node '" + f.start() + "'"
                                + (others.isEmpty() ? "" : " (nor to " + names(others) + ", reached only through it)"));
            }
        }
    }

    private boolean reachesFromRoots(ParsedFlow f, List<String> roots, String id) {
        return roots.stream().anyMatch(r -> reach(f, r).contains(id));
    }

    private static Set<String> reach(ParsedFlow f, String from) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (f.nodes().containsKey(id) && seen.add(id)) {
                f.nodes().get(id).refs().forEach(r -> todo.push(r.target()));
            }
        }
        return seen;
    }

    private static String names(List<String> ids) {
        String shown = String.join(", ", ids.subList(0, Math.min(5, ids.size())));
        return ids.size() > 5 ? shown + " and " + (ids.size() - 5) + " more" : shown;
    }

    /**
     * A set of nodes that lead only to each other and never to a queue, hangup or return is a
     * trap for the caller: report each such strongly connected set once, at its first node.
     */
    private void checkLoops(ParsedFlow f) {
        Map<String, List<String>> edges = new HashMap<>();
        Map<String, List<String>> reverse = new HashMap<>();
        Deque<String> exits = new ArrayDeque<>();
        for (ParsedNode n : f.nodes().values()) {
            List<String> out = new ArrayList<>();
            boolean exit = n.node() == null || n.terminal() || ("subflow".equals(n.type()) && subflowCanEndCall(n));
            for (Ref r : n.refs()) {
                if (f.nodes().containsKey(r.target())) {
                    out.add(r.target());
                    reverse.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(n.id());
                } else {
                    exit = true; // already reported as an unknown node
                }
            }
            edges.put(n.id(), out);
            if (exit) {
                exits.add(n.id());
            }
        }
        Set<String> canExit = new HashSet<>();
        while (!exits.isEmpty()) {
            String id = exits.pop();
            if (canExit.add(id)) {
                exits.addAll(reverse.getOrDefault(id, List.of()));
            }
        }
        List<String> trapped =
                f.nodes().keySet().stream().filter(id -> !canExit.contains(id)).toList();
        for (Set<String> component : StronglyConnected.components(trapped, edges)) {
            String first = component.iterator().next();
            boolean cycle = component.size() > 1 || edges.get(first).contains(first);
            if (cycle) {
                add(
                        f,
                        f.nodes().get(first).line(),
                        first,
                        "loop with no way out: " + String.join(", ", component)
                                + " never reach a queue, hangup or return");
            }
        }
    }

    /** Whether the called flow can end the call itself (unknown or broken flows count, to avoid follow-ups). */
    private boolean subflowCanEndCall(ParsedNode n) {
        ParsedFlow called = flows.get(n.name());
        return called == null
                || !called.parsed()
                || called.nodes().values().stream()
                        .anyMatch(c -> c.node() == null || "queue".equals(c.type()) || "hangup".equals(c.type()));
    }

    /** Tarjan's algorithm; components come out with their nodes in the order given. */
    static final class StronglyConnected {
        private final Map<String, List<String>> edges;
        private final Set<String> within;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> out = new ArrayList<>();
        private final List<String> order;

        private StronglyConnected(List<String> nodes, Map<String, List<String>> edges) {
            this.order = nodes;
            this.within = new HashSet<>(nodes);
            this.edges = edges;
        }

        static List<Set<String>> components(List<String> nodes, Map<String, List<String>> edges) {
            StronglyConnected s = new StronglyConnected(nodes, edges);
            for (String n : nodes) {
                if (!s.index.containsKey(n)) {
                    s.visit(n);
                }
            }
            List<Set<String>> sorted = new ArrayList<>();
            for (Set<String> c : s.out) {
                Set<String> inOrder = new LinkedHashSet<>();
                nodes.stream().filter(c::contains).forEach(inOrder::add);
                sorted.add(inOrder);
            }
            sorted.sort((a, b) -> Integer.compare(
                    s.order.indexOf(a.iterator().next()),
                    s.order.indexOf(b.iterator().next())));
            return sorted;
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : edges.getOrDefault(v, List.of())) {
                if (!within.contains(w)) {
                    continue;
                }
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> c = new HashSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    c.add(w);
                } while (!w.equals(v));
                out.add(c);
            }
        }
    }
}
