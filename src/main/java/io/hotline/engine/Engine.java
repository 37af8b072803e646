package io.hotline.engine;

import io.hotline.call.Call;
import io.hotline.flow.FlowSource;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs calls through the published flows.
 *
 * <p>Threading: {@link #run} blocks the calling thread for the whole call; call it on
 * the call's own virtual thread. One {@code Engine} serves any number of concurrent
 * calls: all per-call state lives in the run, none in the engine.
 */
public final class Engine implements AutoCloseable {
    private final FlowSource flows;
    private final Actions actions;
    private final TicketDesk tickets;
    private final SessionLog sessions;
    private final Clock clock;
    private final EngineOptions options;
    private final Announcements announcements;
    private final ExecutorService actionThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<CallListener> always = new CopyOnWriteArrayList<>();
    private volatile CallbackOffers callbacks = CallbackOffers.NONE;

    public Engine(
            FlowSource flows,
            Actions actions,
            TicketDesk tickets,
            SessionLog sessions,
            Clock clock,
            EngineOptions options) {
        this(flows, actions, tickets, sessions, clock, options, Announcements.NONE);
    }

    /** As above, with the announcements the flows' {@code announce} points play. */
    public Engine(
            FlowSource flows,
            Actions actions,
            TicketDesk tickets,
            SessionLog sessions,
            Clock clock,
            EngineOptions options,
            Announcements announcements) {
        this.announcements = Objects.requireNonNull(announcements);
        this.flows = Objects.requireNonNull(flows);
        this.actions = Objects.requireNonNull(actions);
        this.tickets = Objects.requireNonNull(tickets);
        this.sessions = Objects.requireNonNull(sessions);
        this.clock = Objects.requireNonNull(clock);
        this.options = Objects.requireNonNull(options);
    }

    /**
     * Runs one call from its flow's start to its end (queued, hung up, caller gone or
     * failed) on the flow set published when it starts, and records its session.
     * Never throws for anything the caller or the telephony side does. The flow id {@code queue-callback} is the
     * in-queue callback offer's entry (a caller who pressed 1 in Asterisk's queue; README, "Queued callbacks"), not a
     * flow.
     */
    public CallEnding run(Call call, CallListener listener) {
        if (QueueCallbackRun.ENTRY.equals(call.info().flowId())) {
            // pressed 1 at the periodic offer in the PBX's queue: no IVR session of its own (its call has one)
            return new QueueCallbackRun(
                            call, flows.current(), callbacks, clock, listener == null ? CallListener.NONE : listener)
                    .run();
        }
        CallListener l = listener == null ? CallListener.NONE : listener;
        if (!always.isEmpty()) {
            l = CallListeners.of(always, l);
        }
        var run = new CallRun(
                call,
                flows.current(),
                actions,
                tickets,
                callbacks,
                sessions,
                clock,
                options,
                actionThreads,
                l,
                announcements);
        return run.run();
    }

    /** Where queue nodes with a {@code callback:} book callbacks, from the next call on ({@link CallbackOffers#NONE}). */
    public void offerCallbacks(CallbackOffers offers) {
        this.callbacks = Objects.requireNonNull(offers);
    }

    /**
     * Adds a listener that hears every call run from now on, whatever the adapter (metrics). It is called
     * on the call's thread like any {@link CallListener}: it must not block, and what it throws is logged
     * and ignored, never felt by the call.
     */
    public void addListener(CallListener listener) {
        always.add(Objects.requireNonNull(listener));
    }

    public CallEnding run(Call call) {
        return run(call, CallListener.NONE);
    }

    @Override
    public void close() {
        actionThreads.shutdownNow();
    }
}
