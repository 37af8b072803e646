package io.hotline.telephony.ami;

import io.hotline.telephony.queue.CallbackLine;
import io.hotline.telephony.queue.LinkStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.StatusAction;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.event.StatusEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queued callbacks on Asterisk over AMI, with the shipped dialplan (docker/asterisk/extensions.conf,
 * {@code hotline-callback-place}, {@code -hold}, {@code -answer}). A placeholder is an async Originate of
 * {@code Local/<queue>@hotline-callback-place} whose {@code ;2} half joins app_queue at the caller's position
 * ({@link AmiQueueOrder}, from {@code QueueStatus}) with the ticket's variables; the AgentConnect of a channel carrying
 * {@code HOTLINE_CALLBACK} says an agent took it; the call back is an async Originate of the caller's number
 * ({@link AmiCallbackDial}) into {@code hotline-callback-answer}, bridged to the placeholder's {@code ;1} half once
 * the caller pressed 1. Its end: OriginateResponse failures (reason 3 rang out, 5 busy), {@code UserEvent
 * HotlineCallback} ({@code connected}, {@code no-key}, {@code failed}), or the call back hung up without a result
 * (no key). After every (re)connect {@code Status} finds the placeholders still up; until then {@link #held()} is
 * empty so that none is placed twice.
 *
 * <p>Threading: thread-safe; every method returns at once (AMI round trips run on virtual threads). Events come on
 * asterisk-java's reader thread and are only looked up in maps there.
 */
public final class AmiCallbackLine implements CallbackLine, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiCallbackLine.class);
    public static final String PLACE = "hotline-callback-place";
    public static final String HOLD = "hotline-callback-hold";
    public static final String ANSWER = "hotline-callback-answer";
    static final String CALLBACK_VAR = "HOTLINE_CALLBACK";
    /** How long the placeholder's Originate may take (it answers at once). */
    private static final Duration PLACE_TIMEOUT = Duration.ofSeconds(20);

    /** A placeholder: placing (no channel yet), waiting in its queue, or taken by an agent. */
    private static final class Held {
        final String queue;
        final Instant placedAt;
        volatile String channel = ""; // the ";2" half, in the queue
        volatile String agent = "";
        volatile boolean connected;

        Held(String queue, Instant placedAt) {
            this.queue = queue;
            this.placedAt = placedAt;
        }

        String hold() {
            return channel.isEmpty() ? "" : channel.substring(0, channel.length() - 1) + "1";
        }
    }

    /** One Originate in flight: a placeholder's or a call back's ({@code dial}). */
    private record Pending(String callback, boolean dial) {}

    /** One call back: its channel once answered; reported once. */
    private static final class Attempt {
        volatile String channel = "";
        final AtomicBoolean reported = new AtomicBoolean();
    }

    private final AmiLink link;
    private final AmiCallbackDial dialing;
    private final Clock clock;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, Pending> originates = new ConcurrentHashMap<>();
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean synced;

    /** Listens on {@code link} from now on (reading its placeholders at once when it is already connected). */
    public AmiCallbackLine(AmiLink link, AmiCallbackDial dialing, Clock clock) {
        this.link = Objects.requireNonNull(link);
        this.dialing = Objects.requireNonNull(dialing);
        this.clock = Objects.requireNonNull(clock);
        link.onEvent(this::onEvent);
        link.onConnected(() -> {
            synced = false;
            work.execute(this::resync);
        });
        if (link.status().state() == LinkStatus.State.CONNECTED) {
            work.execute(this::resync);
        }
    }

    @Override
    public void listen(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public Optional<Set<String>> held() {
        if (!synced || link.status().state() != LinkStatus.State.CONNECTED) {
            return Optional.empty();
        }
        return Optional.of(held.entrySet().stream()
                .filter(e -> !e.getValue().connected)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public void hold(Placeholder p) {
        if (!synced || held.putIfAbsent(p.callback(), new Held(p.queue(), p.placedAt())) != null) {
            return;
        }
        work.execute(() -> place(p));
    }

    private void place(Placeholder p) {
        Map<String, Instant> placeholders = new HashMap<>();
        held.values().forEach(h -> placeholders.put(h.channel, h.placedAt));
        Optional<AmiQueueOrder> line = AmiQueueOrder.read(link, p.queue());
        if (line.isEmpty()) {
            held.remove(p.callback()); // placed again on the desk's next round
            return;
        }
        // a caller who left the queue to be called back gives its own place; else the place of its time of joining
        int position =
                p.position() > 0 ? p.position() : line.get().position(p.placedAt(), clock.instant(), placeholders);
        var o = originate("Local/" + p.queue() + "@" + PLACE, HOLD, PLACE_TIMEOUT);
        o.setCallerId("Callback " + p.callback());
        Map<String, String> vars = new LinkedHashMap<>(p.variables());
        vars.put(CALLBACK_VAR, p.callback());
        vars.put("HOTLINE_POSITION", Integer.toString(position));
        vars.put("QUEUE_PRIO", Integer.toString(p.priority()));
        o.setVariables(vars);
        log.info("AMI: callback {}: placeholder into {} at position {}", p.callback(), p.queue(), position);
        if (!send(o, new Pending(p.callback(), false))) {
            held.remove(p.callback());
        }
    }

    @Override
    public void release(String callback) {
        Held h = held.remove(callback);
        if (h != null && !h.channel.isEmpty()) {
            String channel = h.channel;
            work.execute(() -> ok(new HangupAction(channel), "hang up the placeholder of " + callback));
        }
    }

    @Override
    public void dial(String callback, String number, Duration ringFor) {
        Held h = held.get(callback);
        var attempt = new Attempt();
        attempts.put(callback, attempt);
        if (h == null || h.channel.isEmpty()) {
            report(callback, DialResult.FAILED, "its placeholder is gone");
            return;
        }
        var o = originate(dialing.channel(number), ANSWER, ringFor);
        if (!dialing.callerId().isEmpty()) {
            o.setCallerId(dialing.callerId());
        }
        o.setVariables(
                Map.of(CALLBACK_VAR, callback, "HOTLINE_PEER", h.hold(), "HOTLINE_CALLBACK_PROMPT", dialing.prompt()));
        work.execute(() -> {
            if (!send(o, new Pending(callback, true))) {
                report(callback, DialResult.FAILED, "Asterisk refused the call back");
            }
        });
    }

    private OriginateAction originate(String channel, String context, Duration timeout) {
        var o = new OriginateAction();
        o.setChannel(channel);
        o.setContext(context);
        o.setExten("s");
        o.setPriority(1);
        o.setTimeout(timeout.toMillis());
        o.setAsync(true);
        o.setActionId("hotline-cb-" + ids.incrementAndGet());
        return o;
    }

    private boolean send(OriginateAction o, Pending pending) {
        originates.put(o.getActionId(), pending);
        if (ok(o, "originate " + o.getContext() + " for callback " + pending.callback())) {
            return true;
        }
        originates.remove(o.getActionId());
        return false;
    }

    private boolean ok(ManagerAction action, String what) {
        try {
            var r = link.send(action);
            if (r.isPresent() && !(r.get() instanceof ManagerError)) {
                return true;
            }
            log.warn("AMI: cannot {}: {}", what, r.map(x -> x.getMessage()).orElse("not connected"));
        } catch (IOException | TimeoutException | IllegalStateException e) {
            log.warn("AMI: cannot {}: {}", what, e.toString());
        }
        return false;
    }

    /** The call back's end, told once per attempt. */
    private void report(String callback, DialResult result, String why) {
        Attempt a = attempts.get(callback);
        if (a == null || !a.reported.compareAndSet(false, true)) {
            return;
        }
        attempts.remove(callback, a);
        Held h = held.get(callback);
        if (result == DialResult.CONNECTED && h != null) {
            h.connected = true;
        }
        log.info("AMI: callback {}: call back {} ({})", callback, result.wire(), why);
        listeners.forEach(l -> l.dialed(callback, result));
    }

    // ---- events, on the reader thread ------------------------------------------------------

    private void onEvent(ManagerEvent e) {
        switch (e) {
            case OriginateResponseEvent r -> originated(r);
            case AgentConnectEvent c -> taken(c);
            case HotlineCallbackEvent u -> result(u);
            case HangupEvent h -> hungUp(h.getChannel());
            default -> {}
        }
    }

    private void originated(OriginateResponseEvent r) {
        Pending p = originates.remove(ownId(r));
        if (p == null) {
            return;
        }
        String channel = r.getChannel() == null ? "" : r.getChannel();
        if (!p.dial()) {
            Held h = held.get(p.callback());
            if (h == null) {
                if (r.isSuccess()) { // released while it was being placed
                    work.execute(() -> ok(new HangupAction(channel), "hang up a released placeholder"));
                }
            } else if (r.isSuccess() && channel.endsWith(";1")) {
                h.channel = channel.substring(0, channel.length() - 1) + "2";
            } else {
                log.warn("AMI: callback {}: placeholder not placed (reason {})", p.callback(), r.getReason());
                held.remove(p.callback(), h);
            }
            return;
        }
        Attempt a = attempts.get(p.callback());
        if (r.isSuccess()) {
            if (a != null) {
                a.channel = channel;
            }
            return;
        }
        int reason = r.getReason() == null ? 0 : r.getReason();
        DialResult result = switch (reason) {
            case 5 -> DialResult.BUSY; // AST_CONTROL_BUSY
            case 1, 3 -> DialResult.NO_ANSWER; // hung up before answering; rang out (AST_CONTROL_RINGING)
            default -> DialResult.FAILED;
        };
        report(p.callback(), result, "OriginateResponse reason " + reason);
    }

    /** asterisk-java prefixes its own id to the ActionID of the events an action caused ({@code internal#ours}). */
    private static String ownId(ResponseEvent r) {
        String id = r.getActionId() == null ? "" : r.getActionId();
        return id.substring(id.lastIndexOf('#') + 1);
    }

    private void taken(AgentConnectEvent c) {
        String callback = callbackOf(c, c.getChannel());
        Held h = callback.isEmpty() ? null : held.get(callback);
        if (h == null || !h.agent.isEmpty()) {
            return;
        }
        String agent = c.getInterface() != null ? c.getInterface() : c.getMember();
        h.agent = agent == null ? "" : agent;
        if (h.channel.isEmpty() && c.getChannel() != null) {
            h.channel = c.getChannel();
        }
        log.info("AMI: callback {}: agent {} took its placeholder in {}", callback, h.agent, h.queue);
        listeners.forEach(l -> l.taken(callback, h.agent));
    }

    private void result(HotlineCallbackEvent u) {
        String callback = u.getCallback() == null ? "" : u.getCallback().trim();
        String result = u.getResult() == null ? "" : u.getResult().trim();
        Held h = held.get(callback);
        switch (result) {
            case "connected" -> {
                if (h == null || h.channel.isEmpty()) {
                    report(callback, DialResult.FAILED, "1 pressed, but the placeholder is gone");
                } else {
                    report(callback, DialResult.CONNECTED, "1 pressed");
                }
            }
            case "no-key" -> report(callback, DialResult.NO_KEY, "1 not pressed");
            default -> report(callback, DialResult.FAILED, "the dialplan said " + result);
        }
    }

    private void hungUp(String channel) {
        if (channel == null) {
            return;
        }
        held.forEach((callback, h) -> {
            if (!h.channel.isEmpty() && (channel.equals(h.channel) || channel.equals(h.hold()))) {
                held.remove(callback, h);
                log.info("AMI: callback {}: its placeholder {} ended", callback, h.channel);
            }
        });
        attempts.forEach((callback, a) -> {
            if (channel.equals(a.channel)) {
                report(callback, DialResult.NO_KEY, "hung up without pressing 1");
            }
        });
    }

    private static String callbackOf(ManagerEvent e, String channel) {
        Map<String, String> vars = e.getChannelVariables();
        String v = vars == null ? null : vars.get(CALLBACK_VAR);
        if (v == null && vars != null) {
            v = vars.get(CALLBACK_VAR.toLowerCase(java.util.Locale.ROOT));
        }
        return v == null || channel == null || !channel.contains("@" + PLACE + "-") ? "" : v.trim();
    }

    // ---- after a (re)connect -----------------------------------------------------------------

    /** Finds the placeholders still up (events were lost while the link was down). */
    private void resync() {
        var status = new StatusAction();
        status.setVariables(CALLBACK_VAR);
        try {
            var answer = link.sendEvents(status);
            if (answer.isEmpty()) {
                return; // down again: the next connect reads it
            }
            Map<String, Held> found = new HashMap<>();
            for (ResponseEvent e : answer.get().getEvents()) {
                if (e instanceof StatusEvent s
                        && s.getChannel() != null
                        && s.getChannel().endsWith(";2")) {
                    String ch = s.getChannel();
                    String callback = callbackOf(s, ch);
                    if (callback.isEmpty() && s.getVariables() != null && ch.contains("@" + PLACE + "-")) {
                        callback =
                                s.getVariables().getOrDefault(CALLBACK_VAR, "").trim();
                    }
                    if (!callback.isEmpty()) {
                        Held was = held.get(callback);
                        var h = new Held(
                                ch.substring("Local/".length(), ch.indexOf('@')),
                                was == null ? clock.instant() : was.placedAt);
                        h.channel = ch;
                        h.connected =
                                s.getBridgeId() != null && !s.getBridgeId().isBlank();
                        found.put(callback, h);
                    }
                }
            }
            held.keySet().retainAll(found.keySet());
            found.forEach(held::putIfAbsent);
            found.forEach((k, h) -> held.computeIfPresent(k, (x, old) -> old.channel.equals(h.channel) ? old : h));
            originates.clear();
            synced = true;
            log.info("AMI: callbacks re-read: {} placeholder(s) still up", found.size());
        } catch (IOException | TimeoutException | IllegalStateException e) {
            log.warn("AMI: Status for the callbacks' placeholders failed: {}", e.toString());
        }
    }

    /** How long a caller joining {@code queue} now would wait ({@link AmiQueueOrder#estimatedWait}); 0 when down. */
    public Duration estimatedWait(String queue, Duration handleTime) {
        return AmiQueueOrder.read(link, queue)
                .map(o -> o.estimatedWait(handleTime))
                .orElse(Duration.ZERO);
    }

    @Override
    public void close() {
        work.shutdownNow();
    }
}
