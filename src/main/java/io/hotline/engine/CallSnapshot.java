package io.hotline.engine;

import io.hotline.call.CallInfo;
import java.util.List;
import java.util.Map;

/**
 * What is known about a call at one moment, safe to store: secure variables are left out.
 *
 * @param info        the call as it arrived
 * @param flowId      the flow the call started in
 * @param flowVersion the published flow-set version the call runs on
 * @param language    the caller's current language
 * @param variables   call variables except secure ones
 * @param path        the nodes visited so far
 * @param actions     the actions done so far
 */
public record CallSnapshot(
        CallInfo info,
        String flowId,
        long flowVersion,
        String language,
        Map<String, String> variables,
        List<PathStep> path,
        List<ActionRecord> actions) {
    public CallSnapshot {
        variables = Map.copyOf(variables);
        path = List.copyOf(path);
        actions = List.copyOf(actions);
    }

    public String var(String name) {
        return variables.getOrDefault(name, "");
    }
}
