package io.hotline.telephony.sim;

import io.hotline.telephony.queue.CallbackLine;
import io.hotline.telephony.queue.ChannelVariables;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueuedCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Queued callbacks' placeholders in the {@link SimQueues}, as app_queue holds Hotline's Local channels: a placeholder
 * is a queue entry that joined when the caller would have (its place in the simulator's own ordering: priority, then
 * time of joining), rung and answered by agents like any caller, with the ticket's variables for the screen pop. The
 * callers' phones are {@link Phone}s: how the phone at a number answers the call back.
 *
 * <p>Threading: thread-safe; every method returns at once (the call back runs on a virtual thread).
 */
public final class SimPlaceholders implements CallbackLine, AutoCloseable {
    /** How the phone at a number answers a call back. */
    public enum Phone {
        /** Answers and presses 1: connected. */
        PRESSES_1,
        /** Answers and presses nothing (an answering machine). */
        NO_KEY,
        /** Rings out. */
        NO_ANSWER,
        /** Busy. */
        BUSY
    }

    private static final String KEY_PREFIX = "callback-";

    private final SimQueues queues;
    private final Function<String, Phone> phones;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dialing = Executors.newVirtualThreadPerTaskExecutor();

    /** @param phones the phone at each number the callbacks dial */
    public SimPlaceholders(SimQueues queues, Function<String, Phone> phones) {
        this.queues = Objects.requireNonNull(queues);
        this.phones = Objects.requireNonNull(phones);
        synchronized (queues) {
            queues.placeholderTaken = e -> listeners.forEach(l -> l.taken(e.callback, e.agent));
        }
    }

    @Override
    public void listen(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public void hold(Placeholder p) {
        synchronized (queues) {
            String key = KEY_PREFIX + p.callback();
            if (queues.calls.containsKey(key)) {
                return;
            }
            Map<String, String> vars = new TreeMap<>();
            p.variables().forEach((k, v) -> vars.put(ChannelVariables.baseName(k), v));
            var call = new QueuedCall(QueuedCall.SIM_CHANNEL_PREFIX + key, key, "", vars);
            var entry = new SimQueues.Entry(p.queue(), call, p.placedAt(), p.priority());
            entry.callback = p.callback();
            queues.calls.put(key, entry);
            int position = queues.position(entry);
            // it joined when the caller would have: the board shows it in that place, waiting since then
            queues.sink.publish(new QueueEvent.CallerJoined(p.queue(), call, position, p.placedAt()));
            SimQueues.log.info("sim queue {}: callback {} holds position {}", p.queue(), p.callback(), position);
            queues.dispatch();
        }
    }

    @Override
    public void release(String callback) {
        queues.callerHangsUp(KEY_PREFIX + callback);
    }

    @Override
    public Optional<Set<String>> held() {
        synchronized (queues) {
            return Optional.of(queues.calls.values().stream()
                    .filter(e -> !e.callback.isEmpty())
                    .map(e -> e.callback)
                    .collect(Collectors.toUnmodifiableSet()));
        }
    }

    /** The placeholder's position in its queue (1 = next), or 0 when it is not waiting there. */
    public int position(String callback) {
        synchronized (queues) {
            SimQueues.Entry e = queues.calls.get(KEY_PREFIX + callback);
            return e == null || e.stage == SimQueues.Stage.TALKING ? 0 : queues.position(e);
        }
    }

    /** The key the placeholder of {@code callback} has on the queue events (agents answer it by this key). */
    public static String callKey(String callback) {
        return KEY_PREFIX + callback;
    }

    @Override
    public void dial(String callback, String number, Duration ringFor) {
        dialing.execute(() -> {
            DialResult r = switch (phones.apply(number)) {
                case PRESSES_1 -> DialResult.CONNECTED;
                case NO_KEY -> DialResult.NO_KEY;
                case NO_ANSWER -> DialResult.NO_ANSWER;
                case BUSY -> DialResult.BUSY;
            };
            SimQueues.log.info("sim callback {}: the caller's phone {}", callback, r.wire());
            listeners.forEach(l -> l.dialed(callback, r));
        });
    }

    /**
     * How long a caller joining {@code queue} now would wait: the callers ahead times {@code handleTime}, shared by
     * the agents who serve the queue (at least one).
     */
    public Duration estimatedWait(String queue, Duration handleTime) {
        synchronized (queues) {
            int ahead = queues.waiting(queue);
            long agents = queues.ready.values().stream()
                    .filter(a -> a.queues().contains(queue))
                    .count();
            return handleTime.multipliedBy(ahead).dividedBy(Math.max(1, agents));
        }
    }

    @Override
    public void close() {
        dialing.shutdownNow();
    }
}
