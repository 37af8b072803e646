package io.hotline.telephony.agi;

import io.hotline.call.Call;
import io.hotline.call.CallHandler;
import io.hotline.call.CallInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CallHandler} for tests: runs a script against each call and records what the
 * script got back and how it ended.
 */
final class Recorder implements CallHandler {

    /** What one call's script did: its results in order, and what it threw (or null). */
    record Outcome(CallInfo info, List<Object> results, RuntimeException thrown) {}

    interface Script {
        void run(Call call, List<Object> results);
    }

    private final Script script;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    final AtomicInteger running = new AtomicInteger();

    Recorder(Script script) {
        this.script = script;
    }

    @Override
    public void handle(Call call) {
        List<Object> results = Collections.synchronizedList(new ArrayList<>());
        running.incrementAndGet();
        try {
            script.run(call, results);
            outcomes.add(new Outcome(call.info(), List.copyOf(results), null));
        } catch (RuntimeException e) {
            outcomes.add(new Outcome(call.info(), List.copyOf(results), e));
            throw e;
        } finally {
            running.decrementAndGet();
        }
    }

    /** The next call's outcome; fails the test after 10 s. */
    Outcome next() {
        try {
            Outcome o = outcomes.poll(10, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("no call reached the handler");
            }
            return o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Outcomes recorded so far, without waiting. */
    int count() {
        return outcomes.size();
    }
}
