package io.hotline.actions;

import io.hotline.flow.ActionCatalog;

/** The names and outcomes of the actions flows may call, for the linter: the real registry's. */
public final class ActionNames {
    private ActionNames() {}

    /** Every action a flow may name, with the outcomes it can produce besides error and timeout. */
    public static ActionCatalog catalog() {
        return HotlineActions.CATALOG;
    }
}
