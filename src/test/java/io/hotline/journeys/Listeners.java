package io.hotline.journeys;

import io.hotline.call.CallInfo;
import io.hotline.call.PromptPart;
import io.hotline.engine.ActionRecord;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallListener;
import java.util.List;

/** Call listeners for the test harnesses. */
public final class Listeners {
    private Listeners() {}

    /** One listener that tells {@code first}, then {@code second}, of everything. */
    public static CallListener both(CallListener first, CallListener second) {
        return new CallListener() {
            @Override
            public void started(CallInfo call) {
                first.started(call);
                second.started(call);
            }

            @Override
            public void said(String language, List<PromptPart> parts) {
                first.said(language, parts);
                second.said(language, parts);
            }

            @Override
            public void nodeEntered(String flowId, String nodeId, String type) {
                first.nodeEntered(flowId, nodeId, type);
                second.nodeEntered(flowId, nodeId, type);
            }

            @Override
            public void keys(String nodeId, String keys) {
                first.keys(nodeId, keys);
                second.keys(nodeId, keys);
            }

            @Override
            public void listening(String keys, boolean duringPrompt) {
                first.listening(keys, duringPrompt);
                second.listening(keys, duringPrompt);
            }

            @Override
            public void actionDone(ActionRecord record) {
                first.actionDone(record);
                second.actionDone(record);
            }

            @Override
            public void ended(CallEnding ending) {
                first.ended(ending);
                second.ended(ending);
            }
        };
    }
}
