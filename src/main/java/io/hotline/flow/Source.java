package io.hotline.flow;

/**
 * Where something was written: a flow file as the loader was given it (e.g.
 * {@code ivr-flows/main.yaml} when the flows directory was given as {@code ivr-flows}) and a
 * 1-based line; line 0 means the file or directory as a whole and is not printed.
 */
public record Source(String file, int line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
