package io.hotline.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A node of a flow. A closed set: the engine switches over it exhaustively.
 * Every target is a node id of the same flow. Menu options may also name the
 * built-in targets {@link Menu#REPEAT} and {@link Menu#SWITCH_LANGUAGE}.
 */
public sealed interface Node {
    String id();

    Source source();

    /** Every node id this node can go to next, for reachability and graphs. */
    List<String> targets();

    /**
     * Plays a prompt and waits for one key.
     *
     * @param options   key → target, in file order
     * @param timeout   how long to wait for a key after the prompt ended
     * @param retries   how many more times the prompt is played after an invalid key or a
     *                  timeout before {@code onFail}
     * @param invalid   said after a key that is not an option
     * @param noInput   said after a timeout
     * @param onFail    where to go when retries run out
     * @param bargeIn   whether option keys interrupt the prompt (default true)
     */
    record Menu(
            String id,
            Source source,
            Prompt prompt,
            Map<String, String> options,
            Duration timeout,
            int retries,
            Prompt invalid,
            Prompt noInput,
            String onFail,
            boolean bargeIn)
            implements Node {
        public static final String REPEAT = "@repeat";
        public static final String SWITCH_LANGUAGE = "@language";

        @Override
        public List<String> targets() {
            var out = new java.util.ArrayList<String>();
            options.values().stream().filter(t -> !t.startsWith("@")).forEach(out::add);
            out.add(onFail);
            return List.copyOf(out);
        }
    }

    /**
     * Collects digits into a call variable.
     *
     * @param firstDigit time allowed after the prompt before the first key
     * @param interDigit time allowed between keys
     * @param overall    time allowed for the whole entry, from the end of the prompt
     * @param terminator key that ends the entry early (not part of the value), or empty
     * @param pattern    a regular expression the whole value must match, or null
     * @param secure     the digits never reach logs, tickets or the path record
     */
    record Input(
            String id,
            Source source,
            Prompt prompt,
            String variable,
            int minLength,
            int maxLength,
            String terminator,
            Duration firstDigit,
            Duration interDigit,
            Duration overall,
            int retries,
            String pattern,
            Prompt invalid,
            Prompt noInput,
            boolean secure,
            String next,
            String onFail)
            implements Node {
        @Override
        public List<String> targets() {
            return List.of(next, onFail);
        }
    }

    /** Plays a prompt (with dynamic parts) and goes on. */
    record Say(String id, Source source, Prompt prompt, String next) implements Node {
        @Override
        public List<String> targets() {
            return List.of(next);
        }
    }

    /**
     * Plays a prompt, then records the caller's voice after a beep until {@code #}, {@code silence} of silence or
     * {@code maxLength}, and keeps the recording with the call's ticket. Sets {@code variable} to {@code yes} when
     * something was recorded and kept, else {@code no}, and {@code <variable>.seconds} to its length.
     */
    record RecordMessage(
            String id, Source source, Prompt prompt, Duration maxLength, Duration silence, String variable, String next)
            implements Node {
        @Override
        public List<String> targets() {
            return List.of(next);
        }
    }

    /**
     * Calls a named action. Argument values are literals or {@code ${variable}}.
     * Each outcome the action can produce maps to a node; {@code timeout} falls back to
     * the {@code error} exit when not mapped.
     */
    record Action(
            String id,
            Source source,
            String action,
            Map<String, String> args,
            Map<String, String> outcomes,
            Duration timeout)
            implements Node {
        @Override
        public List<String> targets() {
            return List.copyOf(outcomes.values());
        }
    }

    /** Picks the first case whose condition holds, else {@code otherwise}. */
    record Branch(String id, Source source, List<Case> cases, String otherwise) implements Node {
        @Override
        public List<String> targets() {
            var out = new java.util.ArrayList<String>();
            cases.forEach(c -> out.add(c.target()));
            out.add(otherwise);
            return List.copyOf(out);
        }
    }

    /** One case of a branch. */
    record Case(Condition condition, String target, Source source) {}

    /**
     * Runs another flow and comes back: the called flow's {@code return} node outcome
     * picks this node's exit.
     */
    record Subflow(String id, Source source, String flow, Map<String, String> outcomes) implements Node {
        @Override
        public List<String> targets() {
            return List.copyOf(outcomes.values());
        }
    }

    /** Ends a subflow with an outcome. */
    record Return(String id, Source source, String outcome) implements Node {
        @Override
        public List<String> targets() {
            return List.of();
        }
    }

    /**
     * Opens or updates the call's ticket and hands the call to an agent queue. Terminal. When the calendar has the
     * queue closed, the ticket is written, {@code closed} is said (the reference and when the caller will be
     * contacted) and the call hangs up instead.
     *
     * @param closed said instead of the hand-off when the queue is closed; null when the calendar never closes it
     */
    record Queue(
            String id,
            Source source,
            Prompt prompt,
            String queue,
            int priority,
            String category,
            CallbackOffer callback,
            Prompt closed)
            implements Node {
        /** A queue node that offers no callback and that the calendar never closes. */
        public Queue(String id, Source source, Prompt prompt, String queue, int priority, String category) {
            this(id, source, prompt, queue, priority, category, null, null);
        }

        @Override
        public List<String> targets() {
            return List.of();
        }
    }

    /**
     * A queue node's {@code callback:}: while the estimated wait is at least {@code offerAfter}, the caller is
     * offered to be called back in their place instead of waiting on the line.
     *
     * @param offered    false switches the offer off without deleting it
     * @param offerAfter the estimated wait from which it is offered ({@code 0s}: always)
     * @param offer      "press 1 to be called back ..." (the caller has a few seconds to press 1)
     * @param number     "press 1 for the number you are calling from, or type another one and #"
     * @param booked     said once the callback is booked; may read {@code callback.ref}; the call then ends
     * @param refused    said when the number typed cannot be called back; the caller then waits on the line
     */
    record CallbackOffer(
            boolean offered,
            Duration offerAfter,
            Prompt offer,
            Prompt number,
            Prompt booked,
            Prompt refused,
            WhenClosed whenClosed) {
        /** An offer made only while the queue is open. */
        public CallbackOffer(
                boolean offered, Duration offerAfter, Prompt offer, Prompt number, Prompt booked, Prompt refused) {
            this(offered, offerAfter, offer, number, booked, refused, null);
        }

        /** Its prompts, in the order the docs list them (the when-closed ones last); none null. */
        public List<Prompt> prompts() {
            List<Prompt> out = new java.util.ArrayList<>(List.of(offer, number, booked, refused));
            if (whenClosed != null) {
                out.add(whenClosed.offer());
                out.add(whenClosed.booked());
                if (whenClosed.refused() != null) {
                    out.add(whenClosed.refused());
                }
            }
            return List.copyOf(out);
        }
    }

    /**
     * A callback offer's {@code when-closed:}: outside the queue's hours (the calendar), "we will call you back when
     * we open" instead of the queue node's {@code closed} notice. The caller confirms the number as for the queued
     * offer ({@link CallbackOffer#number}); the callback waits until the queue next opens, then joins the queue.
     *
     * @param offered false switches it off without deleting it
     * @param offer   "... to be called back when we open, press 1"; may read {@code hours.next_*}
     * @param booked  said once booked; may read {@code callback.ref} and {@code hours.next_*}; the call then ends
     * @param refused said when the number cannot be called back (then the {@code closed} notice), or null
     */
    record WhenClosed(boolean offered, Prompt offer, Prompt booked, Prompt refused) {}

    /**
     * Branches on the calendar: whether {@code queue} is open now, closed by its weekly hours or a closure, or
     * closed for a holiday. Sets {@code hours.state} and, when not open, when it opens next
     * ({@code hours.next_date}, {@code .next_hour}, {@code .next_minute}, {@code .next_day}).
     *
     * @param holiday where a holiday goes; {@code closed} when the flow does not tell them apart
     */
    record Hours(String id, Source source, String queue, String open, String closed, String holiday) implements Node {
        @Override
        public List<String> targets() {
            return holiday.equals(closed) ? List.of(open, closed) : List.of(open, closed, holiday);
        }
    }

    /**
     * An announcement point: plays the announcements an admin has switched on that are live now, for everyone
     * or for this {@code journey}, each at most once a call, then goes on. Plays nothing when none is live.
     *
     * @param journey the journey this point announces for (default: the flow's id)
     */
    record Announce(String id, Source source, String journey, String next) implements Node {
        @Override
        public List<String> targets() {
            return List.of(next);
        }
    }

    /** Says goodbye (optional prompt) and hangs up. Terminal. */
    record Hangup(String id, Source source, Prompt prompt) implements Node {
        @Override
        public List<String> targets() {
            return List.of();
        }
    }
}
