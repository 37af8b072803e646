package io.hotline.console;

import io.hotline.call.CallEnded;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.telephony.sim.SimCaller;
import io.hotline.telephony.sim.Transcript;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A person at the softphone page: keys come from the browser, and a prompt lasts until the browser
 * says it finished playing (or a key the prompt listens for interrupts it). Waits are real.
 * Keys pressed while a prompt does not listen are kept, in order, for the next moment the flow does
 * (the softphone's type-ahead).
 *
 * <p>Threading: {@link #hear} and {@link #nextKey} run on the call's virtual thread; {@link #pressed},
 * {@link #played} and {@link #hangUp} come from the event loop and never block.
 */
final class LiveCaller implements SimCaller {
    /** A prompt the browser never confirms still ends after this long. */
    static final Duration PROMPT_LIMIT = Duration.ofMinutes(2);

    private sealed interface Input {
        record Pressed(char key) implements Input {}

        record Played(long prompt) implements Input {}

        record HungUp() implements Input {}
    }

    private final BlockingQueue<Input> inbox = new LinkedBlockingQueue<>();
    private final Deque<Character> typedAhead = new ArrayDeque<>();
    private final Consumer<PromptToPlay> speaker;
    private long promptSeq;
    private volatile boolean hungUp;

    /** A prompt for the browser: its id, words, language and the keys that interrupt it. */
    record PromptToPlay(long id, String text, String language, String interruptKeys, List<PromptPart> parts) {}

    LiveCaller(Consumer<PromptToPlay> speaker) {
        this.speaker = speaker;
    }

    void pressed(char key) {
        inbox.add(new Input.Pressed(key));
    }

    void played(long prompt) {
        inbox.add(new Input.Played(prompt));
    }

    void hangUp() {
        hungUp = true;
        inbox.add(new Input.HungUp());
    }

    @Override
    public Key hear(List<PromptPart> parts, String language, String interruptKeys) {
        checkLive();
        Character early = typedAhead.peekFirst();
        if (early != null && interruptKeys.indexOf(early) >= 0) {
            typedAhead.pollFirst();
            return Key.of(early);
        }
        long id = ++promptSeq;
        speaker.accept(new PromptToPlay(id, Transcript.text(parts), language, interruptKeys, parts));
        long deadline = System.nanoTime() + PROMPT_LIMIT.toNanos();
        while (true) {
            Input in = take(deadline);
            switch (in) {
                case null -> {
                    return Key.NONE;
                }
                case Input.HungUp h -> throw new CallEnded("the softphone hung up");
                case Input.Played p -> {
                    if (p.prompt() == id) {
                        return Key.NONE;
                    }
                }
                case Input.Pressed k -> {
                    if (interruptKeys.indexOf(k.key()) >= 0 && typedAhead.isEmpty()) {
                        return Key.of(k.key());
                    }
                    typedAhead.addLast(k.key());
                }
            }
        }
    }

    @Override
    public Key nextKey(Duration timeout) {
        checkLive();
        Character early = typedAhead.pollFirst();
        if (early != null) {
            return Key.of(early);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Input in = take(deadline);
            switch (in) {
                case null -> {
                    return Key.NONE;
                }
                case Input.HungUp h -> throw new CallEnded("the softphone hung up");
                case Input.Played p -> {
                    // a late confirmation of an interrupted prompt
                }
                case Input.Pressed k -> {
                    return Key.of(k.key());
                }
            }
        }
    }

    private Input take(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return null;
        }
        try {
            return inbox.poll(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallEnded("the softphone call was stopped");
        }
    }

    private void checkLive() {
        if (hungUp) {
            throw new CallEnded("the softphone hung up");
        }
    }
}
