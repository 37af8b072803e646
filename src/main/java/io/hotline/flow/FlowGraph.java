package io.hotline.flow;

import java.util.Map;

/** Graphviz DOT of a flow, for admins to see its shape ({@code hotline graph}, the console). */
public final class FlowGraph {
    private FlowGraph() {}

    /**
     * A {@code digraph} with one box per node, labelled with its id and type, and one arrow
     * per exit, labelled with the menu key, the outcome or the branch case. Built-in menu
     * targets ({@code @repeat}, {@code @language}) loop back to the menu.
     */
    public static String dot(Flow flow) {
        StringBuilder out = new StringBuilder();
        out.append("digraph ").append(quote(flow.id())).append(" {\n");
        out.append("  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
        out.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        out.append("  \"@start\" [shape=point];\n");
        edge(out, "@start", flow.start(), null);
        for (Node n : flow.nodes().values()) {
            out.append("  ")
                    .append(quote(n.id()))
                    .append(" [label=")
                    .append(quote(n.id() + "\n" + describe(n)))
                    .append(shape(n))
                    .append("];\n");
        }
        for (Node n : flow.nodes().values()) {
            switch (n) {
                case Node.Menu m -> {
                    for (Map.Entry<String, String> o : m.options().entrySet()) {
                        boolean builtIn = o.getValue().startsWith("@");
                        edge(
                                out,
                                m.id(),
                                builtIn ? m.id() : o.getValue(),
                                builtIn ? o.getKey() + " " + o.getValue() : o.getKey());
                    }
                    edge(out, m.id(), m.onFail(), "on-fail");
                }
                case Node.Input i -> {
                    edge(out, i.id(), i.next(), "next");
                    edge(out, i.id(), i.onFail(), "on-fail");
                }
                case Node.Say s -> edge(out, s.id(), s.next(), null);
                case Node.RecordMessage r -> edge(out, r.id(), r.next(), null);
                case Node.Action a -> a.outcomes().forEach((o, t) -> edge(out, a.id(), t, o));
                case Node.Branch b -> {
                    b.cases()
                            .forEach(c ->
                                    edge(out, b.id(), c.target(), c.condition().text()));
                    edge(out, b.id(), b.otherwise(), "otherwise");
                }
                case Node.Subflow s -> s.outcomes().forEach((o, t) -> edge(out, s.id(), t, o));
                case Node.Hours h -> hoursEdges(h).forEach(e -> edge(out, e.from(), e.to(), e.label()));
                case Node.Announce a -> edge(out, a.id(), a.next(), null);
                case Node.Return r -> {}
                case Node.Queue q -> {}
                case Node.Hangup h -> {}
            }
        }
        return out.append("}\n").toString();
    }

    /** One arrow of a flow's graph: an exit of {@code from}, labelled with its key, outcome or case. */
    public record Edge(String from, String to, String label) {}

    /**
     * Every exit of every node, in file order; built-in menu targets ({@code @repeat},
     * {@code @language}) loop back to the menu. The console draws flows from these.
     */
    public static java.util.List<Edge> edges(Flow flow) {
        java.util.List<Edge> out = new java.util.ArrayList<>();
        for (Node n : flow.nodes().values()) {
            switch (n) {
                case Node.Menu m -> {
                    for (Map.Entry<String, String> o : m.options().entrySet()) {
                        boolean builtIn = o.getValue().startsWith("@");
                        out.add(new Edge(
                                m.id(),
                                builtIn ? m.id() : o.getValue(),
                                builtIn ? o.getKey() + " " + o.getValue() : o.getKey()));
                    }
                    out.add(new Edge(m.id(), m.onFail(), "on-fail"));
                }
                case Node.Input i -> {
                    out.add(new Edge(i.id(), i.next(), "next"));
                    out.add(new Edge(i.id(), i.onFail(), "on-fail"));
                }
                case Node.Say s -> out.add(new Edge(s.id(), s.next(), null));
                case Node.RecordMessage r -> out.add(new Edge(r.id(), r.next(), null));
                case Node.Action a -> a.outcomes().forEach((o, t) -> out.add(new Edge(a.id(), t, o)));
                case Node.Branch b -> {
                    b.cases()
                            .forEach(c -> out.add(
                                    new Edge(b.id(), c.target(), c.condition().text())));
                    out.add(new Edge(b.id(), b.otherwise(), "otherwise"));
                }
                case Node.Subflow s -> s.outcomes().forEach((o, t) -> out.add(new Edge(s.id(), t, o)));
                case Node.Hours h -> out.addAll(hoursEdges(h));
                case Node.Announce a -> out.add(new Edge(a.id(), a.next(), null));
                case Node.Return r -> {}
                case Node.Queue q -> {}
                case Node.Hangup h -> {}
            }
        }
        return out;
    }

    /**
     * A Mermaid {@code flowchart} of the flow (renders in GitHub, GitLab and many wikis): the
     * same boxes and arrows as {@link #dot}. Node ids become {@code n0, n1, ...} (Mermaid ids
     * are restrictive); labels carry the real ids.
     */
    public static String mermaid(Flow flow) {
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        flow.nodes().keySet().forEach(id -> ids.put(id, "n" + ids.size()));
        StringBuilder out = new StringBuilder("flowchart LR\n");
        out.append("  start((start)) --> ").append(ids.get(flow.start())).append('\n');
        for (Node n : flow.nodes().values()) {
            String label = mermaidText(n.id()) + "<br/>" + mermaidText(describe(n));
            String[] shape = switch (n) {
                case Node.Branch b -> new String[] {"{\"", "\"}"};
                case Node.Hours h -> new String[] {"{\"", "\"}"};
                case Node.Queue q -> new String[] {"[[\"", "\"]]"};
                case Node.Hangup h -> new String[] {"[[\"", "\"]]"};
                case Node.Return r -> new String[] {"([\"", "\"])"};
                default -> new String[] {"[\"", "\"]"};
            };
            out.append("  ")
                    .append(ids.get(n.id()))
                    .append(shape[0])
                    .append(label)
                    .append(shape[1])
                    .append('\n');
        }
        for (Edge e : edges(flow)) {
            out.append("  ").append(ids.get(e.from())).append(" -->");
            if (e.label() != null) {
                out.append("|\"").append(mermaidText(e.label())).append("\"|");
            }
            out.append(' ').append(ids.getOrDefault(e.to(), e.to())).append('\n');
        }
        return out.toString();
    }

    /** Text inside a Mermaid quoted label: quotes and angle brackets as entities. */
    static String mermaidText(String s) {
        return s.replace("&", "#amp;")
                .replace("\"", "#quot;")
                .replace("<", "#lt;")
                .replace(">", "#gt;");
    }

    /** An hours node's exits: open, closed, and holiday when it goes elsewhere than closed. */
    private static java.util.List<Edge> hoursEdges(Node.Hours h) {
        java.util.List<Edge> out = new java.util.ArrayList<>();
        out.add(new Edge(h.id(), h.open(), "open"));
        out.add(new Edge(h.id(), h.closed(), "closed"));
        if (!h.holiday().equals(h.closed())) {
            out.add(new Edge(h.id(), h.holiday(), "holiday"));
        }
        return out;
    }

    /** What a node is, in a few words: its type and what it names ("action verify_pin"). */
    public static String describe(Node n) {
        return switch (n) {
            case Node.Menu m -> "menu";
            case Node.Input i -> "input " + i.variable();
            case Node.Say s -> "say";
            case Node.RecordMessage r -> "record";
            case Node.Action a -> "action " + a.action();
            case Node.Branch b -> "branch";
            case Node.Subflow s -> "subflow " + s.flow();
            case Node.Return r -> "return " + r.outcome();
            case Node.Queue q -> "queue " + q.queue();
            case Node.Hangup h -> "hangup";
            case Node.Hours h -> "hours " + h.queue();
            case Node.Announce a -> "announce";
        };
    }

    private static String shape(Node n) {
        return switch (n) {
            case Node.Branch b -> ", shape=diamond";
            case Node.Hours h -> ", shape=diamond";
            case Node.Queue q -> ", shape=doubleoctagon";
            case Node.Hangup h -> ", shape=doubleoctagon";
            case Node.Return r -> ", shape=oval";
            default -> "";
        };
    }

    private static void edge(StringBuilder out, String from, String to, String label) {
        out.append("  ").append(quote(from)).append(" -> ").append(quote(to));
        if (label != null) {
            out.append(" [label=").append(quote(label)).append("]");
        }
        out.append(";\n");
    }

    /** A DOT string literal: quotes and backslashes escaped, newlines as \n. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
