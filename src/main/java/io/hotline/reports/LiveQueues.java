package io.hotline.reports;

import io.hotline.telephony.queue.MemberState;
import io.hotline.telephony.queue.QueueEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The live state of every queue (callers waiting since when, each member's state), folded from the
 * queue events of either PBX, and the per-queue {@link QueueFigures} built from it and today's figures.
 * A member is in wrap-up for the queue's wrap-up time after a call ends ({@code HOTLINE_WRAPUP},
 * queues.conf's {@code wrapuptime}: app_queue does not ring it then, and says so in no event).
 *
 * <p>Not thread-safe: owned by one thread (the console's event loop).
 */
public final class LiveQueues {
    private record Member(MemberState state, boolean paused, Instant wrapUntil) {}

    private final Set<String> queues = new TreeSet<>();
    private final Map<String, Map<String, Instant>> waiting = new TreeMap<>();
    private final Map<String, Map<String, Member>> members = new TreeMap<>();
    private final Duration wrapUp;
    private final double slGoal;

    /**
     * @param configured queues shown even before an event names them
     * @param wrapUp     after-call work time after each call
     * @param slGoal     the service level aimed at, 0..1 ({@code HOTLINE_SL_GOAL}, 0.8): at or above is good,
     *                   within 15 points below it is a warning, lower is bad
     */
    public LiveQueues(List<String> configured, Duration wrapUp, double slGoal) {
        queues.addAll(configured);
        this.wrapUp = wrapUp;
        this.slGoal = slGoal;
    }

    public void apply(QueueEvent event) {
        String q = event.queue();
        queues.add(q);
        Map<String, Instant> w = waiting.computeIfAbsent(q, k -> new LinkedHashMap<>());
        Map<String, Member> m = members.computeIfAbsent(q, k -> new LinkedHashMap<>());
        switch (event) {
            case QueueEvent.CallerJoined j -> w.put(j.call().key(), j.at());
            case QueueEvent.CallerLeft l -> w.remove(l.call().key());
            case QueueEvent.CallerAbandoned a -> w.remove(a.call().key());
            case QueueEvent.AgentCalled c ->
                m.merge(
                        c.agentInterface(),
                        new Member(MemberState.RINGING, false, null),
                        (old, n) -> new Member(MemberState.RINGING, old.paused(), null));
            case QueueEvent.AgentRingNoAnswer r ->
                m.computeIfPresent(
                        r.agentInterface(),
                        (k, old) -> new Member(MemberState.NOT_IN_USE, old.paused(), old.wrapUntil()));
            case QueueEvent.AgentConnected c -> {
                w.remove(c.call().key());
                m.merge(
                        c.agentInterface(),
                        new Member(MemberState.IN_USE, false, null),
                        (old, n) -> new Member(MemberState.IN_USE, old.paused(), null));
            }
            case QueueEvent.AgentCompleted c ->
                m.merge(
                        c.agentInterface(),
                        new Member(MemberState.NOT_IN_USE, false, c.at().plus(wrapUp)),
                        (old, n) -> new Member(MemberState.NOT_IN_USE, old.paused(), c.at().plus(wrapUp)));
            case QueueEvent.MemberChanged c -> {
                Member old = m.get(c.member().agentInterface());
                m.put(
                        c.member().agentInterface(),
                        new Member(c.member().state(), c.member().paused(), old == null ? null : old.wrapUntil()));
            }
            case QueueEvent.QueueSnapshot s -> {
                w.clear();
                s.callers().forEach(x -> w.put(x.call().key(), s.at().minusSeconds(x.waitSeconds())));
                Map<String, Member> fresh = new LinkedHashMap<>();
                s.members().forEach(x -> {
                    Member old = m.get(x.agentInterface());
                    fresh.put(
                            x.agentInterface(),
                            new Member(x.state(), x.paused(), old == null ? null : old.wrapUntil()));
                });
                m.clear();
                m.putAll(fresh);
            }
        }
    }

    /** Every queue's figures now; {@code today} per queue (missing ones count as nothing yet). */
    public List<QueueFigures> figures(
            Instant now, Map<String, Figures> today, Map<String, Integer> callbacksPending, ReportRules rules) {
        Set<String> all = new TreeSet<>(queues);
        all.addAll(today.keySet());
        all.addAll(callbacksPending.keySet());
        List<QueueFigures> out = new ArrayList<>();
        for (String q : all) {
            Map<String, Instant> w = waiting.getOrDefault(q, Map.of());
            long longest = w.values().stream()
                    .mapToLong(t -> Math.max(0, Duration.between(t, now).toSeconds()))
                    .max()
                    .orElse(0);
            int available = 0, onCall = 0, paused = 0, wrap = 0;
            for (Member m : members.getOrDefault(q, Map.of()).values()) {
                boolean busy = switch (m.state()) {
                    case IN_USE, BUSY, RINGING, RING_IN_USE, ON_HOLD -> true;
                    default -> false;
                };
                boolean loggedIn = m.state() != MemberState.UNAVAILABLE && m.state() != MemberState.INVALID;
                if (busy) {
                    onCall++;
                } else if (!loggedIn) {
                    // signed out: not counted
                } else if (m.paused()) {
                    paused++;
                } else if (m.wrapUntil() != null && now.isBefore(m.wrapUntil())) {
                    wrap++;
                } else {
                    available++;
                }
            }
            Figures f = today.getOrDefault(q, Figures.NONE);
            long target = rules.targetSeconds(q);
            Double sl = f.serviceLevel();
            String slStatus = sl == null || sl >= slGoal ? "good" : sl >= slGoal - 0.15 ? "warn" : "bad";
            String waitStatus = longest <= target / 2 ? "good" : longest <= target ? "warn" : "bad";
            out.add(new QueueFigures(
                    q,
                    w.size(),
                    longest,
                    available,
                    onCall,
                    paused,
                    wrap,
                    f,
                    target,
                    slStatus,
                    waitStatus,
                    callbacksPending.getOrDefault(q, 0)));
        }
        return out;
    }
}
