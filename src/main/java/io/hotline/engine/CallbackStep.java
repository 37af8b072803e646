package io.hotline.engine;

import io.hotline.call.Call;
import io.hotline.call.Key;
import io.hotline.flow.Node;
import io.hotline.flow.Prompt;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue node's callback offer ({@code callback:}): when the estimated wait is long enough, "press 1 to be called
 * back"; the caller confirms the number the call came from (1) or types another one and #; a number that may be
 * called is booked, the reference said, and the call ends. Anything else (no key, a refused number, a booking that
 * fails) and the caller simply goes on to the queue. One call's thread only.
 */
final class CallbackStep {
    private static final Logger log = LoggerFactory.getLogger(CallbackStep.class);
    /** After the offer, how long the caller has to press 1. */
    static final Duration OFFER_WAIT = Duration.ofSeconds(4);

    static final Duration FIRST_DIGIT = Duration.ofSeconds(6);
    static final Duration NEXT_DIGIT = Duration.ofSeconds(3);
    private static final int MAX_DIGITS = 16;

    private final Call call;
    private final CallbackOffers offers;
    private final CallState state;
    private final Speaker play;
    private final Function<Duration, Key> waitForKey;

    CallbackStep(Call call, CallbackOffers offers, CallState state, Speaker play, Function<Duration, Key> waitForKey) {
        this.call = call;
        this.offers = offers;
        this.state = state;
        this.play = play;
        this.waitForKey = waitForKey;
    }

    /** Plays a prompt, stopped by one of {@code keys}; the key pressed or none. */
    @FunctionalInterface
    interface Speaker {
        Key apply(Prompt prompt, String keys);

        /** Plays it to the end. */
        default void say(Prompt prompt) {
            Key ignored = apply(prompt, "");
            assert ignored.isNone();
        }
    }

    /** The call's ending when the caller booked a callback, or empty when they go on to the queue. */
    Optional<CallEnding> offer(Node.Queue q, String ticketRef) {
        Node.CallbackOffer cb = q.callback();
        if (cb == null || !cb.offered() || !offers.available()) {
            return Optional.empty();
        }
        Duration wait;
        try {
            wait = offers.estimatedWait(q.queue());
        } catch (RuntimeException e) {
            log.warn("no wait estimate for {} ({}); no callback offered", q.queue(), ActionRunner.describe(e));
            return Optional.empty();
        }
        if (wait.compareTo(cb.offerAfter()) < 0) {
            return Optional.empty();
        }
        state.vars.put("queue.wait_minutes", Long.toString(Math.max(1, (wait.toSeconds() + 59) / 60)));
        Key k = play.apply(cb.offer(), "1");
        if (k.isNone()) {
            k = waitForKey.apply(OFFER_WAIT);
        }
        if (k.symbol() != '1') {
            state.noteInput("callback:no");
            return Optional.empty();
        }
        return take(q, ticketRef, 0);
    }

    /**
     * The caller said yes to the offer (pressed 1 here, or in the PBX's queue: then {@code position} is the place
     * they had there, 1 = next; 0 = they join now): confirms the number and books the callback, says its reference
     * and hangs up. Empty when the number may not be called or the booking fails: the caller hears why and goes on to
     * (or back to) the queue.
     */
    Optional<CallEnding> take(Node.Queue q, String ticketRef, int position) {
        Node.CallbackOffer cb = q.callback();
        String number = askNumber(cb);
        var snap = state.snapshot();
        if (!offers.mayCall(snap, number)) {
            state.noteInput("callback:refused");
            play.say(cb.refused());
            return Optional.empty();
        }
        String ref;
        try {
            ref = position > 0
                    ? offers.bookAt(snap, q.queue(), q.priority(), ticketRef, number, position)
                    : offers.book(snap, q.queue(), q.priority(), ticketRef, number);
        } catch (Exception e) {
            log.warn("callback not booked ({}); the caller waits on the line", ActionRunner.describe(e));
            state.noteInput("callback:failed");
            play.say(cb.refused());
            return Optional.empty();
        }
        return Optional.of(booked(q, ticketRef, ref, cb.booked()));
    }

    /**
     * The closed queue's offer ({@code callback.when-closed}): "we will call you back when we open"; the number is
     * confirmed as for the queued offer, and the callback waits for the opening the caller was told
     * ({@code hours.next_at}). Empty when not offered, declined or refused: then the queue's closed notice follows.
     */
    Optional<CallEnding> offerWhenClosed(Node.Queue q, String ticketRef) {
        Node.CallbackOffer cb = q.callback();
        String next = state.vars.getOrDefault("hours.next_at", "");
        if (cb == null
                || cb.whenClosed() == null
                || !cb.whenClosed().offered()
                || next.isEmpty()
                || !offers.available()) {
            return Optional.empty(); // a queue that never opens again gets no promise
        }
        Node.WhenClosed wc = cb.whenClosed();
        Key k = play.apply(wc.offer(), "1");
        if (k.isNone()) {
            k = waitForKey.apply(OFFER_WAIT);
        }
        if (k.symbol() != '1') {
            state.noteInput("callback-when-open:no");
            return Optional.empty();
        }
        String number = askNumber(cb);
        var snap = state.snapshot();
        if (!offers.mayCall(snap, number)) {
            state.noteInput("callback-when-open:refused");
            sayIfAny(wc.refused());
            return Optional.empty();
        }
        String ref;
        try {
            ref = offers.bookWhenOpen(snap, q.queue(), q.priority(), ticketRef, number, Instant.parse(next));
        } catch (Exception e) {
            log.warn("callback for the opening not booked ({})", ActionRunner.describe(e));
            state.noteInput("callback-when-open:failed");
            sayIfAny(wc.refused());
            return Optional.empty();
        }
        return Optional.of(booked(q, ticketRef, ref, wc.booked()));
    }

    private void sayIfAny(Prompt prompt) {
        if (prompt != null) {
            play.say(prompt);
        }
    }

    private CallEnding booked(Node.Queue q, String ticketRef, String ref, Prompt booked) {
        state.vars.put("callback.ref", ref);
        state.noteInput("callback:booked");
        play.say(booked);
        state.leaveCurrentNode("callback " + ref);
        call.hangup();
        return new CallEnding(CallEnding.Reason.CALLBACK, q.queue(), ticketRef, ref);
    }

    /** 1 alone: the number the call came from; else the digits typed (ended by # or a pause). Never logged. */
    private String askNumber(Node.CallbackOffer cb) {
        Key k = play.apply(cb.number(), "0123456789#");
        if (k.isNone()) {
            k = waitForKey.apply(FIRST_DIGIT);
        }
        StringBuilder typed = new StringBuilder();
        while (!k.isNone() && k.symbol() != '#' && typed.length() < MAX_DIGITS) {
            if (Character.isDigit(k.symbol())) {
                typed.append(k.symbol());
            }
            k = waitForKey.apply(NEXT_DIGIT);
        }
        String t = typed.toString();
        return t.equals("1") ? call.info().ani().replaceAll("[^0-9]", "") : t;
    }
}
