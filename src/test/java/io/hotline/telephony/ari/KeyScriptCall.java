package io.hotline.telephony.ari;

import io.hotline.call.Call;
import io.hotline.call.CallInfo;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.emulator.ari.AriEmulator;
import io.hotline.emulator.ari.EmulatedChannel;
import io.hotline.engine.CallListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Drives {@link AriEmulator}'s caller with the same key strings as the simulator's
 * {@code ScriptedCaller} ({@code "2 1"}, {@code "1 2468#"}, {@code "."} = stay silent for one
 * wait; when the keys run out and the flow waits, the caller hangs up), so ARI journeys
 * mirror the simulator journeys. It sits between the engine and the real {@link AriCall}
 * only to know when the flow listens: the keys themselves travel as ChannelDtmfReceived
 * events over the WebSocket and barge-in stops real (fake) playbacks. A key for a prompt that
 * listens for it is pressed just after the playback starts; a key for a wait shortly after
 * the wait began. Optionally the caller hangs up on entering a given node.
 */
final class KeyScriptCall implements Call, CallListener {
    /** How long after a wait began the caller presses (the adapter listens within microseconds). */
    private static final long KEY_DELAY_MILLIS = 60;

    private final Call delegate;
    private final AriEmulator fake;
    private final EmulatedChannel channel;
    private final String keys;
    private final String hangUpAtNode;
    private int next;

    KeyScriptCall(Call delegate, AriEmulator fake, EmulatedChannel channel, String keys, String hangUpAtNode) {
        this.delegate = delegate;
        this.fake = fake;
        this.channel = channel;
        this.keys = keys == null ? "" : keys.replaceAll("\\s+", "");
        this.hangUpAtNode = hangUpAtNode;
    }

    @Override
    public void nodeEntered(String flowId, String nodeId, String type) {
        if ((flowId + "/" + nodeId).equals(hangUpAtNode)) {
            fake.onContext(channel::hangUpByCaller);
        }
    }

    @Override
    public CallInfo info() {
        return delegate.info();
    }

    @Override
    public Key play(List<PromptPart> parts, String language, String interruptKeys) {
        boolean armed = false;
        if (next < keys.length() && keys.charAt(next) != '.' && interruptKeys.indexOf(keys.charAt(next)) >= 0) {
            char k = keys.charAt(next++);
            fake.onContext(() -> channel.pressOnNextPlayback(k));
            armed = true;
        }
        Key got = delegate.play(parts, language, interruptKeys);
        if (armed && got.isNone()) {
            // the prompt ended before the key landed: the caller presses it at the next chance
            fake.onContext(channel::disarm);
            next--;
        }
        return got;
    }

    @Override
    public Key waitForKey(Duration timeout) {
        if (next >= keys.length()) {
            fake.onContext(() -> channel.hangUpIn(KEY_DELAY_MILLIS));
        } else {
            char c = keys.charAt(next++);
            if (c != '.') {
                fake.onContext(() -> channel.pressIn(c, KEY_DELAY_MILLIS));
            }
        }
        return delegate.waitForKey(timeout);
    }

    @Override
    public io.hotline.call.Recording record(io.hotline.call.RecordRequest request) {
        boolean speaks = next < keys.length() && keys.charAt(next) == '~';
        if (speaks) {
            next++;
        }
        fake.onContext(() -> channel.speaksWhenRecorded(speaks));
        return delegate.record(request);
    }

    @Override
    public void setVariables(Map<String, String> variables) {
        delegate.setVariables(variables);
    }

    @Override
    public void handToQueue(QueueHandoff handoff) {
        delegate.handToQueue(handoff);
    }

    @Override
    public void hangup() {
        delegate.hangup();
    }
}
