package io.hotline.journeys;

import io.hotline.call.CallEnded;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.engine.CallListener;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCaller;
import java.time.Duration;
import java.util.List;

/**
 * A scripted caller who hangs up as soon as the call reaches a given node (on the first
 * thing the engine does with the call there, or right after when the node does nothing
 * with the call, such as an action or a branch).
 */
final class HangUpAt implements SimCaller, CallListener {
    private final ScriptedCaller keys;
    private final String node;
    private boolean reached;

    HangUpAt(String keys, String flowSlashNode) {
        this.keys = new ScriptedCaller(keys);
        this.node = flowSlashNode;
    }

    @Override
    public void nodeEntered(String flowId, String nodeId, String type) {
        if ((flowId + "/" + nodeId).equals(node)) {
            reached = true;
        }
    }

    private void check() {
        if (reached) {
            throw new CallEnded("caller hung up at " + node);
        }
    }

    @Override
    public Key hear(List<PromptPart> parts, String language, String interruptKeys) {
        check();
        return keys.hear(parts, language, interruptKeys);
    }

    @Override
    public Key nextKey(Duration timeout) {
        check();
        return keys.nextKey(timeout);
    }

    @Override
    public io.hotline.call.Recording speak(io.hotline.call.RecordRequest request) {
        check();
        return keys.speak(request);
    }
}
