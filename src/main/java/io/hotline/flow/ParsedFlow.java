package io.hotline.flow;

import java.util.List;
import java.util.Map;

/**
 * What the parse stage learned about one file, with the lines the checker needs to point at
 * a reference. Kept apart from {@link Flow} because a file with problems still has to be
 * checked as far as it goes, while a {@code Flow} only exists for a file without problems.
 *
 * @param flowId    the file name without {@code .yaml} (what other flows call it by)
 * @param file      the file as shown in problems
 * @param parsed    false when the file could not be read as YAML at all
 * @param start     the {@code start} node, or null
 * @param startLine the line of {@code start:}
 * @param nodes     node id → what was parsed, in file order, first of duplicates
 * @param flow      the flow record, or null when the file had a problem
 */
record ParsedFlow(
        String flowId,
        String file,
        boolean parsed,
        String start,
        int startLine,
        Map<String, ParsedNode> nodes,
        Flow flow) {

    /**
     * One node as parsed.
     *
     * @param type         the node type, or null when missing or unknown
     * @param refs         every exit that names a node, with its line
     * @param name         the action name (action), the called flow (subflow) or the outcome (return)
     * @param nameLine     the line of that name
     * @param outcomesLine the line of {@code outcomes:}, or 0 when there is none
     * @param node         the record, or null when this node had a problem
     */
    record ParsedNode(
            String id, String type, int line, List<Ref> refs, String name, int nameLine, int outcomesLine, Node node) {
        boolean terminal() {
            return "queue".equals(type) || "hangup".equals(type) || "return".equals(type);
        }
    }

    /**
     * An exit naming a node.
     *
     * @param label   how messages name the exit: "option '1'", "'next'", "outcome 'ok'", "case 2"
     * @param outcome the outcome name for action and subflow exits, else null
     */
    record Ref(String label, String outcome, String target, int line) {}
}
