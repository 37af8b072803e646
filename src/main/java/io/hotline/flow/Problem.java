package io.hotline.flow;

/**
 * One thing wrong with a flow file, printed as {@code file:line: node 'id': message}
 * (or {@code file:line: message} when it is not about one node).
 */
public record Problem(Source source, String nodeId, String message) implements Comparable<Problem> {
    @Override
    public String toString() {
        return source + ": " + (nodeId == null ? "" : "node '" + nodeId + "': ") + message;
    }

    @Override
    public int compareTo(Problem o) {
        int c = source.file().compareTo(o.source.file());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(source.line(), o.source.line());
        return c != 0 ? c : message.compareTo(o.message);
    }
}
