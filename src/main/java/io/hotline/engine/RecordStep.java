package io.hotline.engine;

import io.hotline.call.Call;
import io.hotline.call.RecordRequest;
import io.hotline.call.Recording;
import io.hotline.flow.Node;
import io.hotline.flow.Prompt;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code record} node carried out: the prompt, the caller's voice message (brought to Hotline by the adapter),
 * kept with the call's ticket through the desk. Sets the node's variable to {@code yes} / {@code no} and
 * {@code <variable>.seconds}. A caller who hangs up while speaking has their message kept all the same; the
 * flow goes on without telephony until it needs the call again.
 *
 * <p>Threading: the call's own thread.
 */
final class RecordStep {
    private static final Logger log = LoggerFactory.getLogger(RecordStep.class);
    private final Call call;
    private final TicketDesk tickets;
    private final CallState state;
    private final CallListener listener;
    private final Consumer<Prompt> play;

    RecordStep(Call call, TicketDesk tickets, CallState state, CallListener listener, Consumer<Prompt> play) {
        this.call = call;
        this.tickets = tickets;
        this.state = state;
        this.listener = listener;
        this.play = play;
    }

    /** Runs the node; its exit: {@code recorded} or {@code empty}. */
    String run(Node.RecordMessage rec) {
        play.accept(rec.prompt());
        listener.recording(rec.maxLength());
        String name = "hotline-" + call.info().callId().replaceAll("[^A-Za-z0-9_-]", "_") + "-" + rec.id();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        Recording r = call.record(new RecordRequest(name, rec.maxLength(), rec.silence(), "#"));
        boolean kept = false;
        if (!r.empty()) {
            try {
                kept = tickets.keepRecording(state.snapshot(), rec.variable(), r);
            } catch (Exception e) {
                log.warn("the voice message of node {} could not be kept: {}", rec.id(), e.toString());
            }
        }
        state.vars.put(rec.variable(), kept ? "yes" : "no");
        state.vars.put(
                rec.variable() + ".seconds", Long.toString(kept ? r.length().toSeconds() : 0));
        state.noteInput(
                kept
                        ? r.length().toSeconds() + "s, ended by "
                                + r.endedBy().name().toLowerCase(java.util.Locale.ROOT)
                        : "nothing recorded");
        return kept ? "recorded" : "empty";
    }
}
