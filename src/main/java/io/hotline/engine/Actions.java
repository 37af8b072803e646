package io.hotline.engine;

import io.hotline.flow.ActionCatalog;

/**
 * The named actions flows may call. Implemented by the {@code actions} package.
 *
 * <p>Threading: {@link #invoke} is called on a virtual thread dedicated to that one
 * invocation and may block (JDBC). The engine abandons the invocation when the action's
 * time budget runs out and interrupts that thread.
 */
public interface Actions extends ActionCatalog {

    /**
     * Runs the action. Returns its outcome; throws for failures, which the engine turns
     * into the {@code error} outcome. An action that changes data must commit before it
     * returns an outcome that says so.
     */
    ActionResult invoke(ActionRequest request) throws Exception;

    /**
     * Whether the action only reads (no write, no count, no message sent). The engine starts such an
     * action while the prompt just before it plays, so the caller does not wait for it afterwards; when
     * the caller hangs up during that prompt it has run for nothing, which changes nothing.
     */
    default boolean readOnly(String action) {
        return false;
    }
}
