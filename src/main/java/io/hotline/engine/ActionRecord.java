package io.hotline.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One action done during a call, with what came of it.
 *
 * @param name      the action
 * @param outcome   its outcome ({@code timeout} and {@code error} included)
 * @param reference what it created or found ({@code F-...}), or empty
 * @param records   things it referred to (for the ticket)
 * @param at        when it finished
 * @param millis    how long it took
 * @param variables the call variables it set (never secure ones), so a recorded call can be
 *                  replayed against other flows without running the action again
 */
public record ActionRecord(
        String name,
        String outcome,
        String reference,
        List<Finding> records,
        Instant at,
        long millis,
        Map<String, String> variables) {
    public ActionRecord {
        records = List.copyOf(records);
        variables = Map.copyOf(variables);
    }

    /** A record of an action that set no variables. */
    public ActionRecord(String name, String outcome, String reference, List<Finding> records, Instant at, long millis) {
        this(name, outcome, reference, records, at, millis, Map.of());
    }
}
