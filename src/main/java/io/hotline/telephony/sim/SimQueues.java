package io.hotline.telephony.sim;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.telephony.queue.ChannelVariables;
import io.hotline.telephony.queue.MemberState;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueueEventSink;
import io.hotline.telephony.queue.QueuedCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated agent queues, the in-process stand-in for Asterisk's app_queue: a {@link SimCall} handed
 * to a queue waits there and is offered, one agent at a time (longest idle first), to the ready agents
 * of that queue; each offer rings for the ring timeout. It publishes the same {@link QueueEvent}s
 * app_queue does over AMI, in the same order (joined; agent called; caller left then agent connected;
 * agent completed; ring-no-answer; abandoned then left), so the console's screen pop cannot tell a
 * simulated call from a real one. Agents "pick up" from the console ({@link #answer}).
 *
 * <p>Threading: thread-safe; every method returns at once. State changes happen under one lock and
 * events are published (to a non-blocking sink) inside it, so their order is the order of the changes.
 */
public final class SimQueues implements Consumer<SimCall.SimHandoff>, AutoCloseable {
    static final Logger log = LoggerFactory.getLogger(SimQueues.class);

    /** Someone who can take simulated calls: an agent with the console open. */
    public record SimAgent(String agentInterface, String name, Set<String> queues) {
        public SimAgent {
            Objects.requireNonNull(agentInterface);
            name = name == null ? agentInterface : name;
            queues = Set.copyOf(queues);
        }
    }

    /** What the caller of a queued simulated call hears about, for the softphone. */
    public record CallerView(String callKey, State state, String queue, int position, String agent) {
        public enum State {
            WAITING,
            RINGING,
            TALKING,
            ON_HOLD,
            ENDED
        }
    }

    enum Stage {
        WAITING,
        RINGING,
        TALKING
    }

    static final class Entry {
        String queue;
        boolean onHold;
        final QueuedCall call;
        final Instant joinedAt;
        final int priority;
        Stage stage = Stage.WAITING;
        String agent = "";
        Instant connectedAt;
        ScheduledFuture<?> ringTimer;
        /** A queued callback's placeholder: the callback's reference ({@link SimPlaceholders}); else empty. */
        String callback = "";

        Entry(String queue, QueuedCall call, Instant joinedAt, int priority) {
            this.queue = queue;
            this.call = call;
            this.joinedAt = joinedAt;
            this.priority = priority;
        }
    }

    final QueueEventSink sink;
    final Clock clock;
    private final Duration ringTimeout;
    private final ScheduledExecutorService timers;
    final Map<String, SimAgent> ready = new LinkedHashMap<>();
    private final Map<String, Instant> idleSince = new HashMap<>();
    final Map<String, String> busy = new HashMap<>();
    final Map<String, Entry> calls = new LinkedHashMap<>();
    private final Map<String, Consumer<CallerView>> watchers = new HashMap<>();
    final java.util.Set<String> paused = new java.util.HashSet<>();
    /** Told when an agent takes a callback's placeholder; set by {@link SimPlaceholders}. */
    Consumer<Entry> placeholderTaken = e -> {};

    public SimQueues(QueueEventSink sink, Clock clock, Duration ringTimeout) {
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
        this.ringTimeout = Objects.requireNonNull(ringTimeout);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-queues");
            t.setDaemon(true);
            return t;
        });
    }

    /** The call's key on the queue events: its {@link io.hotline.call.CallInfo#callId()}. */
    public static String callKey(SimCall.SimHandoff h) {
        return h.call().callId();
    }

    /** A simulated call reaches its queue (the {@link SimCall}'s hand-off consumer). */
    @Override
    public synchronized void accept(SimCall.SimHandoff h) {
        Map<String, String> vars = new LinkedHashMap<>();
        ChannelVariables.of(h.handoff()).forEach((k, v) -> vars.put(ChannelVariables.baseName(k), v));
        String key = callKey(h);
        var call = new QueuedCall(
                QueuedCall.SIM_CHANNEL_PREFIX + "caller-" + key, key, h.call().maskedAni(), vars);
        var entry = new Entry(
                h.handoff().queue(), call, clock.instant(), h.handoff().priority());
        calls.put(key, entry);
        sink.publish(new QueueEvent.CallerJoined(entry.queue, call, position(entry), clock.instant()));
        log.info("sim queue {}: call {} joined at position {}", entry.queue, key, position(entry));
        notifyCaller(entry);
        dispatch();
    }

    /** Watches a queued call from the caller's side (softphone); called at once with the current state. */
    public synchronized void watch(String callKey, Consumer<CallerView> watcher) {
        watchers.put(callKey, watcher);
        Entry e = calls.get(callKey);
        if (e != null) {
            notifyCaller(e);
        }
    }

    /** An agent opened the console and may be offered calls of their queues. */
    public synchronized void agentReady(SimAgent agent) {
        boolean isNew = ready.put(agent.agentInterface(), agent) == null;
        idleSince.putIfAbsent(agent.agentInterface(), clock.instant());
        if (isNew && !busy.containsKey(agent.agentInterface())) {
            memberState(agent, MemberState.NOT_IN_USE);
        }
        dispatch();
    }

    /**
     * The agent closed the console. A call ringing them is offered to someone else; a call they are
     * talking on goes on (the console may come back).
     */
    public synchronized void agentAway(String agentInterface) {
        SimAgent agent = ready.remove(agentInterface);
        if (agent == null) {
            return;
        }
        String key = busy.get(agentInterface);
        Entry e = key == null ? null : calls.get(key);
        if (e != null && e.stage == Stage.RINGING) {
            noAnswer(e);
        }
        if (!busy.containsKey(agentInterface)) {
            memberState(agent, MemberState.UNAVAILABLE);
        }
    }

    /**
     * Pauses or unpauses an agent (app_queue's QueuePause): a paused agent is offered no call. Takes effect
     * for an agent who is not ready yet too, when they become ready.
     */
    public synchronized void pause(String agentInterface, boolean pause) {
        boolean changed = pause ? paused.add(agentInterface) : paused.remove(agentInterface);
        SimAgent a = ready.get(agentInterface);
        if (changed && a != null) {
            memberState(a, busy.containsKey(agentInterface) ? MemberState.IN_USE : MemberState.NOT_IN_USE);
        }
        if (!pause) {
            dispatch();
        }
    }

    /** The agent picks up a call ringing them; false when it is not ringing them (any more). */
    public synchronized boolean answer(String agentInterface, String callKey) {
        Entry e = calls.get(callKey);
        if (e == null || e.stage != Stage.RINGING || !e.agent.equals(agentInterface)) {
            return false;
        }
        cancelTimer(e);
        e.stage = Stage.TALKING;
        Instant now = clock.instant();
        e.connectedAt = now;
        long hold = Duration.between(e.joinedAt, now).toSeconds();
        // app_queue's order: the caller leaves the queue, then the agent is connected.
        sink.publish(new QueueEvent.CallerLeft(e.queue, e.call, position(e), now));
        SimAgent agent = agentFor(agentInterface);
        sink.publish(new QueueEvent.AgentConnected(e.queue, e.call, agentInterface, agent.name(), hold, now));
        memberState(agent, MemberState.IN_USE);
        notifyCaller(e);
        if (!e.callback.isEmpty()) {
            placeholderTaken.accept(e);
        }
        return true;
    }

    /** The agent ends the conversation; false when they are not talking on that call. */
    public synchronized boolean agentHangsUp(String agentInterface, String callKey) {
        Entry e = calls.get(callKey);
        if (e == null || e.stage != Stage.TALKING || !e.agent.equals(agentInterface)) {
            return false;
        }
        complete(e, "agent");
        return true;
    }

    /** The caller hangs up (softphone), wherever the call is. */
    public synchronized void callerHangsUp(String callKey) {
        Entry e = calls.get(callKey);
        if (e == null) {
            return;
        }
        Instant now = clock.instant();
        switch (e.stage) {
            case WAITING, RINGING -> {
                cancelTimer(e);
                String ringing = e.stage == Stage.RINGING ? e.agent : "";
                sink.publish(new QueueEvent.CallerAbandoned(
                        e.queue,
                        e.call,
                        position(e),
                        position(e),
                        Duration.between(e.joinedAt, now).toSeconds(),
                        now));
                sink.publish(new QueueEvent.CallerLeft(e.queue, e.call, position(e), now));
                calls.remove(callKey);
                if (!ringing.isEmpty()) {
                    release(ringing);
                }
                endForCaller(e);
                dispatch();
            }
            case TALKING -> complete(e, "caller");
        }
    }

    /** The agent puts the caller on hold (music) or takes them back; false when not talking on that call. */
    public synchronized boolean hold(String agentInterface, String callKey, boolean hold) {
        return SimCallControl.hold(this, agentInterface, callKey, hold);
    }

    /**
     * Blind transfer to another queue: the agent's part ends ({@code AgentCompleted}, reason {@code transfer}) and
     * the caller joins {@code queue} with the same call (variables, ticket); false if they are not on that call.
     */
    public synchronized boolean transfer(String agentInterface, String callKey, String queue) {
        return SimCallControl.transfer(this, agentInterface, callKey, queue);
    }

    /** Blind transfer to one agent, who must be ready, free and not paused (false otherwise). */
    public synchronized boolean transferTo(String agentInterface, String callKey, String toInterface, String queue) {
        return SimCallControl.transferTo(this, agentInterface, callKey, toInterface, queue);
    }

    /** A supervisor gives a waiting or ringing caller to one ready, free, unpaused agent (false otherwise). */
    public synchronized boolean offerTo(String callKey, String agentInterface) {
        return SimCallControl.offerTo(this, callKey, agentInterface);
    }

    /** Calls waiting or ringing in a queue, for tests and the log. */
    public synchronized int waiting(String queue) {
        return (int) calls.values().stream()
                .filter(e -> e.queue.equals(queue) && e.stage != Stage.TALKING)
                .count();
    }

    private void complete(Entry e, String reason) {
        Instant now = clock.instant();
        long talk =
                e.connectedAt == null ? 0 : Duration.between(e.connectedAt, now).toSeconds();
        sink.publish(new QueueEvent.AgentCompleted(e.queue, e.call, e.agent, reason, talk, now));
        calls.remove(e.call.key());
        release(e.agent);
        endForCaller(e);
        dispatch();
    }

    void release(String agentInterface) {
        busy.remove(agentInterface);
        idleSince.put(agentInterface, clock.instant());
        SimAgent a = ready.get(agentInterface);
        if (a != null) {
            memberState(a, MemberState.NOT_IN_USE);
        } else {
            memberState(new SimAgent(agentInterface, agentInterface, Set.of()), MemberState.UNAVAILABLE);
        }
    }

    /** Offers waiting calls (highest priority, then longest waiting) to free agents (longest idle). */
    void dispatch() {
        List<Entry> waiting = new ArrayList<>(
                calls.values().stream().filter(x -> x.stage == Stage.WAITING).toList());
        waiting.sort(Comparator.comparingInt((Entry x) -> -x.priority).thenComparing(x -> x.joinedAt));
        for (Entry e : waiting) {
            Optional<SimAgent> free = ready.values().stream()
                    .filter(a -> a.queues().contains(e.queue)
                            && !busy.containsKey(a.agentInterface())
                            && !paused.contains(a.agentInterface()))
                    .min(Comparator.comparing(a -> idleSince.getOrDefault(a.agentInterface(), Instant.EPOCH)));
            if (free.isEmpty()) {
                continue;
            }
            offer(e, free.get());
        }
    }

    void offer(Entry e, SimAgent a) {
        e.stage = Stage.RINGING;
        e.agent = a.agentInterface();
        busy.put(a.agentInterface(), e.call.key());
        sink.publish(new QueueEvent.AgentCalled(e.queue, e.call, a.agentInterface(), a.name(), clock.instant()));
        memberState(a, MemberState.RINGING);
        e.ringTimer = timers.schedule(() -> ringTimedOut(e), ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
        notifyCaller(e);
    }

    /** As app_queue's {@code retry}: after a ring no one answered, wait (an agent paused for it is not rung again). */
    static final Duration RETRY = Duration.ofSeconds(2);

    @SuppressFBWarnings(value = "DLS_DEAD_LOCAL_STORE", justification = "the retry's future is not needed")
    private synchronized void ringTimedOut(Entry e) {
        if (calls.get(e.call.key()) == e && e.stage == Stage.RINGING) {
            noAnswer(e);
            @SuppressWarnings({"FutureReturnValueIgnored", "unused"
            }) // a retry nobody cancels: dispatch() finds nothing to do
            var unused = timers.schedule(
                    () -> {
                        synchronized (this) {
                            dispatch();
                        }
                    },
                    RETRY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void noAnswer(Entry e) {
        cancelTimer(e);
        String iface = e.agent;
        sink.publish(new QueueEvent.AgentRingNoAnswer(e.queue, e.call, iface, ringTimeout.toMillis(), clock.instant()));
        e.stage = Stage.WAITING;
        e.agent = "";
        busy.remove(iface);
        // Not answering sends the agent to the back of the line, as app_queue's strategies do.
        idleSince.put(iface, clock.instant());
        SimAgent a = ready.get(iface);
        if (a != null) {
            memberState(a, MemberState.NOT_IN_USE);
        }
        notifyCaller(e);
    }

    SimAgent agentFor(String iface) {
        SimAgent a = ready.get(iface);
        return a != null ? a : new SimAgent(iface, iface, Set.of());
    }

    void memberState(SimAgent a, MemberState state) {
        Instant now = clock.instant();
        for (String q : a.queues()) {
            sink.publish(new QueueEvent.MemberChanged(
                    q,
                    new QueueEvent.Member(a.agentInterface(), a.name(), state, paused.contains(a.agentInterface())),
                    now));
        }
    }

    int position(Entry e) {
        List<Entry> same = calls.values().stream()
                .filter(x -> x.queue.equals(e.queue) && x.stage != Stage.TALKING)
                .sorted(Comparator.comparingInt((Entry x) -> -x.priority).thenComparing(x -> x.joinedAt))
                .toList();
        int i = same.indexOf(e);
        return i < 0 ? 0 : i + 1;
    }

    void notifyCaller(Entry e) {
        Consumer<CallerView> w = watchers.get(e.call.key());
        if (w == null) {
            return;
        }
        CallerView.State s = switch (e.stage) {
            case WAITING -> CallerView.State.WAITING;
            case RINGING -> CallerView.State.RINGING;
            case TALKING -> e.onHold ? CallerView.State.ON_HOLD : CallerView.State.TALKING;
        };
        String agent = e.agent.isEmpty() ? "" : agentFor(e.agent).name();
        w.accept(new CallerView(e.call.key(), s, e.queue, position(e), agent));
        // Others in the same queue moved up.
        for (Entry other : calls.values()) {
            Consumer<CallerView> ow = other == e ? null : watchers.get(other.call.key());
            if (ow != null && other.queue.equals(e.queue) && other.stage == Stage.WAITING) {
                ow.accept(new CallerView(other.call.key(), CallerView.State.WAITING, other.queue, position(other), ""));
            }
        }
    }

    private void endForCaller(Entry e) {
        Consumer<CallerView> w = watchers.remove(e.call.key());
        if (w != null) {
            w.accept(new CallerView(e.call.key(), CallerView.State.ENDED, e.queue, 0, ""));
        }
        for (Entry other : calls.values()) {
            Consumer<CallerView> ow = watchers.get(other.call.key());
            if (ow != null && other.queue.equals(e.queue) && other.stage == Stage.WAITING) {
                ow.accept(new CallerView(other.call.key(), CallerView.State.WAITING, other.queue, position(other), ""));
            }
        }
    }

    static void cancelTimer(Entry e) {
        if (e.ringTimer != null) {
            e.ringTimer.cancel(false);
            e.ringTimer = null;
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
