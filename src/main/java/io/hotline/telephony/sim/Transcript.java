package io.hotline.telephony.sim;

import io.hotline.call.PromptPart;
import io.hotline.engine.ActionRecord;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallListener;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything that happened in a call, in order, as a person would tell it: what was
 * said, keys pressed (secure ones masked), actions with outcomes, how it ended.
 * Thread-safe for one writer (the call's thread) and readers after the call ended.
 */
public final class Transcript implements CallListener {

    /** One line of the transcript. */
    public sealed interface Entry {
        record Said(String language, String text) implements Entry {}

        record Pressed(String node, String keys) implements Entry {}

        record Acted(String name, String outcome, String reference) implements Entry {}

        record Ended(CallEnding ending) implements Entry {}
    }

    private final List<Entry> entries = new ArrayList<>();
    private CallEnding ending;

    @Override
    public synchronized void said(String language, List<PromptPart> parts) {
        entries.add(new Entry.Said(language, text(parts)));
    }

    @Override
    public synchronized void keys(String nodeId, String keys) {
        entries.add(new Entry.Pressed(nodeId, keys));
    }

    @Override
    public synchronized void actionDone(ActionRecord record) {
        entries.add(new Entry.Acted(record.name(), record.outcome(), record.reference()));
    }

    @Override
    public synchronized void ended(CallEnding ending) {
        this.ending = ending;
        entries.add(new Entry.Ended(ending));
    }

    /** The words of the parts joined as one sentence, amounts and dates readable. */
    public static String text(List<PromptPart> parts) {
        String joined = parts.stream()
                .map(PromptPart::text)
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" "));
        return joined.replaceAll(" ([.,;:!?。，；：！？])", "$1");
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<String> prompts() {
        return entries.stream()
                .filter(e -> e instanceof Entry.Said)
                .map(e -> ((Entry.Said) e).text())
                .toList();
    }

    public synchronized CallEnding ending() {
        return ending;
    }

    /** The transcript as printed by {@code hotline call}. */
    public synchronized String render() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            switch (e) {
                case Entry.Said s -> sb.append("  hotline: ").append(s.text()).append('\n');
                case Entry.Pressed p ->
                    sb.append("  caller presses ").append(p.keys()).append('\n');
                case Entry.Acted a ->
                    sb.append("  action ")
                            .append(a.name())
                            .append(" -> ")
                            .append(a.outcome())
                            .append(a.reference().isEmpty() ? "" : " (" + a.reference() + ")")
                            .append('\n');
                case Entry.Ended d -> {
                    CallEnding x = d.ending();
                    sb.append("ended: ").append(x.reason().wire());
                    if (!x.queue().isEmpty()) {
                        sb.append(", queue ").append(x.queue());
                    }
                    if (!x.ticket().isEmpty()) {
                        sb.append(", ticket ").append(x.ticket());
                    }
                    if (!x.detail().isEmpty()) {
                        sb.append(" (").append(x.detail()).append(')');
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The transcript as the JSON object {@code hotline call --json} prints. */
    public synchronized TranscriptJson toJson(String callId, String maskedAni, String flow, long version) {
        List<String> keys = new ArrayList<>();
        List<TranscriptJson.Action> actions = new ArrayList<>();
        List<TranscriptJson.Event> events = new ArrayList<>();
        for (Entry e : entries) {
            events.add(
                    switch (e) {
                        case Entry.Said s -> new TranscriptJson.Event.Said(s.text(), s.language());
                        case Entry.Pressed p -> {
                            keys.add(p.keys());
                            yield new TranscriptJson.Event.Pressed(p.keys(), p.node());
                        }
                        case Entry.Acted a -> {
                            actions.add(new TranscriptJson.Action(a.name(), a.outcome(), a.reference()));
                            yield new TranscriptJson.Event.Acted(a.name(), a.outcome());
                        }
                        case Entry.Ended d ->
                            new TranscriptJson.Event.Ended(d.ending().reason().wire());
                    });
        }
        var end = ending == null
                ? TranscriptJson.End.NOT_YET
                : new TranscriptJson.End(ending.reason().wire(), ending.queue(), ending.ticket(), ending.detail());
        return new TranscriptJson(callId, maskedAni, flow, version, prompts(), keys, actions, end, events);
    }
}
