package io.hotline.console;

import io.hotline.telephony.queue.MemberState;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueuedCall;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the queue board shows: callers waiting per queue and the queues' members (agents), built
 * from {@link QueueEvent}s. Not thread-safe: owned by the console's event loop.
 */
final class QueueBoard {

    /** A waiting caller. Category, priority and verification come from channel variables or the ticket. */
    record Caller(
            String key,
            String queue,
            QueuedCall call,
            String category,
            int priority,
            Boolean verified,
            Instant joinedAt,
            String ringing) {
        Caller withRinging(String iface) {
            return new Caller(key, queue, call, category, priority, verified, joinedAt, iface);
        }

        Caller withTicket(String newCategory, int newPriority, boolean newVerified) {
            return new Caller(
                    key,
                    queue,
                    call,
                    category.isEmpty() ? newCategory : category,
                    priority == 0 ? newPriority : priority,
                    verified == null ? Boolean.valueOf(newVerified) : verified,
                    joinedAt,
                    ringing);
        }
    }

    /**
     * A member's live state: device state and, when on a call, the caller's ticket; {@code server} is the Asterisk
     * server whose queue it is a member of (empty: the simulator or the only one).
     */
    record Line(
            String iface,
            String name,
            MemberState state,
            boolean paused,
            String ticket,
            String talkingSince,
            String server) {
        Line(String iface, String name, MemberState state, boolean paused, String ticket, String talkingSince) {
            this(iface, name, state, paused, ticket, talkingSince, "");
        }
    }

    /** Lines are kept per server and interface: the same interface may be a member on two servers. */
    private static String lineKey(String server, String iface) {
        return server.isEmpty() ? iface : server + "|" + iface;
    }

    private final Set<String> queueNames = new LinkedHashSet<>();
    private final Map<String, Map<String, Caller>> callers = new TreeMap<>();
    private final Map<String, Map<String, Line>> members = new TreeMap<>();

    QueueBoard(List<String> configured) {
        queueNames.addAll(configured);
    }

    /**
     * Queues whose names start with this are Hotline's own on the PBX, not the board's: {@code hotline-agent} (rings one
     * agent; its calls are shown as their ticket queue's) and the doctor's member-less {@code hotline-doctor}.
     */
    static final String OWN_QUEUES = "hotline-";

    /** Applies an event; true when the board changed. */
    boolean apply(QueueEvent event) {
        if (event.queue().startsWith(OWN_QUEUES)) {
            return false;
        }
        queueNames.add(event.queue());
        Map<String, Caller> waiting = callers.computeIfAbsent(event.queue(), q -> new LinkedHashMap<>());
        Map<String, Line> lines = members.computeIfAbsent(event.queue(), q -> new LinkedHashMap<>());
        switch (event) {
            case QueueEvent.CallerJoined j -> waiting.put(j.call().key(), caller(j.queue(), j.call(), j.at()));
            case QueueEvent.CallerLeft l -> {
                return waiting.remove(l.call().key()) != null;
            }
            case QueueEvent.CallerAbandoned a -> {
                return waiting.remove(a.call().key()) != null;
            }
            case QueueEvent.AgentCalled c -> {
                Caller w = waiting.get(c.call().key());
                if (w != null) {
                    waiting.put(w.key(), w.withRinging(c.agentInterface()));
                }
                String k = lineKey(c.call().server(), c.agentInterface());
                Line old = lines.get(k);
                lines.put(
                        k,
                        new Line(
                                c.agentInterface(),
                                name(old, c.memberName()),
                                MemberState.RINGING,
                                old != null && old.paused(),
                                c.call().ticket(),
                                "",
                                c.call().server()));
            }
            case QueueEvent.AgentRingNoAnswer r -> {
                Caller w = waiting.get(r.call().key());
                if (w != null) {
                    waiting.put(w.key(), w.withRinging(""));
                }
                String k = lineKey(r.call().server(), r.agentInterface());
                Line old = lines.get(k);
                lines.put(
                        k,
                        new Line(
                                r.agentInterface(),
                                name(old, ""),
                                MemberState.NOT_IN_USE,
                                old != null && old.paused(),
                                "",
                                "",
                                r.call().server()));
            }
            case QueueEvent.AgentConnected c -> {
                waiting.remove(c.call().key());
                String k = lineKey(c.call().server(), c.agentInterface());
                Line old = lines.get(k);
                lines.put(
                        k,
                        new Line(
                                c.agentInterface(),
                                name(old, c.memberName()),
                                MemberState.IN_USE,
                                old != null && old.paused(),
                                c.call().ticket(),
                                c.at().toString(),
                                c.call().server()));
            }
            case QueueEvent.AgentCompleted c -> {
                String k = lineKey(c.call().server(), c.agentInterface());
                Line old = lines.get(k);
                lines.put(
                        k,
                        new Line(
                                c.agentInterface(),
                                name(old, ""),
                                MemberState.NOT_IN_USE,
                                old != null && old.paused(),
                                "",
                                "",
                                c.call().server()));
            }
            case QueueEvent.MemberChanged m
            when m.member().state() == MemberState.INVALID -> {
                // removed from the queue (QueueMemberRemoved)
                return lines.remove(lineKey(m.member().server(), m.member().agentInterface())) != null;
            }
            case QueueEvent.MemberChanged m -> {
                String k = lineKey(m.member().server(), m.member().agentInterface());
                Line old = lines.get(k);
                // A status change keeps the call we know about (AMI sends it around every ring and answer).
                boolean onCall = m.member().state() == MemberState.IN_USE
                        || m.member().state() == MemberState.RINGING
                        || m.member().state() == MemberState.BUSY
                        || m.member().state() == MemberState.ON_HOLD;
                lines.put(
                        k,
                        new Line(
                                m.member().agentInterface(),
                                name(old, m.member().name()),
                                m.member().state(),
                                m.member().paused(),
                                onCall && old != null ? old.ticket() : "",
                                onCall && old != null ? old.talkingSince() : "",
                                m.member().server()));
            }
            case QueueEvent.QueueSnapshot s -> {
                Map<String, Caller> fresh = new LinkedHashMap<>();
                for (QueueEvent.Waiting w : s.callers()) {
                    Caller known = waiting.get(w.call().key());
                    fresh.put(
                            w.call().key(),
                            known != null ? known : caller(s.queue(), w.call(), s.at().minusSeconds(w.waitSeconds())));
                }
                // only this server's part of the queue is replaced: the same queue on another server stays
                waiting.values().removeIf(c -> c.call().server().equals(s.server()));
                waiting.putAll(fresh);
                Map<String, Line> freshLines = new LinkedHashMap<>();
                for (QueueEvent.Member m : s.members()) {
                    String k = lineKey(s.server(), m.agentInterface());
                    Line old = lines.get(k);
                    freshLines.put(
                            k,
                            new Line(
                                    m.agentInterface(),
                                    m.name(),
                                    m.state(),
                                    m.paused(),
                                    old == null ? "" : old.ticket(),
                                    old == null ? "" : old.talkingSince(),
                                    s.server()));
                }
                lines.values().removeIf(l -> l.server().equals(s.server()));
                lines.putAll(freshLines);
            }
        }
        return true;
    }

    /** Fills in category, priority and verification from the ticket; true when a waiting caller changed. */
    boolean enrich(String ticket, String category, int priority, boolean verified) {
        boolean changed = false;
        for (Map<String, Caller> waiting : callers.values()) {
            for (Map.Entry<String, Caller> e : waiting.entrySet()) {
                if (e.getValue().call().ticket().equals(ticket)) {
                    e.setValue(e.getValue().withTicket(category, priority, verified));
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** The waiting caller with this key, if any. */
    Caller caller(String key) {
        for (Map<String, Caller> waiting : callers.values()) {
            Caller c = waiting.get(key);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Every queue the board knows (configured, and any an event named), in board order. */
    List<String> allQueues() {
        return List.copyOf(queueNames);
    }

    /** The queues a user may see, in board order. */
    List<String> queuesFor(ConsoleUser user) {
        return queueNames.stream().filter(user::seesQueue).toList();
    }

    /**
     * The board as the user may see it. {@code people} are the console's users (to name agents by
     * their interface and to list agents with no PBX membership); {@code online} the logins with a
     * console open.
     */
    JsonObject view(ConsoleUser user, List<ConsoleUser> people, Set<String> online) {
        return view(user, people, online, Map.of());
    }

    /** As above, with each agent's state ({@link io.hotline.agents.AgentDesk}) and time in it. */
    JsonObject view(
            ConsoleUser user,
            List<ConsoleUser> people,
            Set<String> online,
            Map<String, io.hotline.agents.AgentStatus> states) {
        JsonArray qs = new JsonArray();
        for (String q : queuesFor(user)) {
            List<Caller> list =
                    new ArrayList<>(callers.getOrDefault(q, Map.of()).values());
            list.sort(ORDER);
            JsonArray cs = new JsonArray();
            int position = 1;
            for (Caller c : list) {
                cs.add(new JsonObject()
                        .put("position", position++)
                        .put("call", c.key())
                        .put("ticket", c.call().ticket())
                        .put("callback", c.call().variable(QueuedCall.CALLBACK))
                        .put("caller", c.call().callerMasked())
                        .put("category", c.category())
                        .put("priority", c.priority())
                        .put("verified", c.verified())
                        .put("since", c.joinedAt().toEpochMilli())
                        .put("ringing", agentName(c.ringing(), people))
                        .put("server", c.call().server())
                        .put("simulated", c.call().simulated()));
            }
            qs.add(new JsonObject().put("name", q).put("callers", cs));
        }
        return new JsonObject()
                .put("queues", qs)
                .put("agents", agents(user, people, online, states))
                .put("transferQueues", new JsonArray(new ArrayList<>(queueNames)))
                .put("transferAgents", transferAgents(people, states));
    }

    /** Everyone a call may be transferred to, whatever their queues (an agent's board lists only theirs). */
    private static JsonArray transferAgents(
            List<ConsoleUser> people, Map<String, io.hotline.agents.AgentStatus> states) {
        JsonArray out = new JsonArray();
        for (ConsoleUser p : people) {
            var st = states.get(p.login());
            if ((p.role() == Role.AGENT || !p.agentInterface().isEmpty()) && st != null) {
                out.add(new JsonObject()
                        .put("login", p.login())
                        .put("name", p.displayName())
                        .put("agentState", st.state().wire()));
            }
        }
        return out;
    }

    private JsonArray agents(
            ConsoleUser viewer,
            List<ConsoleUser> people,
            Set<String> online,
            Map<String, io.hotline.agents.AgentStatus> states) {
        Map<String, JsonObject> byKey = new TreeMap<>();
        for (ConsoleUser p : people) {
            if (p.role() == Role.AGENT || !p.agentInterface().isEmpty()) {
                boolean shares =
                        viewer.role() != Role.AGENT || p.queues().stream().anyMatch(viewer::seesQueue);
                if (shares) {
                    Line line = lineFor(p.simInterface());
                    JsonObject a = agent(
                            p.login(),
                            p.displayName(),
                            p.agentInterface(),
                            p.queues(),
                            online.contains(p.login()),
                            line);
                    var st = states.get(p.login());
                    a.put("agentState", st == null ? "offline" : st.state().wire())
                            .put("reason", st == null ? "" : st.reason())
                            .put("stateSince", st == null ? null : st.since().toEpochMilli());
                    byKey.put(p.login(), a);
                }
            }
        }
        // PBX members nobody signs in as still appear, by interface.
        for (String q : queuesFor(viewer)) {
            for (Line l : members.getOrDefault(q, Map.of()).values()) {
                boolean known = people.stream().anyMatch(p -> p.simInterface().equals(l.iface()));
                if (!known) {
                    byKey.putIfAbsent(
                            "~" + lineKey(l.server(), l.iface()),
                            agent("", l.name().isEmpty() ? l.iface() : l.name(), l.iface(), List.of(q), false, l));
                }
            }
        }
        return new JsonArray(new ArrayList<>(byKey.values()));
    }

    private Line lineFor(String iface) {
        Line best = null;
        for (Map<String, Line> lines : members.values()) {
            for (Line l : lines.values()) {
                if (l.iface().equals(iface) && (best == null || rank(l.state()) > rank(best.state()))) {
                    best = l;
                }
            }
        }
        return best;
    }

    private static int rank(MemberState s) {
        return switch (s) {
            case IN_USE, BUSY, ON_HOLD -> 3;
            case RINGING, RING_IN_USE -> 2;
            case NOT_IN_USE -> 1;
            default -> 0;
        };
    }

    private static JsonObject agent(
            String login, String name, String iface, List<String> queues, boolean online, Line line) {
        return new JsonObject()
                .put("login", login)
                .put("name", name)
                .put("interface", iface)
                .put("queues", new JsonArray(queues))
                .put("online", online)
                .put(
                        "state",
                        line == null
                                ? (online ? "available" : "offline")
                                : line.state().wire())
                .put("paused", line != null && line.paused())
                .put("ticket", line == null ? "" : line.ticket())
                .put("server", line == null ? "" : line.server());
    }

    private static String agentName(String iface, List<ConsoleUser> people) {
        if (iface == null || iface.isEmpty()) {
            return "";
        }
        return people.stream()
                .filter(p ->
                        p.agentInterface().equals(iface) || p.simInterface().equals(iface))
                .map(ConsoleUser::login)
                .findFirst()
                .orElse(iface);
    }

    private static String name(Line old, String fresh) {
        if (fresh != null && !fresh.isBlank()) {
            return fresh;
        }
        return old == null ? "" : old.name();
    }

    private static Caller caller(String queue, QueuedCall call, Instant at) {
        int priority;
        try {
            priority = Integer.parseInt(call.variable(QueuedCall.PRIORITY));
        } catch (NumberFormatException e) {
            priority = 0;
        }
        String v = call.variable(QueuedCall.VERIFIED);
        Boolean verified = v.isEmpty() ? null : v.equals("yes") || v.equals("true") || v.equals("1");
        return new Caller(call.key(), queue, call, call.variable(QueuedCall.CATEGORY), priority, verified, at, "");
    }

    /** Asterisk answers higher priorities first, then by arrival. */
    private static final Comparator<Caller> ORDER =
            Comparator.comparingInt(Caller::priority).reversed().thenComparing(Caller::joinedAt);
}
