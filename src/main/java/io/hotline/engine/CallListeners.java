package io.hotline.engine;

import io.hotline.call.CallInfo;
import io.hotline.call.PromptPart;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's always-on listeners followed by the call's own; a failing always-on one is logged, not felt. */
final class CallListeners implements CallListener {
    private static final Logger log = LoggerFactory.getLogger(CallListeners.class);
    private final List<CallListener> always;
    private final CallListener own;

    private CallListeners(List<CallListener> always, CallListener own) {
        this.always = always;
        this.own = own;
    }

    static CallListener of(List<CallListener> always, CallListener own) {
        return new CallListeners(List.copyOf(always), own);
    }

    private void each(java.util.function.Consumer<CallListener> event) {
        for (CallListener l : always) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("call listener {} failed: {}", l.getClass().getSimpleName(), e.toString());
            }
        }
        event.accept(own);
    }

    @Override
    public void started(CallInfo call) {
        each(l -> l.started(call));
    }

    @Override
    public void said(String language, List<PromptPart> parts) {
        each(l -> l.said(language, parts));
    }

    @Override
    public void nodeEntered(String flowId, String nodeId, String type) {
        each(l -> l.nodeEntered(flowId, nodeId, type));
    }

    @Override
    public void keys(String nodeId, String keys) {
        each(l -> l.keys(nodeId, keys));
    }

    @Override
    public void listening(String keys, boolean duringPrompt) {
        each(l -> l.listening(keys, duringPrompt));
    }

    @Override
    public void recording(java.time.Duration maxLength) {
        each(l -> l.recording(maxLength));
    }

    @Override
    public void actionDone(ActionRecord record) {
        each(l -> l.actionDone(record));
    }

    @Override
    public void ended(CallEnding ending) {
        each(l -> l.ended(ending));
    }
}
