package io.hotline.flow;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file; the loader keeps going after each one. */
final class ProblemSink {
    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    ProblemSink(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    Source at(int line) {
        return new Source(file, line);
    }

    void add(int line, String nodeId, String message) {
        problems.add(new Problem(at(line), nodeId, message));
    }

    int count() {
        return problems.size();
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }
}
