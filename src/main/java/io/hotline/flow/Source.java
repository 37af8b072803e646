package io.hotline.flow;

/** Where something was written: a flow file (relative to the flows directory) and a 1-based line. */
public record Source(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
