package io.hotline.flow;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * A YAML document as a small tree whose every value knows its 1-based line. Built from
 * SnakeYAML's composer rather than a data binder because a binder silently keeps the last of
 * two equal keys and forgets where things were; here a mapping keeps every entry, duplicates
 * included, in file order. The one reader of located YAML: flow files and the flow test case files.
 */
public sealed interface LocatedYaml {

    int line();

    /** A scalar; {@code kind} is YAML's resolved type: str, int, float, bool or null. */
    record Scalar(String text, String kind, int line) implements LocatedYaml {
        public boolean isNull() {
            return kind.equals("null");
        }
    }

    record Seq(List<LocatedYaml> items, int line) implements LocatedYaml {}

    /** A mapping with every entry as written, duplicates included. */
    record MapNode(List<Entry> entries, int line) implements LocatedYaml {}

    /** One {@code key: value}; a key that is not a scalar is kept as the scalar text "?". */
    record Entry(Scalar key, LocatedYaml value) {}

    /** A YAML error with the parser's line. */
    final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Parses one document; {@code null} for an empty file. */
    static LocatedYaml parse(String text) throws SyntaxError {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(30);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String message = e.getProblem() == null
                    ? e.getContext()
                    : e.getContext() == null ? e.getProblem() : e.getProblem() + " (" + e.getContext() + ")";
            throw new SyntaxError(line, "YAML syntax error: " + message + hint(text, line));
        } catch (YAMLException e) {
            throw new SyntaxError(1, "YAML error: " + e.getMessage());
        }
        return root == null ? null : convert(root, new IdentityHashMap<>());
    }

    /** The usual cause: YAML gives * # @ a meaning of their own, so keys and targets using them need quotes. */
    private static String hint(String text, int line) {
        String[] lines = text.split("\n", -1);
        String l = line <= lines.length ? lines[line - 1] : "";
        if (l.contains("*") || l.contains("@") || l.contains("#")) {
            return "; quote keys such as \"*\" and \"#\" and targets such as \"@repeat\"";
        }
        return "";
    }

    private static LocatedYaml convert(Node node, Map<Node, Boolean> open) throws SyntaxError {
        int line = node.getStartMark().getLine() + 1;
        if (open.put(node, Boolean.TRUE) != null) {
            throw new SyntaxError(line, "YAML error: an alias refers to a node that contains it");
        }
        try {
            if (node instanceof ScalarNode s) {
                return new Scalar(s.getValue(), kind(s.getTag()), line);
            }
            if (node instanceof SequenceNode s) {
                List<LocatedYaml> items = new ArrayList<>();
                for (Node item : s.getValue()) {
                    items.add(convert(item, open));
                }
                return new Seq(List.copyOf(items), line);
            }
            MappingNode m = (MappingNode) node;
            List<Entry> entries = new ArrayList<>();
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                Scalar key = k instanceof ScalarNode ks
                        ? new Scalar(
                                ks.getValue(),
                                kind(ks.getTag()),
                                k.getStartMark().getLine() + 1)
                        : new Scalar("?", "str", k.getStartMark().getLine() + 1);
                entries.add(new Entry(key, convert(t.getValueNode(), open)));
            }
            return new MapNode(List.copyOf(entries), line);
        } finally {
            open.remove(node);
        }
    }

    private static String kind(Tag tag) {
        if (Tag.INT.equals(tag)) {
            return "int";
        }
        if (Tag.FLOAT.equals(tag)) {
            return "float";
        }
        if (Tag.BOOL.equals(tag)) {
            return "bool";
        }
        if (Tag.NULL.equals(tag)) {
            return "null";
        }
        return "str";
    }
}
