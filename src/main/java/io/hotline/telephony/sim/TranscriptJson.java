package io.hotline.telephony.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A {@link Transcript} as the JSON object {@code hotline call --json} prints; Jackson writes the components in the
 * order given here, and leaves out the empty optional ones.
 *
 * @param call        the call id
 * @param caller      the caller's number, masked
 * @param flow        the flow the call ran
 * @param flowVersion the published version of the flows ({@code flow_version})
 * @param prompts     what was said, one sentence per prompt
 * @param keys        the keys pressed (secure ones masked), per input
 * @param actions     the actions done, in order
 * @param end         how the call ended; empty while it has not
 * @param events      everything, in order
 */
public record TranscriptJson(
        String call,
        String caller,
        String flow,
        @JsonProperty("flow_version") long flowVersion,
        List<String> prompts,
        List<String> keys,
        List<Action> actions,
        End end,
        List<Event> events) {

    public TranscriptJson {
        prompts = List.copyOf(prompts);
        keys = List.copyOf(keys);
        actions = List.copyOf(actions);
        events = List.copyOf(events);
    }

    /** An action done; {@code reference} (a ticket, a freeze) is left out when it has none. */
    public record Action(
            String name,
            String outcome,
            @JsonInclude(Include.NON_EMPTY) String reference) {}

    /** How the call ended; all empty (the JSON {@code {}}) while it has not, and queue, ticket, detail when they are. */
    public record End(
            @JsonInclude(Include.NON_EMPTY) String reason,
            @JsonInclude(Include.NON_EMPTY) String queue,
            @JsonInclude(Include.NON_EMPTY) String ticket,
            @JsonInclude(Include.NON_EMPTY) String detail) {
        static final End NOT_YET = new End("", "", "", "");
    }

    /** One event of the call, as {@code {"said": ...}}, {@code {"pressed": ...}}, {@code {"action": ...}} or {@code {"ended": ...}}. */
    public sealed interface Event {
        record Said(String said, String language) implements Event {}

        record Pressed(String pressed, String node) implements Event {}

        record Acted(String action, String outcome) implements Event {}

        record Ended(String ended) implements Event {}
    }
}
