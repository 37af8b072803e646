package io.hotline.engine;

import io.hotline.call.PromptPart;
import java.util.List;

/**
 * Hears what happens in a call as it happens, in order; for transcripts, the console's
 * softphone and tests. Called on the call's thread; must not block.
 */
public interface CallListener {
    /** The call started running (before anything is said). */
    default void started(io.hotline.call.CallInfo call) {}

    default void said(String language, List<PromptPart> parts) {}

    default void nodeEntered(String flowId, String nodeId, String type) {}

    default void keys(String nodeId, String keys) {}

    /**
     * The engine is about to listen for a key: during the prompt it just {@link #said} when
     * {@code duringPrompt}, else in a wait for a key. {@code keys} are the keys that count
     * (during a prompt: the ones that interrupt it; in a wait: any key).
     */
    default void listening(String keys, boolean duringPrompt) {}

    /** The call is about to record the caller's voice, for at most {@code maxLength} (the beep comes next). */
    default void recording(java.time.Duration maxLength) {}

    default void actionDone(ActionRecord record) {}

    default void ended(CallEnding ending) {}

    CallListener NONE = new CallListener() {};
}
