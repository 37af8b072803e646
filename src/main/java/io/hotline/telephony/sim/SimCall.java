package io.hotline.telephony.sim;

import io.hotline.call.Call;
import io.hotline.call.CallEnded;
import io.hotline.call.CallInfo;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.telephony.queue.ChannelVariables;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A call carried by the simulator. Channel variables are kept as Asterisk keeps them
 * (names without the inheritance prefix); a queue hand-off is passed to the simulated
 * queues given at construction.
 */
public final class SimCall implements Call {
    private final CallInfo info;
    private final SimCaller caller;
    private final Consumer<SimHandoff> queues;
    private final Map<String, String> channelVariables = new LinkedHashMap<>();
    private volatile boolean ended;
    private QueueHandoff handoff;

    /** A simulated call that reached a queue: who called and the hand-off order. */
    public record SimHandoff(CallInfo call, QueueHandoff handoff) {}

    public SimCall(CallInfo info, SimCaller caller, Consumer<SimHandoff> queues) {
        this.info = Objects.requireNonNull(info);
        this.caller = Objects.requireNonNull(caller);
        this.queues = queues == null ? h -> {} : queues;
    }

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public Key play(List<PromptPart> parts, String language, String interruptKeys) {
        live();
        return caller.hear(parts, language, interruptKeys);
    }

    @Override
    public Key waitForKey(Duration timeout) {
        live();
        try {
            return caller.nextKey(timeout);
        } catch (CallEnded e) {
            ended = true;
            throw e;
        }
    }

    @Override
    public io.hotline.call.Recording record(io.hotline.call.RecordRequest request) {
        live();
        return caller.speak(request);
    }

    @Override
    public void setVariables(Map<String, String> variables) {
        live();
        variables.forEach((k, v) -> channelVariables.put(ChannelVariables.baseName(k), v));
    }

    @Override
    public void handToQueue(QueueHandoff handoff) {
        setVariables(ChannelVariables.of(handoff));
        this.handoff = handoff;
        ended = true;
        queues.accept(new SimHandoff(info, handoff));
    }

    @Override
    public void hangup() {
        ended = true;
    }

    /** Hang up from the caller's side (the softphone's red button). */
    public void callerHangsUp() {
        ended = true;
    }

    private void live() {
        if (ended) {
            throw new CallEnded("call " + info.callId() + " has ended");
        }
    }

    public Map<String, String> channelVariables() {
        return Map.copyOf(channelVariables);
    }

    public QueueHandoff handoff() {
        return handoff;
    }
}
