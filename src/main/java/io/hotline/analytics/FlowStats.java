package io.hotline.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts from recorded sessions, per node and per journey.
 *
 * <p>Per node ({@code flow/node}): visits (a call that comes back counts again; a subflow
 * node counts once per call into it), the calls that entered it, how visits left it (by exit:
 * target node, outcome, {@code caller_hangup}, ...), visits with a timeout (no key in time),
 * and visits where the caller hung up.
 *
 * <p>Per journey: the journey of a call is the first flow it entered below the flow it started
 * in ({@code recharge}, {@code stolen}, ...), or {@code (menu only)} when it never left that
 * flow. Containment is the share of calls the IVR resolved without an agent: calls that ended
 * with the flow hanging up or the caller hanging up, over all calls; calls queued to an agent or
 * ended by an error (which also go to an agent) are not contained.
 *
 * @param calls    how many sessions were counted
 * @param nodes    per {@code flow/node}, sorted
 * @param journeys per journey, sorted
 */
public record FlowStats(int calls, Map<String, NodeStats> nodes, Map<String, JourneyStats> journeys) {
    public static final String MENU_ONLY = "(menu only)";

    /** Counts of one node. */
    public record NodeStats(String type, int visits, int calls, Map<String, Integer> exits, int timedOut, int hungUp) {}

    /** Counts of one journey. */
    public record JourneyStats(int calls, int toAgent, int callerHungUp, int flowHungUp, int errors) {
        /** Share of calls resolved without an agent, 0..1. */
        public double containment() {
            return calls == 0 ? 0 : (double) (callerHungUp + flowHungUp) / calls;
        }
    }

    /** Counts the sessions. */
    public static FlowStats of(Collection<RecordedSession> sessions) {
        Map<String, MutableNode> nodes = new TreeMap<>();
        Map<String, int[]> journeys = new TreeMap<>();
        for (RecordedSession s : sessions) {
            Set<String> entered = new LinkedHashSet<>();
            for (RecordedSession.Step step : s.path()) {
                MutableNode n = nodes.computeIfAbsent(step.where(), k -> new MutableNode(step.type()));
                boolean subflowCall =
                        step.type().equals("subflow") && step.exit().startsWith("call ");
                boolean subflowReturn = step.type().equals("subflow")
                        && !subflowCall
                        && !step.exit().equals("caller_hangup")
                        && !step.exit().equals("error");
                if (!subflowReturn) {
                    n.visits++;
                    if (entered.add(step.where())) {
                        n.calls++;
                    }
                }
                if (!subflowCall) {
                    n.exits.merge(step.exit(), 1, Integer::sum);
                }
                if ((" " + step.input() + " ").contains(" timeout ")) {
                    n.timedOut++;
                }
                if (step.exit().equals("caller_hangup")) {
                    n.hungUp++;
                }
            }
            int[] j = journeys.computeIfAbsent(journey(s), k -> new int[5]);
            j[0]++;
            switch (s.endReason()) {
                case "queued" -> j[1]++;
                case "caller_hangup" -> j[2]++;
                case "hangup" -> j[3]++;
                default -> j[4]++;
            }
        }
        Map<String, NodeStats> n = new TreeMap<>();
        nodes.forEach((k, v) ->
                n.put(k, new NodeStats(v.type, v.visits, v.calls, Map.copyOf(v.exits), v.timedOut, v.hungUp)));
        Map<String, JourneyStats> js = new TreeMap<>();
        journeys.forEach((k, v) -> js.put(k, new JourneyStats(v[0], v[1], v[2], v[3], v[4])));
        return new FlowStats(sessions.size(), n, js);
    }

    /** The first flow below the one the call started in, or {@link #MENU_ONLY}. */
    public static String journey(RecordedSession s) {
        for (RecordedSession.Step step : s.path()) {
            if (!step.flow().equals(s.flowId())) {
                return step.flow();
            }
        }
        return MENU_ONLY;
    }

    /** The report {@code hotline stats} prints. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "%-22s %6s %9s %10s %10s %12s%n",
                "journey", "calls", "to agent", "caller hung", "flow hung", "containment"));
        int calls = 0;
        int contained = 0;
        for (var e : journeys.entrySet()) {
            JourneyStats j = e.getValue();
            calls += j.calls();
            contained += j.callerHungUp() + j.flowHungUp();
            sb.append(String.format(
                    "%-22s %6d %9d %10d %10d %11.0f%%%n",
                    e.getKey(),
                    j.calls(),
                    j.toAgent() + j.errors(),
                    j.callerHungUp(),
                    j.flowHungUp(),
                    100 * j.containment()));
        }
        sb.append(String.format("%-22s %6d %43.0f%%%n%n", "all", calls, calls == 0 ? 0.0 : 100.0 * contained / calls));
        sb.append(String.format(
                "%-34s %-8s %6s %6s %9s %7s  %s%n",
                "node", "type", "calls", "visits", "timed out", "hung up", "left by"));
        for (var e : nodes.entrySet()) {
            NodeStats s = e.getValue();
            List<String> exits = new ArrayList<>();
            s.exits().entrySet().stream()
                    .sorted((a, b) -> b.getValue() - a.getValue() != 0
                            ? b.getValue() - a.getValue()
                            : a.getKey().compareTo(b.getKey()))
                    .forEach(x -> exits.add(x.getKey() + " " + x.getValue()));
            sb.append(String.format(
                    "%-34s %-8s %6d %6d %9d %7d  %s%n",
                    e.getKey(), s.type(), s.calls(), s.visits(), s.timedOut(), s.hungUp(), String.join(", ", exits)));
        }
        return sb.toString();
    }

    private static final class MutableNode {
        final String type;
        int visits;
        int calls;
        final Map<String, Integer> exits = new TreeMap<>();
        int timedOut;
        int hungUp;

        MutableNode(String type) {
            this.type = type;
        }
    }
}
