package io.hotline.analytics;

import io.hotline.call.CallEnded;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.engine.CallListener;
import io.hotline.flow.FlowSet;
import io.hotline.flow.Node;
import io.hotline.telephony.sim.SimCaller;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded caller: at the k-th visit of a node it presses what was pressed at the k-th visit
 * of that node in the recording, and hangs up where the recorded caller hung up. Keys go in
 * after each prompt (never as barge-in), which leads the engine through the same steps.
 * Masked digits (secure input, typed phone numbers) are typed as digits the node accepts (see
 * {@link #unmask}), since the action that used them answers from the recording anyway. Where the candidate flow
 * asks for something the recording has no answer to, the caller hangs up: the paths differ
 * there and the replay is over.
 *
 * <p>One call, one thread.
 */
final class ReplayCaller implements SimCaller, CallListener {
    private static final Key SILENCE = Key.NONE;

    private final FlowSet candidate;
    private final Map<String, Deque<RecordedSession.Step>> visits = new HashMap<>();
    private final Deque<String> tokens = new ArrayDeque<>();
    private final Deque<Character> pending = new ArrayDeque<>();
    private boolean hangUpAfter;
    private Node.Input input;
    private boolean inputNode;
    private boolean breakEntry;

    ReplayCaller(RecordedSession session, FlowSet candidate) {
        this.candidate = candidate;
        for (RecordedSession.Step s : session.path()) {
            visits.computeIfAbsent(s.where(), k -> new ArrayDeque<>()).add(s);
        }
    }

    @Override
    public void nodeEntered(String flowId, String nodeId, String type) {
        tokens.clear();
        pending.clear();
        breakEntry = false;
        Node node = candidate.flow(flowId).map(f -> f.nodes().get(nodeId)).orElse(null);
        inputNode = node instanceof Node.Input;
        input = node instanceof Node.Input i ? i : null;
        Deque<RecordedSession.Step> recorded = visits.get(flowId + "/" + nodeId);
        RecordedSession.Step visit = recorded == null ? null : recorded.poll();
        if (visit == null) {
            hangUpAfter = false; // nothing recorded here: any wait for a key ends the replay
            return;
        }
        hangUpAfter = visit.exit().equals("caller_hangup");
        for (String t : visit.input().split(" ")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
    }

    /**
     * Recorded digit entries are masked ({@code ****} for secure input, all but the last four digits of a
     * typed phone number). The action that used the value answers from the recording, so any digits do that
     * the node accepts as the recorded ones were: the first digit that, put in every masked place, passes
     * the node's length and pattern (a phone number pattern such as {@code 1[0-9]{10}} gets ones).
     */
    static String unmask(String masked, Node.Input node) {
        for (char d = '0'; d <= '9'; d++) {
            String v = masked.replace('*', d);
            if (v.length() >= node.minLength()
                    && v.length() <= node.maxLength()
                    && v.matches(node.pattern() == null ? "[0-9]+" : node.pattern())) {
                return v;
            }
        }
        return masked.replace('*', '0');
    }

    @Override
    public Key hear(List<PromptPart> parts, String language, String interruptKeys) {
        breakEntry = false; // a prompt between two entries: the next key starts a new one
        if (hangUpAfter && tokens.isEmpty() && pending.isEmpty()) {
            throw new CallEnded("the recorded caller hung up here");
        }
        return Key.NONE;
    }

    @Override
    public Key nextKey(Duration timeout) {
        if (!pending.isEmpty()) {
            Key k = Key.of(pending.poll());
            breakEntry = pending.isEmpty() && inputNode;
            return k;
        }
        if (breakEntry) {
            breakEntry = false; // the recorded entry ended here (terminator or inter-digit timeout)
            return SILENCE;
        }
        String t = tokens.poll();
        if (t == null) {
            throw new CallEnded(hangUpAfter ? "the recorded caller hung up here" : "no recorded key for this wait");
        }
        if (t.equals("timeout")) {
            return SILENCE;
        }
        if (input != null && t.indexOf('*') >= 0) {
            t = unmask(t, input);
        }
        List<Character> chars = new ArrayList<>();
        for (char c : t.toCharArray()) {
            chars.add(c);
        }
        pending.addAll(chars);
        return nextKey(timeout);
    }
}
