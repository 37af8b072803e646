package io.hotline.engine;

import io.hotline.call.Masking;
import io.hotline.call.TelephonyException;
import io.hotline.flow.Node;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call's actions on the action threads within each node's time budget: a read-only action may start early,
 * while the prompt before it plays; a slow or failing action becomes the {@code timeout} or {@code error} outcome;
 * every result is recorded in the {@link CallState} and told to the listener. One call's thread only.
 */
final class ActionRunner {
    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

    private final Actions actions;
    private final ExecutorService actionThreads;
    private final CallState state;
    private final CallListener listener;
    private final Clock clock;
    // a read-only action started while the prompt before it plays (null when none is running)
    private Early early;

    private record Early(Node.Action node, Future<Timed> result, long startNanos) {}

    /** An action's result and how long the action itself took. */
    private record Timed(ActionResult result, long nanos) {}

    ActionRunner(Actions actions, ExecutorService actionThreads, CallState state, CallListener listener, Clock clock) {
        this.actions = actions;
        this.actionThreads = actionThreads;
        this.state = state;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Starts {@code next} now when it is a read-only action: the prompt about to play changes no variable,
     * so the action sees what it would see after it, and its result is waiting when the prompt ends.
     */
    void startEarly(Node next) {
        if (next instanceof Node.Action a && actions.readOnly(a.action())) {
            early = new Early(a, submit(a), System.nanoTime());
        }
    }

    /** Stops an action started early whose node will not be reached (the caller hung up during the prompt). */
    void cancelEarly() {
        if (early != null) {
            early.result().cancel(true);
            early = null;
        }
    }

    /** Runs the node's action (or takes the result of its early start) and returns its outcome. */
    String run(Node.Action node) {
        long t0 = System.nanoTime();
        Future<Timed> f;
        if (early != null && early.node() == node) {
            f = early.result();
            t0 = early.startNanos();
            early = null;
        } else {
            cancelEarly();
            f = submit(node);
        }
        ActionResult result;
        long took = -1;
        try {
            // the budget counts from now, when the caller starts waiting, even for an action started early
            Timed timed = f.get(node.timeout().toMillis(), TimeUnit.MILLISECONDS);
            result = timed.result();
            took = timed.nanos();
        } catch (TimeoutException e) {
            // A read is left to finish (its result is dropped; interrupting it would close its pooled connection,
            // which under load turns a slow moment into reconnections). A write is interrupted, which rolls it back
            // unless its commit is already on the way: the caller then hears that it did not happen.
            f.cancel(!actions.readOnly(node.action()));
            log.warn(
                    "action {} took longer than {} ms",
                    node.action(),
                    node.timeout().toMillis());
            result = ActionResult.of("timeout");
        } catch (ExecutionException e) {
            log.warn("action {} failed: {}", node.action(), describe(e.getCause()));
            result = ActionResult.of("error");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new TelephonyException("call thread interrupted");
        }
        long millis = (took >= 0 ? took : System.nanoTime() - t0) / 1_000_000;
        state.vars.putAll(result.variables());
        var rec = new ActionRecord(
                node.action(),
                result.outcome(),
                result.reference(),
                result.records(),
                clock.instant(),
                millis,
                state.visible(result.variables()));
        state.done.add(rec);
        listener.actionDone(rec);
        log.info(
                "action {} -> {}{} ({} ms)",
                node.action(),
                result.outcome(),
                result.reference().isEmpty() ? "" : " " + result.reference(),
                millis);
        return result.outcome();
    }

    private Future<Timed> submit(Node.Action node) {
        Map<String, String> args = new LinkedHashMap<>();
        node.args().forEach((k, v) -> args.put(k, state.resolve(v)));
        var request = new ActionRequest(node.action(), args, state.snapshot());
        return actionThreads.submit(() -> {
            long t = System.nanoTime();
            ActionResult r = actions.invoke(request);
            return new Timed(r, System.nanoTime() - t);
        });
    }

    /** A failure for the log: a database error may quote the value it refused (a typed number), so numbers are masked. */
    static String describe(Throwable t) {
        return t == null
                ? "unknown"
                : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + Masking.text(t.getMessage()));
    }
}
