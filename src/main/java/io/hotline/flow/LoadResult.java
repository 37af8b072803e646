package io.hotline.flow;

import java.util.List;
import java.util.Optional;

/**
 * What loading a flows directory gave: the checked set when nothing is wrong, and every
 * problem found, sorted by file and line.
 *
 * @param flowSet  the flows, version 0 (the registry numbers it at publish); empty when there
 *                 is any problem
 * @param problems every problem, sorted; empty exactly when {@code flowSet} is present
 * @param files    how many flow files were read
 */
public record LoadResult(Optional<FlowSet> flowSet, List<Problem> problems, int files) {
    public LoadResult {
        problems = List.copyOf(problems);
        if (flowSet.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("a load result has either a flow set or problems");
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** How many distinct files the problems are in. */
    public long filesWithProblems() {
        return problems.stream().map(p -> p.source().file()).distinct().count();
    }
}
