package io.hotline.engine;

import java.util.Map;

/**
 * The order to run one action.
 *
 * @param action the action's name
 * @param args   the node's arguments with {@code ${var}} already resolved (secure
 *               variables included: actions may need a PIN, but must never log it)
 * @param call   what is known about the call so far
 */
public record ActionRequest(String action, Map<String, String> args, CallSnapshot call) {
    public ActionRequest {
        args = Map.copyOf(args);
    }

    /** An argument, or the empty string. */
    public String arg(String name) {
        return args.getOrDefault(name, "");
    }
}
