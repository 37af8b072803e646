package io.hotline.flowtest;

import io.hotline.engine.CallEnding;
import io.hotline.telephony.sim.Transcript;
import io.hotline.tickets.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Compares one call with what its case expects; each difference says expected and actual. */
final class Expectations {
    private Expectations() {}

    static List<String> compare(FlowCase.Expectation e, Transcript t, CallEnding ending, Optional<Ticket> ticket) {
        List<String> out = new ArrayList<>();
        prompts(e.prompts(), t.prompts(), out);
        for (String never : e.neverHeard()) {
            List<String> said = t.prompts();
            for (int i = 0; i < said.size(); i++) {
                if (said.get(i).contains(never)) {
                    out.add("expected never to hear \"" + never + "\"\nbut prompt " + (i + 1) + " was: \"" + said.get(i)
                            + "\"");
                    break;
                }
            }
        }
        actions(e.actions(), done(t), out);
        if (e.end() != null && !e.end().equals(ending.reason().wire())) {
            out.add("expected the call to end: " + e.end() + "\nbut it ended:             "
                    + ending.reason().wire() + (ending.detail().isEmpty() ? "" : " (" + ending.detail() + ")"));
        }
        if (e.queue() != null && !e.queue().equals(ending.queue())) {
            out.add("expected queue: " + e.queue() + "\nbut got queue:  "
                    + (ending.queue().isEmpty() ? "(none: the call was not queued)" : ending.queue()));
        }
        if (e.ticket() != null) {
            String actual = ticket.map(Ticket::category).orElse(null);
            if (!e.ticket().equals(actual)) {
                out.add("expected a ticket of category: " + e.ticket() + "\nbut "
                        + (actual == null ? "no ticket was written" : "its category is:         " + actual));
            }
        }
        return out;
    }

    /** Each expected text in a prompt at or after the one the previous text was found in. */
    private static void prompts(List<String> expected, List<String> said, List<String> out) {
        int prompt = 0;
        int from = 0;
        for (int k = 0; k < expected.size(); k++) {
            String want = expected.get(k);
            boolean found = false;
            for (int i = prompt; i < said.size(); i++) {
                int at = said.get(i).indexOf(want, i == prompt ? from : 0);
                if (at >= 0) {
                    prompt = i;
                    from = at + want.length();
                    found = true;
                    break;
                }
            }
            if (!found) {
                boolean earlier = said.stream().anyMatch(s -> s.contains(want));
                out.add("expected to hear (prompt text " + (k + 1) + " of " + expected.size() + "): \"" + want + "\"\n"
                        + (k == 0
                                ? "but it was never said"
                                : earlier
                                        ? "but it was said only before \"" + expected.get(k - 1) + "\" (order matters)"
                                        : "but it was never said after \"" + expected.get(k - 1) + "\""));
                return;
            }
        }
    }

    private record Done(String name, String outcome) {
        @Override
        public String toString() {
            return name + " -> " + outcome;
        }
    }

    private static List<Done> done(Transcript t) {
        List<Done> out = new ArrayList<>();
        for (Transcript.Entry e : t.entries()) {
            if (e instanceof Transcript.Entry.Acted a) {
                out.add(new Done(a.name(), a.outcome()));
            }
        }
        return out;
    }

    private static void actions(List<FlowCase.ExpectedAction> expected, List<Done> done, List<String> out) {
        int from = 0;
        for (FlowCase.ExpectedAction want : expected) {
            int found = -1;
            for (int i = from; i < done.size(); i++) {
                Done d = done.get(i);
                if (d.name().equals(want.name())
                        && (want.outcome() == null || want.outcome().equals(d.outcome()))) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                String all = done.isEmpty()
                        ? "(none)"
                        : done.stream().map(Done::toString).collect(Collectors.joining(", "));
                out.add("expected action: " + want + (from > 0 ? " (after " + done.get(from - 1) + ")" : "")
                        + "\nbut the actions done were: " + all);
                return;
            }
            from = found + 1;
        }
    }
}
