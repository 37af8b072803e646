package io.hotline.console;

import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueuedCall;
import io.hotline.tickets.PopStore;
import io.hotline.tickets.TicketWork;
import io.hotline.users.ConsoleUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screen pops: turns queue events into pops on the right agent's console. An {@code AgentCalled}
 * shows the call as incoming to the agent ringing, {@code AgentConnect} makes it the active call (and
 * takes it off the screens of agents it rang too), {@code AgentComplete} ends it (the ticket stays open
 * for notes and a disposition), a ring that was not answered or a caller who hung up takes it off.
 * The agent is found by interface; the ticket by the call's {@code HOTLINE_TICKET} variable.
 *
 * <p>Events of one call are handled strictly in order (each waits for the previous one's database
 * work); calls do not wait for each other. A pop is sent first and stored right after, and also kept
 * in memory, so a console that reconnects gets every live pop again ({@link #livePops}).
 *
 * <p>Confined to the console's event loop; database work runs through {@link Blocking}.
 */
final class PopDesk {
    private static final Logger log = LoggerFactory.getLogger(PopDesk.class);
    private static final int CONTENT_CACHE = 2_000;
    /** After QueueCallerLeave, how long to wait for the AgentConnect that normally follows. */
    static final long LEFT_GRACE_MS = 3_000;

    private final Vertx vertx;
    private final UserDirectory people;
    private final Blocking blocking;
    private final PopBuilder builder;
    private final PopStore store;
    private final TicketWork tickets;
    private final AgentHub hub;

    private final Map<String, Future<JsonObject>> content = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Future<JsonObject>> eldest) {
            return size() > CONTENT_CACHE;
        }
    };
    private final Map<String, Map<String, JsonObject>> live = new HashMap<>();
    private final Map<String, Set<String>> ringing = new HashMap<>();
    private final Set<String> connected = new HashSet<>();
    private final Map<String, Future<?>> chains = new HashMap<>();
    /** callKey|login of calls an agent transferred away, until their AgentCompleted. */
    private final Set<String> transferred = new HashSet<>();

    PopDesk(
            Vertx vertx,
            UserDirectory people,
            Blocking blocking,
            PopBuilder builder,
            PopStore store,
            TicketWork tickets,
            AgentHub hub) {
        this.vertx = vertx;
        this.people = people;
        this.blocking = blocking;
        this.builder = builder;
        this.store = store;
        this.tickets = tickets;
        this.hub = hub;
    }

    void on(QueueEvent event) {
        switch (event) {
            case QueueEvent.CallerJoined j -> {
                // the same call joining another queue was transferred: its pop is built anew for that queue
                Future<JsonObject> had = content.get(j.call().key());
                if (had != null
                        && had.succeeded()
                        && !j.queue().equals(had.result().getString("queue"))) {
                    content.remove(j.call().key());
                }
                connected.remove(j.call().key());
                contentFor(j.queue(), j.call());
            }
            case QueueEvent.AgentCalled c ->
                serial(
                        c.call().key(),
                        () -> agent(c.agentInterface())
                                .compose(u -> u.isEmpty()
                                        ? done()
                                        : contentFor(c.queue(), c.call()).compose(body -> {
                                            ringing.computeIfAbsent(c.call().key(), k -> new HashSet<>())
                                                    .add(u.get().login());
                                            return show(
                                                    u.get(), c.queue(), c.call(), body, PopState.RINGING, c.at(), "");
                                        })));
            case QueueEvent.AgentConnected c ->
                serial(
                        c.call().key(),
                        () -> agent(c.agentInterface()).compose(u -> {
                            String key = c.call().key();
                            connected.add(key);
                            if (u.isEmpty()) {
                                log.warn(
                                        "call {} answered on {}, which no console user has; no screen pop",
                                        c.call().ticket(),
                                        c.agentInterface());
                                return takeOffAll(key, "answered on " + c.agentInterface());
                            }
                            ConsoleUser agent = u.get();
                            Set<String> rang = ringing.remove(key);
                            List<Future<?>> work = new ArrayList<>();
                            if (rang != null) {
                                for (String other : rang) {
                                    if (!other.equals(agent.login())) {
                                        work.add(takeOff(other, key, "answered by " + agent.displayName()));
                                    }
                                }
                            }
                            work.add(contentFor(c.queue(), c.call())
                                    .compose(body ->
                                            show(agent, c.queue(), c.call(), body, PopState.ACTIVE, c.at(), "")));
                            if (!c.call().ticket().isEmpty()) {
                                work.add(blocking.run(() -> {
                                    tickets.taken(c.call().ticket(), agent.login());
                                    return null;
                                }));
                            }
                            return Future.join(work).mapEmpty();
                        }));
            case QueueEvent.AgentRingNoAnswer r ->
                serial(
                        r.call().key(),
                        () -> agent(r.agentInterface()).compose(u -> {
                            if (u.isEmpty()) {
                                return done();
                            }
                            Set<String> rang = ringing.get(r.call().key());
                            if (rang != null) {
                                rang.remove(u.get().login());
                            }
                            return takeOff(
                                    u.get().login(),
                                    r.call().key(),
                                    r.ringMillis() == 0 ? "given to another agent by a supervisor" : "not answered");
                        }));
            case QueueEvent.AgentCompleted c ->
                serial(
                        c.call().key(),
                        () -> agent(c.agentInterface()).compose(u -> {
                            connected.remove(c.call().key());
                            if (u.isEmpty()
                                    || transferred.remove(
                                            c.call().key() + "|" + u.get().login())) {
                                // a transferred call's card left the agent's screen when they transferred it
                                return done();
                            }
                            // a ticket the agent closed during the call needs no "call ended" card offering Close again
                            return ticketClosed(c.call())
                                    .compose(closed -> closed
                                            ? callOver(u.get().login(), c.call().key())
                                            : contentFor(c.queue(), c.call())
                                                    .compose(body -> show(
                                                            u.get(),
                                                            c.queue(),
                                                            c.call(),
                                                            body,
                                                            PopState.ENDED,
                                                            c.at(),
                                                            "caller".equals(c.reason())
                                                                    ? "the caller hung up"
                                                                    : "call ended")));
                        }));
            case QueueEvent.CallerAbandoned a ->
                serial(
                        a.call().key(),
                        () -> takeOffAll(a.call().key(), "the caller hung up after " + a.holdSeconds() + " s"));
            case QueueEvent.CallerLeft l ->
                vertx.setTimer(
                        LEFT_GRACE_MS,
                        id -> serial(
                                l.call().key(),
                                () -> connected.contains(l.call().key())
                                        ? done()
                                        : takeOffAll(l.call().key(), "the caller left the queue")));
            case QueueEvent.MemberChanged m -> {
                // the board shows it; nothing to pop
            }
            case QueueEvent.QueueSnapshot s -> {
                for (QueueEvent.Waiting w : s.callers()) {
                    contentFor(s.queue(), w.call());
                }
            }
        }
    }

    /** The user's pops still on screen: stored ones merged with those in memory, for a (re)connecting console. */
    Future<List<JsonObject>> livePops(ConsoleUser user) {
        return blocking.run(() -> TicketJson.pops(store.live(user.login()))).map(stored -> {
            Map<String, JsonObject> byCall = new LinkedHashMap<>();
            Map<String, JsonObject> mine = live.getOrDefault(user.login(), Map.of());
            for (JsonObject p : stored) {
                String key = p.getString("call");
                // A pop still ringing in the store but unknown here rang before a restart: the call is gone.
                if (mine.containsKey(key) || !PopState.RINGING.wire().equals(p.getString("state"))) {
                    byCall.put(key, p);
                }
            }
            byCall.putAll(mine);
            List<JsonObject> out = new ArrayList<>();
            for (JsonObject p : byCall.values()) {
                if (user.seesQueue(p.getString("queue", ""))) {
                    out.add(forAgent(p, user));
                }
            }
            return out;
        });
    }

    /** The user's live pop for a call, if any. */
    Optional<JsonObject> pop(String login, String callKey) {
        return Optional.ofNullable(live.getOrDefault(login, Map.of()).get(callKey));
    }

    /** The call of a ticket closed during it ended: its card (kept for Hang up) leaves the agent's screen. */
    private Future<Void> callOver(String login, String key) {
        Map<String, JsonObject> mine = live.get(login);
        if (mine != null) {
            mine.remove(key);
        }
        hub.send(
                login, new JsonObject().put("type", "pop-gone").put("call", key).put("reason", "call ended"));
        return done();
    }

    /** Whether the call's ticket is closed already (no ticket: no). */
    private Future<Boolean> ticketClosed(QueuedCall call) {
        if (call.ticket().isEmpty()) {
            return Future.succeededFuture(false);
        }
        return blocking.run(() -> tickets.extras(call.ticket())
                .map(e -> "closed".equals(e.status()))
                .orElse(false));
    }

    /** A ticket was closed: its pops leave every screen. */
    Future<Void> ticketClosed(String ref) {
        return blocking.run(() -> store.closeTicket(ref)).map(logins -> {
            Set<String> all = new HashSet<>(logins);
            live.forEach((login, pops) -> pops.values().stream()
                    .filter(p -> ref.equals(p.getString("ticket")))
                    .findAny()
                    .ifPresent(p -> all.add(login)));
            for (String login : all) {
                Map<String, JsonObject> mine = live.getOrDefault(login, new HashMap<>());
                mine.values().removeIf(p -> ref.equals(p.getString("ticket")));
                hub.send(login, new JsonObject().put("type", "pop-closed").put("ticket", ref));
            }
            return null;
        });
    }

    /** The agent transferred the call: their card leaves their screen (the ticket goes with the call). */
    Future<Void> transferred(ConsoleUser user, String callKey, String to) {
        transferred.add(callKey + "|" + user.login());
        return serial(callKey, () -> takeOff(user.login(), callKey, "transferred to " + to, PopState.CLOSED));
    }

    /** The agent put the call on hold or took it back: the card says so. */
    Future<Void> held(ConsoleUser user, String callKey, boolean held) {
        JsonObject p = live.getOrDefault(user.login(), Map.of()).get(callKey);
        if (p == null) {
            return done();
        }
        p.put("held", held);
        String text = p.encode();
        hub.sendText(user.login(), "{\"type\":\"pop\",\"pop\":" + text + "}");
        return save(p, text);
    }

    /** The agent dismisses an ended pop that has no ticket to close. */
    Future<Boolean> dismiss(ConsoleUser user, String callKey) {
        JsonObject p = live.getOrDefault(user.login(), Map.of()).get(callKey);
        if (p == null || !PopState.ENDED.wire().equals(p.getString("state"))) {
            return Future.succeededFuture(false);
        }
        return serial(callKey, () -> takeOff(user.login(), callKey, "dismissed", PopState.CLOSED))
                .map(true);
    }

    private Future<Void> show(
            ConsoleUser agent,
            String queue,
            QueuedCall call,
            JsonObject body,
            PopState state,
            Instant at,
            String note) {
        if (call.ticket().isEmpty() || state == PopState.ENDED || !agent.seesQueue(queue)) {
            return showNow(agent, queue, call, body, state, at, note, null);
        }
        // the ticket's notes as they are now: a transferred call's pop shows what the first agent wrote
        return blocking.run(() ->
                        tickets.extras(call.ticket()).map(TicketJson::notes).orElse(null))
                .recover(e -> Future.succeededFuture(null))
                .compose(notes -> showNow(agent, queue, call, body, state, at, note, notes));
    }

    private Future<Void> showNow(
            ConsoleUser agent,
            String queue,
            QueuedCall call,
            JsonObject body,
            PopState state,
            Instant at,
            String note,
            JsonArray notes) {
        if (!agent.seesQueue(queue)) {
            log.warn(
                    "{} rang for queue {}, which is not one of their console queues; no screen pop",
                    agent.login(),
                    queue);
            return done();
        }
        Map<String, JsonObject> mine = live.computeIfAbsent(agent.login(), k -> new LinkedHashMap<>());
        JsonObject pop = mine.get(call.key());
        if (pop == null) {
            // The agent's own copy, with earlier tickets of queues they do not work left out once.
            pop = forAgent(body, agent).put("agent", agent.login()).put("agentName", agent.displayName());
        }
        pop.put("state", state.wire()).put("note", note).put("queue", queue).put("channel", call.channel());
        pop.put("server", call.server()); // the Asterisk the call is on: hang-up and transfer go there
        if (notes != null) {
            pop.put("notes", notes);
        }
        switch (state) {
            case RINGING -> pop.put("ringingAt", at.toString());
            case ACTIVE -> pop.put("answeredAt", at.toString());
            case ENDED -> pop.put("endedAt", at.toString());
            default -> {}
        }
        mine.put(call.key(), pop);
        // Encoded once: the same text goes to the agent's consoles and to the store.
        String text = pop.encode();
        hub.sendText(agent.login(), "{\"type\":\"pop\",\"pop\":" + text + "}");
        return save(pop, text);
    }

    private Future<Void> takeOffAll(String key, String reason) {
        Set<String> rang = ringing.remove(key);
        if (rang == null || rang.isEmpty()) {
            return done();
        }
        List<Future<?>> work = new ArrayList<>();
        for (String login : rang) {
            work.add(takeOff(login, key, reason));
        }
        return Future.join(work).mapEmpty();
    }

    private Future<Void> takeOff(String login, String key, String reason) {
        return takeOff(login, key, reason, PopState.MISSED);
    }

    private Future<Void> takeOff(String login, String key, String reason, PopState state) {
        Map<String, JsonObject> mine = live.get(login);
        JsonObject pop = mine == null ? null : mine.remove(key);
        if (pop == null) {
            return done();
        }
        String was = pop.getString("state", "");
        pop.put("state", state.wire()).put("note", reason);
        // a call that rang this agent and did not become theirs: their console keeps a "missed call" card
        boolean missed = state == PopState.MISSED
                && PopState.RINGING.wire().equals(was)
                && (reason.equals("not answered") || reason.startsWith("the caller hung up"));
        hub.send(
                login,
                new JsonObject()
                        .put("type", "pop-gone")
                        .put("call", key)
                        .put("reason", reason)
                        .put("missed", missed));
        return save(pop, pop.encode());
    }

    private Future<Void> save(JsonObject pop, String text) {
        PopStore.Row row = TicketJson.row(pop, text);
        return blocking.run(() -> {
            store.save(row);
            return null;
        });
    }

    /** A copy of the pop for this user: earlier tickets of queues an agent does not work only say they exist. */
    private static JsonObject forAgent(JsonObject pop, ConsoleUser user) {
        JsonObject copy = pop.copy();
        return copy.put("earlier", PopBuilder.earlierFor(pop.getJsonArray("earlier", new JsonArray()), user));
    }

    private Future<JsonObject> contentFor(String queue, QueuedCall call) {
        String key = call.key();
        Future<JsonObject> f = content.get(key);
        if (f == null || f.failed()) {
            f = blocking.run(() -> builder.content(queue, call));
            content.put(key, f);
        }
        return f;
    }

    private Future<Optional<ConsoleUser>> agent(String iface) {
        return people.byInterface(iface);
    }

    private <T> Future<T> serial(String key, Supplier<Future<T>> step) {
        Future<?> previous = chains.getOrDefault(key, Future.succeededFuture());
        Future<T> next = previous.transform(ar -> {
            try {
                return step.get();
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        });
        chains.put(key, next);
        next.onComplete(ar -> {
            if (chains.get(key) == next) {
                chains.remove(key);
            }
            if (ar.failed() && ar.cause() instanceof java.util.concurrent.RejectedExecutionException) {
                log.debug("screen pop for call {} dropped: the console is stopping", key);
            } else if (ar.failed()) {
                log.warn("screen pop for call {} failed: {}", key, ar.cause().toString());
            }
        });
        return next;
    }

    private static Future<Void> done() {
        return Future.succeededFuture();
    }
}
