package io.hotline.reports;

import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The agents' after-call work, from their recorded states ({@code agent_state_changes}, written by the agent
 * desk for simulated and Asterisk calls alike): a {@code wrap-up} state lasts until the agent's next change
 * (Ready, the wrap-up time running out, a pause, signing out). A queue segment's after-call work is the wrap-up
 * its answering agent began as that conversation ended: from {@link #BEFORE} before to {@link #AFTER} after its
 * {@code COMPLETE*} or transfer row (the PBX's clock and Hotline's may differ a little). Each wrap-up counts for
 * one segment at most. queue_log names the agent by the member name Hotline gave app_queue (the display name);
 * both it and the login are matched. A wrap-up still going on counts once it has ended.
 *
 * <p>Threading: blocking JDBC; thread-safe.
 */
final class AfterCallWork {
    static final Duration BEFORE = Duration.ofSeconds(5);
    static final Duration AFTER = Duration.ofSeconds(60);
    private static final Duration LONGEST = Duration.ofDays(1);

    private final DataSource ds;

    AfterCallWork(DataSource ds) {
        this.ds = Objects.requireNonNull(ds);
    }

    /** One wrap-up: who, from when until when. */
    record Wrap(String login, Instant from, Instant until) {
        long seconds() {
            return Duration.between(from, until).toSeconds();
        }
    }

    /** The calls with each completed segment's after-call work filled in. */
    List<QueueCall> attach(List<QueueCall> calls) {
        Instant first = null;
        Instant last = null;
        for (QueueCall c : calls) {
            for (QueueCall.Segment s : c.segments()) {
                if (s.completedAt() != null) {
                    first = first == null || s.completedAt().isBefore(first) ? s.completedAt() : first;
                    last = last == null || s.completedAt().isAfter(last) ? s.completedAt() : last;
                }
            }
        }
        if (first == null) {
            return calls;
        }
        Map<String, List<Wrap>> byAgent = byAgent(first.minus(BEFORE), last.plus(AFTER));
        if (byAgent.isEmpty()) {
            return calls;
        }
        Set<Wrap> used = new HashSet<>();
        List<QueueCall> out = new ArrayList<>(calls.size());
        for (QueueCall c : calls) {
            List<QueueCall.Segment> segs = new ArrayList<>(c.segments().size());
            for (QueueCall.Segment s : c.segments()) {
                Wrap w = s.completedAt() == null ? null : pick(byAgent.get(s.agent()), s.completedAt(), used);
                segs.add(w == null ? s : s.withWrap(w.seconds()));
            }
            out.add(c.withSegments(segs));
        }
        return out;
    }

    private static Wrap pick(List<Wrap> wraps, Instant ended, Set<Wrap> used) {
        if (wraps == null) {
            return null;
        }
        for (Wrap w : wraps) {
            if (!w.from().isBefore(ended.minus(BEFORE)) && !w.from().isAfter(ended.plus(AFTER)) && used.add(w)) {
                return w;
            }
        }
        return null;
    }

    /** The ended wrap-ups that began in {@code [from, to]}, per login and per display name, in order. */
    private Map<String, List<Wrap>> byAgent(Instant from, Instant to) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT c.login, u.display_name, c.state, c.at FROM agent_state_changes c
                    JOIN users u ON u.login = c.login
                    WHERE c.login IN (SELECT login FROM agent_state_changes
                                      WHERE state = 'wrap-up' AND at >= ? AND at <= ?)
                      AND c.at >= ? AND c.at <= ?
                    ORDER BY c.login, c.at, c.id""")) {
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                ps.setTimestamp(3, Timestamp.from(from));
                ps.setTimestamp(4, Timestamp.from(to.plus(LONGEST)));
                Map<String, List<Wrap>> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    String login = null;
                    String name = null;
                    Instant began = null;
                    while (rs.next()) {
                        Instant at = rs.getObject(4, OffsetDateTime.class).toInstant();
                        if (!rs.getString(1).equals(login)) {
                            login = rs.getString(1);
                            name = rs.getString(2);
                            began = null;
                        }
                        if (began != null) {
                            Wrap w = new Wrap(login, began, at);
                            out.computeIfAbsent(login, k -> new ArrayList<>()).add(w);
                            if (!name.equals(login)) {
                                out.computeIfAbsent(name, k -> new ArrayList<>())
                                        .add(w);
                            }
                            began = null;
                        }
                        if (rs.getString(3).equals("wrap-up") && !at.isAfter(to)) {
                            began = at;
                        }
                    }
                }
                return out;
            }
        });
    }
}
