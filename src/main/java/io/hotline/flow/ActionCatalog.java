package io.hotline.flow;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the linter needs to know about actions without depending on them: which names
 * exist and which outcomes each can produce. Every action can also end in
 * {@code error} and {@code timeout}; flows must map {@code error}, and {@code timeout}
 * falls back to it.
 */
public interface ActionCatalog {

    /** The outcomes of the named action (besides {@code error}/{@code timeout}), or empty if unknown. */
    Optional<Set<String>> outcomes(String action);

    /** A catalog from a plain map, for tests and for the real actions' registry. */
    static ActionCatalog of(Map<String, Set<String>> outcomesByAction) {
        Map<String, Set<String>> copy = Map.copyOf(outcomesByAction);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
