package io.hotline.agents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Agent state and what it means for the queues. Opening the console signs an offline agent in
 * (available: a member of their queues); signing out removes them; pausing with a reason, after-call work
 * (wrap-up, paused for {@link AgentsConfig#wrapUp()} or until they say they are ready), a missed call
 * (paused {@code missed}, so the call goes to the next agent instead of ringing them again) and a console
 * gone longer than {@link AgentsConfig#awayGrace()} (paused {@code away}) pause them. Every change is
 * stored ({@link AgentStore}), carried out on each PBX ({@link QueueMembers}) and reported to the listener.
 * A pause or unpause the PBX reports that Hotline did not ask for (someone paused the member on the phone
 * or the Asterisk CLI) is taken over ({@link #pbxPaused}).
 *
 * <p>Threading: thread-safe; blocking (JDBC), so call it on a virtual or worker thread. The listener is
 * called inside the lock and must not block.
 */
public final class AgentDesk {
    /** Reason of a pause after a call rang the agent unanswered. */
    public static final String MISSED = "missed";
    /** Reason of a pause after the agent's console was gone longer than the grace period. */
    public static final String AWAY = "away";
    /** What the PBX is told while an agent is in after-call work. */
    public static final String WRAP_UP = "wrap-up";
    /** PBX events about an agent this soon after Hotline changed them are its own echo, not news. */
    static final Duration ECHO = Duration.ofSeconds(3);

    private final AgentStore store;
    private final List<QueueMembers> pbx;
    private final AgentsConfig config;
    private final Clock clock;
    private final Function<String, Optional<Member>> directory;
    private final Consumer<AgentStatus> listener;
    private final Map<String, AgentStatus> states = new LinkedHashMap<>();
    private final Map<String, Instant> goneSince = new HashMap<>();
    private final Map<String, Instant> changedAt = new HashMap<>();

    /**
     * @param directory the agent a login names (interface and queues), from the console's users
     * @param listener  hears every change (inside the lock; must not block)
     */
    public AgentDesk(
            AgentStore store,
            List<QueueMembers> pbx,
            AgentsConfig config,
            Clock clock,
            Function<String, Optional<Member>> directory,
            Consumer<AgentStatus> listener) {
        this.store = Objects.requireNonNull(store);
        this.pbx = List.copyOf(pbx);
        this.config = Objects.requireNonNull(config);
        this.clock = Objects.requireNonNull(clock);
        this.directory = Objects.requireNonNull(directory);
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * Loads the stored states. Agents that were signed in have no console open yet: they get the grace
     * period from now to come back before they are paused {@code away}. Returns every state.
     */
    public synchronized Map<String, AgentStatus> start() {
        Instant now = clock.instant();
        states.putAll(store.all());
        states.values().stream().filter(s -> s.state().member()).forEach(s -> goneSince.put(s.login(), now));
        return Map.copyOf(states);
    }

    public AgentsConfig config() {
        return config;
    }

    /** The agent's state now ({@code offline} for one never signed in). */
    public synchronized AgentStatus status(String login) {
        return states.getOrDefault(login, AgentStatus.offline(login, Instant.EPOCH));
    }

    /** Every known agent's state, by login. */
    public synchronized Map<String, AgentStatus> all() {
        return Map.copyOf(states);
    }

    /**
     * The agent opened a console: an offline agent (or one paused {@code away}) becomes available; anyone else
     * keeps their state, which is applied to the PBX again.
     */
    public synchronized AgentStatus consoleOpened(Member m) {
        goneSince.remove(m.login());
        AgentStatus s = status(m.login());
        if (s.state() == AgentState.OFFLINE || (s.state() == AgentState.PAUSED && AWAY.equals(s.reason()))) {
            return apply(m, AgentState.AVAILABLE, "", "console:" + m.login());
        }
        pbx.forEach(p -> p.join(m, s.state().paused(), pbxReason(s)));
        return s;
    }

    /** The agent's last console closed (or lost its connection): the grace period starts. */
    public synchronized void consoleClosed(String login) {
        if (status(login).state().member()) {
            goneSince.put(login, clock.instant());
        }
    }

    /** The agent signed out: offline, removed from their queues. */
    public synchronized AgentStatus signedOut(Member m) {
        goneSince.remove(m.login());
        if (status(m.login()).state() == AgentState.OFFLINE) {
            pbx.forEach(p -> p.leave(m));
            return status(m.login());
        }
        return apply(m, AgentState.OFFLINE, "", "console:" + m.login());
    }

    /**
     * A person changes an agent's state: the agent themself or a supervisor ({@code actor}
     * {@code console:<login>}); audited. {@link IllegalArgumentException} names what is wrong.
     */
    public synchronized AgentStatus change(Member m, AgentState to, String reason, String actor) {
        String r = reason == null ? "" : reason.trim();
        switch (to) {
            case PAUSED -> {
                boolean supervisor = !actor.equals("console:" + m.login());
                if (!config.pauseReasons().contains(r) && !(supervisor && r.equals("supervisor"))) {
                    throw new IllegalArgumentException("reason must be one of " + config.pauseReasons());
                }
            }
            case WRAP_UP -> throw new IllegalArgumentException("state: wrap-up begins by itself after a call");
            default -> r = "";
        }
        goneSince.remove(m.login());
        return apply(m, to, r, actor);
    }

    /** A call of the agent ended: after-call work (unless none is configured or they are paused). */
    public synchronized void callEnded(Member m) {
        if (status(m.login()).state() == AgentState.AVAILABLE
                && !config.wrapUp().isZero()) {
            apply(m, AgentState.WRAP_UP, "", "hotline");
        }
    }

    /** A call rang the agent and was not answered: paused {@code missed}, so it goes to the next agent. */
    public synchronized void missed(Member m) {
        if (config.pauseOnMissed() && status(m.login()).state() == AgentState.AVAILABLE) {
            apply(m, AgentState.PAUSED, MISSED, "hotline");
        }
    }

    /**
     * The PBX reports the member paused or unpaused. Unless it is the echo of Hotline's own change, the agent's
     * state follows it (paused with the PBX's reason, or {@code pbx}).
     */
    public synchronized void pbxPaused(String login, boolean paused, String reason) {
        AgentStatus s = status(login);
        Instant last = changedAt.get(login);
        if (!s.state().member() || (last != null && clock.instant().isBefore(last.plus(ECHO)))) {
            return;
        }
        Optional<Member> m = directory.apply(login);
        if (m.isEmpty()) {
            return;
        }
        if (paused && s.state() == AgentState.AVAILABLE) {
            String r = reason == null || reason.isBlank() ? "pbx" : reason.trim();
            record(new AgentStatus(login, AgentState.PAUSED, r, clock.instant(), null, "pbx"), s.state(), false);
        } else if (!paused && s.state().paused()) {
            record(new AgentStatus(login, AgentState.AVAILABLE, "", clock.instant(), null, "pbx"), s.state(), false);
        }
    }

    /** Ends after-call work that ran out and pauses agents whose console is gone too long. Call every second. */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (AgentStatus s : List.copyOf(states.values())) {
            Optional<Member> m = directory.apply(s.login());
            if (m.isEmpty()) {
                continue;
            }
            Instant gone = goneSince.get(s.login());
            if (gone != null
                    && !now.isBefore(gone.plus(config.awayGrace()))
                    && (s.state() == AgentState.AVAILABLE || s.state() == AgentState.WRAP_UP)) {
                goneSince.remove(s.login());
                apply(m.get(), AgentState.PAUSED, AWAY, "hotline");
            } else if (s.state() == AgentState.WRAP_UP && s.until() != null && !now.isBefore(s.until())) {
                apply(m.get(), AgentState.AVAILABLE, "", "hotline");
            }
        }
    }

    /** Applies every signed-in agent's membership and pause to the PBX again (after a reconnect or a restart). */
    public synchronized void resync() {
        for (AgentStatus s : states.values()) {
            if (!s.state().member()) {
                continue;
            }
            directory
                    .apply(s.login())
                    .ifPresent(m -> pbx.forEach(p -> p.join(m, s.state().paused(), pbxReason(s))));
        }
    }

    private AgentStatus apply(Member m, AgentState to, String reason, String actor) {
        AgentStatus from = status(m.login());
        Instant now = clock.instant();
        Instant until = to == AgentState.WRAP_UP ? now.plus(config.wrapUp()) : null;
        AgentStatus next = new AgentStatus(m.login(), to, reason, now, until, actor);
        record(next, from.state(), !actor.equals("hotline"));
        if (!to.member()) {
            pbx.forEach(p -> p.leave(m));
        } else if (!from.state().member()) {
            pbx.forEach(p -> p.join(m, to.paused(), pbxReason(next)));
        } else if (to.paused()) {
            pbx.forEach(p -> p.pause(m, true, pbxReason(next)));
        } else if (from.state().paused()) {
            pbx.forEach(p -> p.pause(m, false, ""));
        }
        return next;
    }

    private void record(AgentStatus next, AgentState from, boolean audited) {
        store.save(next, from, audited);
        states.put(next.login(), next);
        changedAt.put(next.login(), clock.instant());
        listener.accept(next);
    }

    private static String pbxReason(AgentStatus s) {
        return s.state() == AgentState.WRAP_UP ? WRAP_UP : s.reason();
    }
}
