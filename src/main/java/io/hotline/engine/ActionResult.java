package io.hotline.engine;

import java.util.List;
import java.util.Map;

/**
 * What an action did.
 *
 * @param outcome   picks the node's exit ({@code ok}, {@code not_found}, {@code locked}, ...)
 * @param variables call variables to set (e.g. {@code account.id}, {@code recharge.amount})
 * @param reference a reference for what was done (freeze {@code F-...}, ticket {@code T-...}),
 *                  or empty
 * @param records   things the action referred to, for the ticket's context ({@link Finding}s)
 */
public record ActionResult(String outcome, Map<String, String> variables, String reference, List<Finding> records) {
    public ActionResult {
        variables = Map.copyOf(variables);
        reference = reference == null ? "" : reference;
        records = List.copyOf(records);
    }

    public static ActionResult of(String outcome) {
        return new ActionResult(outcome, Map.of(), "", List.of());
    }

    public static ActionResult of(String outcome, Map<String, String> variables) {
        return new ActionResult(outcome, variables, "", List.of());
    }
}
