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
 */
public record ActionRecord(String name, String outcome, String reference, List<Map<String, Object>> records,
                           Instant at, long millis) {
    public ActionRecord {
        records = List.copyOf(records);
    }
}
