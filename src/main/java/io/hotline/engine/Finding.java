package io.hotline.engine;

/**
 * Something an action found or did that the call's ticket keeps for the agent (a failed recharge, a transaction,
 * a freeze). The actions define the kinds, as records; the engine only carries them from the action's result to
 * the call's record, and the ticket writes them into its context.
 */
public interface Finding {
    /** The kind as the ticket's context names it ({@code recharge}, {@code transaction}, {@code freeze}). */
    String type();
}
