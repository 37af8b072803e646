package io.hotline.flow;

import java.util.List;
import java.util.Map;

/**
 * One flow file, loaded.
 *
 * @param id          the flow id (the file name without {@code .yaml}); AGI's
 *                    {@code agi://host/<id>} selects it
 * @param source      the file and the line of {@code id:}
 * @param description free text for admins
 * @param languages   languages every prompt must have, the first being the default
 * @param start       the first node
 * @param nodes       node id → node, in file order
 */
public record Flow(
        String id, Source source, String description, List<String> languages, String start, Map<String, Node> nodes) {
    public Flow {
        languages = List.copyOf(languages);
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
    }

    public Node node(String nodeId) {
        Node n = nodes.get(nodeId);
        if (n == null) {
            throw new IllegalArgumentException("flow '" + id + "' has no node '" + nodeId + "'");
        }
        return n;
    }
}
