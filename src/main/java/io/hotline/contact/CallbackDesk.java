package io.hotline.contact;

import io.hotline.call.Masking;
import io.hotline.engine.CallSnapshot;
import io.hotline.engine.CallbackOffers;
import io.hotline.hours.OpeningHours;
import io.hotline.secrets.NumberVault;
import io.hotline.telephony.queue.CallbackLine;
import io.hotline.telephony.queue.ChannelVariables;
import io.hotline.telephony.queue.QueuedCall;
import io.hotline.tickets.Tickets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Books queued callbacks (the engine's {@link CallbackOffers}), keeps their placeholders in the PBX's queues, and
 * calls the caller back when an agent takes one ({@link CallbackLine.Listener}). One per node.
 *
 * <p>Threading: thread-safe. The PBX's events are handed to virtual threads at once; a keeper thread places the
 * placeholders this node holds the lease of, every {@link #TICK} and when woken.
 */
public final class CallbackDesk implements CallbackOffers, CallbackLine.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallbackDesk.class);
    /** The vault purpose callback numbers are sealed for. */
    public static final String PURPOSE = "callback";

    static final Duration TICK = Duration.ofMillis(500);

    /** Writes an SMS to the outbox: number, text, language. */
    @FunctionalInterface
    public interface SmsWriter {
        void write(String number, String text, String language);
    }

    private final CallbackStore store;
    private final OpeningCallbacks opening;
    private final CallbackConfig config;
    private final NumberVault vault;
    private final Tickets tickets;
    private final SmsWriter sms;
    private final Function<Long, Optional<String>> registeredPhone;
    private final String node;
    private final Clock clock;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore wake = new Semaphore(0);
    private final Thread keeper;
    private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;
    private volatile CallbackLine line;
    private volatile Function<String, Duration> estimate = q -> Duration.ZERO;
    // callbacks booked from the PBX's queue: the position their placeholder takes when first placed here
    private final Map<String, Integer> firstPlaces = new java.util.concurrent.ConcurrentHashMap<>();

    public CallbackDesk(
            DataSource ds,
            Clock clock,
            CallbackConfig config,
            NumberVault vault,
            Tickets tickets,
            SmsWriter sms,
            Function<Long, Optional<String>> registeredPhone,
            String node,
            OpeningHours hours) {
        this.store = new CallbackStore(ds, clock);
        this.opening = new OpeningCallbacks(ds, clock, hours);
        this.clock = Objects.requireNonNull(clock);
        this.config = Objects.requireNonNull(config);
        this.vault = Objects.requireNonNull(vault);
        this.tickets = Objects.requireNonNull(tickets);
        this.sms = Objects.requireNonNull(sms);
        this.registeredPhone = Objects.requireNonNull(registeredPhone);
        this.node = Objects.requireNonNull(node);
        this.keeper = Thread.ofVirtual().name("callbacks-" + node).unstarted(this::keep);
        this.keeper.start();
    }

    /**
     * The PBX this node's callbacks wait in, and how long a caller joining a queue would wait there. From now on its
     * placeholders are placed (again) and its events handled.
     */
    public void attach(CallbackLine pbx, Function<String, Duration> estimatedWait) {
        this.estimate = Objects.requireNonNull(estimatedWait);
        this.line = Objects.requireNonNull(pbx);
        pbx.listen(this);
        wake.release();
    }

    public CallbackConfig config() {
        return config;
    }

    // ---- the engine's side ---------------------------------------------------------------

    /**
     * Only with a number key and a PBX that keeps placeholders attached ({@link #attach}): the simulator's queues,
     * or app_queue over AMI ({@code telephony.ami.AmiCallbackLine}, attached by the server when AMI is configured).
     */
    @Override
    public boolean available() {
        return vault.enabled() && line != null;
    }

    @Override
    public Duration estimatedWait(String queue) {
        return estimate.apply(queue);
    }

    @Override
    public boolean mayCall(CallSnapshot call, String number) {
        if (number.isEmpty() || !config.numbers().matcher(number).matches()) {
            return false;
        }
        if (number.equals(digits(call.info().ani()))) {
            return true;
        }
        String account = call.var("account.id");
        if (account.isEmpty()) {
            return true; // no account: any number the rule allows
        }
        return registeredPhone
                .apply(Long.parseLong(account))
                .map(p -> digits(p).equals(number))
                .orElse(false);
    }

    @Override
    public String book(CallSnapshot call, String queue, int priority, String ticketRef, String number) {
        return book(call, queue, priority, ticketRef, number, null);
    }

    /**
     * Its placeholder, until this node has placed it, takes {@code position} (the caller's place in the PBX's queue,
     * which the caller has just left); placed again later (Asterisk restarted) or by another node, it takes the place
     * of a caller who joined at the booking.
     */
    @Override
    public String bookAt(CallSnapshot call, String queue, int priority, String ticketRef, String number, int position) {
        String ref = book(call, queue, priority, ticketRef, number, null);
        firstPlaces.put(ref, position);
        wake.release();
        return ref;
    }

    /** Pending until {@code queue} opens by the calendar ({@link #keepOnce} starts it then); {@code opensAt} told. */
    @Override
    public String bookWhenOpen(
            CallSnapshot call, String queue, int priority, String ticketRef, String number, Instant opensAt) {
        return book(call, queue, priority, ticketRef, number, Objects.requireNonNull(opensAt));
    }

    private String book(
            CallSnapshot call, String queue, int priority, String ticketRef, String number, Instant pendingUntil) {
        String account = call.var("account.id");
        Callback cb = store.book(new CallbackStore.NewCallback(
                ticketRef,
                call.info().callId(),
                queue,
                priority,
                call.language(),
                account.isEmpty() ? null : Long.parseLong(account),
                Masking.phone(number),
                vault.seal(PURPOSE, number),
                clock.instant(),
                pendingUntil));
        String state = pendingUntil == null ? "booked" : "waiting_for_opening";
        if (!ticketRef.isEmpty()) {
            tickets.markCallback(ticketRef, cb.reference(), state, cb.numberMasked());
        }
        log.info(
                "call {}: callback {} {} in {} for {}",
                cb.callId(),
                cb.reference(),
                pendingUntil == null ? "booked" : "booked for the opening at " + pendingUntil,
                queue,
                cb.numberMasked());
        wake.release();
        return cb.reference();
    }

    // ---- the PBX's side ------------------------------------------------------------------

    @Override
    public void taken(String callback, String agentInterface) {
        submit(() -> dialFor(callback, agentInterface));
    }

    @Override
    public void dialed(String callback, CallbackLine.DialResult result) {
        submit(() -> attemptEnded(callback, result));
    }

    /** Runs PBX work on a virtual thread; a stopped desk leaves it to the other nodes (or its next start). */
    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        try {
            work.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("callbacks: stopped; not handled here");
        }
    }

    private void dialFor(String ref, String agent) {
        Optional<CallbackStore.Dialing> d;
        try {
            d = store.startDialing(ref, node, agent, config.lease().plus(config.ringFor()));
        } catch (RuntimeException e) {
            log.warn("callback {}: not started ({}); its place stays", ref, e.toString());
            return;
        }
        if (d.isEmpty()) {
            return; // another node dials it, or it is no longer waiting
        }
        Optional<String> number = vault.open(PURPOSE, d.get().numberSealed());
        CallbackLine pbx = line;
        if (number.isEmpty() || pbx == null) {
            log.warn("callback {}: its number cannot be opened here (another number key?)", ref);
            attemptEnded(ref, CallbackLine.DialResult.FAILED);
            return;
        }
        log.info(
                "callback {}: agent {} took its place; calling {} (attempt {})",
                ref,
                agent,
                d.get().callback().numberMasked(),
                d.get().callback().attempts());
        pbx.dial(ref, number.get(), config.ringFor());
    }

    private void attemptEnded(String ref, CallbackLine.DialResult result) {
        try {
            Optional<Callback> before = store.byReference(ref);
            if (before.isEmpty()
                    || !before.get().status().equals("dialing")
                    || !before.get().owner().equals(node)) {
                return; // another node's, or cancelled meanwhile
            }
            Callback cb = before.get();
            boolean connected = result == CallbackLine.DialResult.CONNECTED;
            boolean giveUp = !connected && cb.attempts() >= config.attempts();
            Optional<String> number =
                    giveUp ? store.sealedNumber(ref).flatMap(s -> vault.open(PURPOSE, s)) : Optional.empty();
            Instant retryAt = clock.instant().plus(config.backoff(cb.attempts()));
            Optional<Callback> after = store.attemptEnded(ref, node, result.wire(), connected, giveUp, retryAt);
            if (after.isEmpty()) {
                return;
            }
            CallbackLine pbx = line;
            if (!connected && pbx != null) {
                pbx.release(ref);
            }
            if (connected) {
                log.info("callback {}: caller connected to {}", ref, cb.agent());
                mark(cb, "connected", "agent " + cb.agent());
            } else if (giveUp) {
                log.info("callback {}: given up after {} attempts ({})", ref, cb.attempts(), result.wire());
                mark(cb, "given_up", cb.attempts() + " attempts, last " + result.wire());
                number.ifPresent(n -> sms.write(n, givenUpText(cb), cb.language()));
            } else {
                log.info("callback {}: attempt {} {}; again from {}", ref, cb.attempts(), result.wire(), retryAt);
                wake.release();
            }
        } catch (RuntimeException e) {
            log.warn("callback {}: the attempt's end ({}) was not recorded: {}", ref, result.wire(), e.toString());
        }
    }

    private void mark(Callback cb, String state, String detail) {
        if (!cb.ticketRef().isEmpty()) {
            tickets.markCallback(cb.ticketRef(), cb.reference(), state, detail);
        }
    }

    static String givenUpText(Callback cb) {
        return cb.language().equals("zh")
                ? "我们尝试回拨您" + cb.attempts() + "次（回拨编号 " + cb.reference() + "），未能接通。请您再次致电客服热线。"
                : "We tried " + cb.attempts() + " times to call you back (callback " + cb.reference()
                        + ") but could not reach you. Please call the hotline again.";
    }

    // ---- supervisors ---------------------------------------------------------------------

    /** Open callbacks in their places' order per queue, for the queue board. */
    public List<Callback> open() {
        return store.open();
    }

    /** Open callbacks per queue: the board's "callbacks pending". */
    public Map<String, Integer> pendingPerQueue() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Callback cb : store.open()) {
            if (cb.open()) {
                out.merge(cb.queue(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Callbacks booked while their queue was closed, per queue: the board's "waiting for opening". */
    public Map<String, Integer> waitingForOpeningPerQueue() {
        return OpeningCallbacks.perQueue(store.open());
    }

    /** Callbacks booked in {@code [from, to)} per queue: the reports' {@code callbacks}. */
    public Map<String, Integer> bookedPerQueue(Instant from, Instant to) {
        return store.bookedPerQueue(from, to);
    }

    public Optional<Callback> byReference(String reference) {
        return store.byReference(reference);
    }

    /**
     * A supervisor cancels it (audited): its placeholder leaves the queue and its number is removed. One waiting for
     * its queue's opening is then not started (nor called) at the opening.
     */
    public Optional<Callback> cancel(String reference, String actor, String reason) {
        Optional<Callback> cb = store.cancel(reference, actor, reason);
        if (cb.isEmpty()) {
            return cb;
        }
        CallbackLine pbx = line;
        if (pbx != null) {
            pbx.release(reference); // nothing when it had no placeholder (waiting for the opening)
        }
        mark(cb.get(), "cancelled", "by " + actor + ": " + reason);
        return cb;
    }

    /**
     * A supervisor moves a waiting callback (audited) to another queue and/or to the place of a caller who joined at
     * {@code placedAt}; its placeholder is placed again there.
     */
    public Optional<Callback> move(String reference, String queue, Instant placedAt, String actor) {
        Optional<Callback> cb = store.move(reference, "waiting", queue, placedAt, null, actor);
        CallbackLine pbx = line;
        if (cb.isPresent() && pbx != null) {
            pbx.release(reference);
            wake.release();
        }
        return cb;
    }

    /**
     * When {@code queue} next opens by the calendar in force: now when it is open; empty when it does not open
     * within a year (no callback waiting for the opening may be moved there).
     */
    public Optional<Instant> nextOpening(String queue) {
        return opening.nextOpening(queue);
    }

    /**
     * A supervisor moves a callback waiting for its queue's opening (audited): to another queue, where it then waits
     * for that queue's opening (recomputed from the calendar in force, and started then by whichever node sees it
     * open), and/or to another place among those waiting ({@code placedAt}: the time of the place it takes, which
     * is also its place in the line once it joins it). Empty when it is not waiting for the opening any more.
     *
     * @throws IllegalArgumentException when {@code queue} does not open within a year ({@link #nextOpening})
     */
    public Optional<Callback> moveWaitingForOpening(String reference, String queue, Instant placedAt, String actor) {
        Instant opensAt = queue == null
                ? null
                : opening.nextOpening(queue)
                        .orElseThrow(() ->
                                new IllegalArgumentException(queue + " does not open within a year by the calendar"));
        Optional<Callback> cb = store.move(reference, "pending", queue, placedAt, opensAt, actor);
        if (cb.isPresent()) {
            wake.release(); // its new queue may be open now
        }
        return cb;
    }

    // ---- keeping the places --------------------------------------------------------------

    private void keep() {
        while (!closed) {
            try {
                if (wake.tryAcquire(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
                if (!closed && line != null) {
                    keepOnce();
                    rounds.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("callbacks: keeping the placeholders failed: {}", e.toString());
            }
        }
    }

    /** Rounds of keeping the placeholders done since start (with a PBX attached). */
    public long rounds() {
        return rounds.get();
    }

    /**
     * One round: finishes stale dials, starts the callbacks of queues that opened, places the placeholders missing
     * from the PBX, removes orphans.
     */
    void keepOnce() {
        CallbackLine pbx = line;
        for (Callback stale : store.takeOverStaleDialing(node, config.lease())) {
            log.info(
                    "callback {}: its dialing node {} stopped; counted as a failed attempt",
                    stale.reference(),
                    stale.owner());
            attemptEnded(stale.reference(), CallbackLine.DialResult.FAILED);
        }
        Optional<Set<String>> held = pbx.held();
        if (held.isEmpty()) {
            return; // the PBX cannot tell now (link down): place nothing twice
        }
        for (Callback cb : opening.startOpened(node, config.lease())) {
            log.info(
                    "callback {}: {} is open; it joins the queue (booked {})",
                    cb.reference(),
                    cb.queue(),
                    cb.placedAt());
            mark(cb, "booked", "queue opened");
        }
        List<Callback> mine = store.keepPlaces(node, config.lease(), 200);
        for (Callback cb : mine) {
            if (held.get().contains(cb.reference())) {
                firstPlaces.remove(cb.reference()); // placed: a later placement goes by its time
            } else {
                log.info(
                        "callback {}: placing its placeholder in {} (place of {})",
                        cb.reference(),
                        cb.queue(),
                        cb.placedAt());
                Integer position = firstPlaces.get(cb.reference());
                pbx.hold(placeholder(cb, position == null ? 0 : position));
            }
        }
        Set<String> open = new HashSet<>();
        store.open().forEach(cb -> open.add(cb.reference()));
        firstPlaces.keySet().retainAll(open);
        for (String ref : held.get()) {
            if (!open.contains(ref)) {
                pbx.release(ref); // cancelled or finished elsewhere
            }
        }
    }

    static CallbackLine.Placeholder placeholder(Callback cb, int position) {
        Map<String, String> vars = new LinkedHashMap<>(ChannelVariables.of(new io.hotline.call.QueueHandoff(
                cb.queue(),
                cb.priority(),
                cb.ticketRef(),
                "",
                cb.accountId() == null ? "" : Long.toString(cb.accountId()),
                false,
                cb.language(),
                "")));
        vars.put("__" + QueuedCall.CALLBACK, cb.reference());
        return new CallbackLine.Placeholder(cb.reference(), cb.queue(), cb.priority(), cb.placedAt(), vars, position);
    }

    static String digits(String s) {
        return s == null ? "" : s.replaceAll("[^0-9]", "");
    }

    @Override
    public void close() {
        closed = true;
        keeper.interrupt();
        work.shutdownNow();
        try {
            keeper.join(Duration.ofSeconds(5));
            work.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
