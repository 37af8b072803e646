package io.hotline.flow;

import io.hotline.flow.LocatedYaml.Entry;
import io.hotline.flow.LocatedYaml.MapNode;
import io.hotline.flow.LocatedYaml.Scalar;
import io.hotline.flow.LocatedYaml.Seq;
import io.hotline.flow.ParsedFlow.ParsedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Stage one: the text of one flow file → {@link ParsedFlow}, reporting what is wrong in the file alone. */
final class FlowParser {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private FlowParser() {}

    /**
     * @param flowId the file name without {@code .yaml}
     * @param sink   where problems go; its file is the name shown to the admin
     */
    static ParsedFlow parse(String flowId, String text, ProblemSink sink) {
        LocatedYaml root;
        try {
            root = LocatedYaml.parse(text);
        } catch (LocatedYaml.SyntaxError e) {
            sink.add(e.line(), null, e.getMessage());
            return broken(flowId, sink);
        }
        if (root == null) {
            sink.add(1, null, "the file is empty (a flow needs id, languages, start and nodes)");
            return broken(flowId, sink);
        }
        if (!(root instanceof MapNode map)) {
            sink.add(root.line(), null, "a flow file must be a map with id, languages, start and nodes");
            return broken(flowId, sink);
        }
        int before = sink.count();
        Fields top = new Fields(map, sink, null, "a flow file", map.line());
        top.rejectUnknown(List.of("id", "description", "languages", "start", "nodes"));
        if (!ID.matcher(flowId).matches()) {
            sink.add(1, null, "the file name '" + flowId + ".yaml' must be a flow id: letters, digits, _ and -");
        }
        String id = top.text("id", true);
        if (id != null && !id.equals(flowId)) {
            sink.add(top.line("id"), null, "id '" + id + "' must equal the file name '" + flowId + "'");
        }
        String description = top.text("description", false);
        List<String> languages = languages(top, sink);
        String start = top.text("start", true);

        Map<String, ParsedNode> nodes = new LinkedHashMap<>();
        MapNode nodeMap = top.map("nodes", true);
        if (nodeMap != null) {
            if (nodeMap.entries().isEmpty()) {
                sink.add(top.line("nodes"), null, "'nodes' is empty");
            }
            NodeParser parser = new NodeParser(flowId, languages, sink);
            for (Map.Entry<String, Entry> e :
                    Fields.distinct(nodeMap, sink, null, "node id").entrySet()) {
                int line = e.getValue().key().line();
                if (!ID.matcher(e.getKey()).matches()) {
                    sink.add(line, e.getKey(), "a node id may only hold letters, digits, _ and -");
                }
                nodes.put(
                        e.getKey(), parser.parse(e.getKey(), line, e.getValue().value()));
            }
        }
        Flow flow = null;
        if (sink.count() == before) {
            Map<String, Node> records = new LinkedHashMap<>();
            nodes.forEach((k, v) -> records.put(k, v.node()));
            flow = new Flow(
                    flowId, sink.at(top.line("id")), description == null ? "" : description, languages, start, records);
        }
        return new ParsedFlow(flowId, sink.file(), true, start, top.line("start"), nodes, flow);
    }

    private static List<String> languages(Fields top, ProblemSink sink) {
        Seq seq = top.seq("languages", true);
        if (seq == null) {
            return null;
        }
        if (seq.items().isEmpty()) {
            sink.add(top.line("languages"), null, "'languages' must list at least one language");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (LocatedYaml item : seq.items()) {
            if (!(item instanceof Scalar s) || s.isNull() || s.text().isBlank()) {
                sink.add(item.line(), null, "'languages' must be a list of language codes such as en, zh");
                return null;
            }
            if (out.contains(s.text())) {
                sink.add(item.line(), null, "language '" + s.text() + "' is listed twice");
            } else {
                out.add(s.text());
            }
        }
        return List.copyOf(out);
    }

    private static ParsedFlow broken(String flowId, ProblemSink sink) {
        return new ParsedFlow(flowId, sink.file(), false, null, 1, Map.of(), null);
    }
}
