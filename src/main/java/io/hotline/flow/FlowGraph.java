package io.hotline.flow;

import java.util.Map;

/** Graphviz DOT of a flow, for admins to see its shape ({@code hotline graph}, the console). */
public final class FlowGraph {
    private FlowGraph() {
    }

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
            out.append("  ").append(quote(n.id())).append(" [label=").append(quote(n.id() + "\n" + describe(n)))
                    .append(shape(n)).append("];\n");
        }
        for (Node n : flow.nodes().values()) {
            switch (n) {
                case Node.Menu m -> {
                    for (Map.Entry<String, String> o : m.options().entrySet()) {
                        boolean builtIn = o.getValue().startsWith("@");
                        edge(out, m.id(), builtIn ? m.id() : o.getValue(),
                                builtIn ? o.getKey() + " " + o.getValue() : o.getKey());
                    }
                    edge(out, m.id(), m.onFail(), "on-fail");
                }
                case Node.Input i -> {
                    edge(out, i.id(), i.next(), "next");
                    edge(out, i.id(), i.onFail(), "on-fail");
                }
                case Node.Say s -> edge(out, s.id(), s.next(), null);
                case Node.Action a -> a.outcomes().forEach((o, t) -> edge(out, a.id(), t, o));
                case Node.Branch b -> {
                    b.cases().forEach(c -> edge(out, b.id(), c.target(), c.condition().text()));
                    edge(out, b.id(), b.otherwise(), "otherwise");
                }
                case Node.Subflow s -> s.outcomes().forEach((o, t) -> edge(out, s.id(), t, o));
                case Node.Return r -> { }
                case Node.Queue q -> { }
                case Node.Hangup h -> { }
            }
        }
        return out.append("}\n").toString();
    }

    private static String describe(Node n) {
        return switch (n) {
            case Node.Menu m -> "menu";
            case Node.Input i -> "input " + i.variable();
            case Node.Say s -> "say";
            case Node.Action a -> "action " + a.action();
            case Node.Branch b -> "branch";
            case Node.Subflow s -> "subflow " + s.flow();
            case Node.Return r -> "return " + r.outcome();
            case Node.Queue q -> "queue " + q.queue();
            case Node.Hangup h -> "hangup";
        };
    }

    private static String shape(Node n) {
        return switch (n) {
            case Node.Branch b -> ", shape=diamond";
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
