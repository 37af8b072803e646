package io.hotline.actions;

import io.hotline.engine.ActionRequest;
import java.util.Optional;

/** Reads ids the flow has established from the call's variables. */
final class Ids {
    private Ids() {}

    /** The account identified earlier in the call ({@code account.id}), if any. */
    static Optional<Long> account(ActionRequest r) {
        String v = r.call().var("account.id");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
