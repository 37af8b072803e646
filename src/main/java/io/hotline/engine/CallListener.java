package io.hotline.engine;

import io.hotline.call.PromptPart;
import java.util.List;

/**
 * Hears what happens in a call as it happens, in order; for transcripts, the console's
 * softphone and tests. Called on the call's thread; must not block.
 */
public interface CallListener {
    /** The call started running (before anything is said). */
    default void started(io.hotline.call.CallInfo call) {
    }

    default void said(String language, List<PromptPart> parts) {
    }

    default void nodeEntered(String flowId, String nodeId, String type) {
    }

    default void keys(String nodeId, String keys) {
    }

    default void actionDone(ActionRecord record) {
    }

    default void ended(CallEnding ending) {
    }

    CallListener NONE = new CallListener() {
    };
}
