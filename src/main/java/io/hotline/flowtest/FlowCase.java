package io.hotline.flowtest;

import io.hotline.flow.Source;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One flow test: a simulated call and what must happen in it.
 *
 * @param name      unique across the case files; printed as {@code PASS name}
 * @param source    where the case starts in its file
 * @param caller    the caller's number (empty: withheld)
 * @param flow      the flow the call starts in
 * @param language  the caller's language
 * @param keys      keys in the {@code hotline call --keys} syntax
 * @param fixture   phone number → adjustments to that account before the call
 * @param stubs     action → the outcome it gives in this case, without running it
 * @param expect    what must happen
 */
public record FlowCase(
        String name,
        Source source,
        String caller,
        String flow,
        String language,
        String keys,
        Map<String, List<Fixture>> fixture,
        Map<String, String> stubs,
        Expectation expect) {
    public FlowCase {
        Objects.requireNonNull(name, "name");
        fixture = Map.copyOf(fixture);
        stubs = Map.copyOf(stubs);
    }

    /**
     * What must happen in the call. Unset parts (empty lists, null) are not checked.
     *
     * @param prompts    substrings that must be heard, each in a later prompt than the one before
     * @param neverHeard substrings no prompt may contain
     * @param actions    actions that must be done in this order (others may come between); an
     *                   outcome of null accepts any outcome
     * @param end        {@code queued}, {@code hangup}, {@code caller_hangup} or {@code error}
     * @param queue      the queue the call must reach
     * @param ticket     the category of the call's ticket
     */
    public record Expectation(
            List<String> prompts,
            List<String> neverHeard,
            List<ExpectedAction> actions,
            String end,
            String queue,
            String ticket) {
        public Expectation {
            prompts = List.copyOf(prompts);
            neverHeard = List.copyOf(neverHeard);
            actions = List.copyOf(actions);
        }
    }

    /** An action that must be done, with the outcome it must give (null: any). */
    public record ExpectedAction(String name, String outcome) {
        @Override
        public String toString() {
            return outcome == null ? name : name + " -> " + outcome;
        }
    }
}
