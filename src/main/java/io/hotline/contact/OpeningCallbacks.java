package io.hotline.contact;

import io.hotline.db.Tx;
import io.hotline.hours.OpeningHours;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Callbacks booked while their queue was closed ({@code pending}): at the queue's next opening by the calendar in
 * force (weekly hours in its zone, holidays, one-off closures: {@link OpeningHours}), they become ordinary waiting
 * callbacks of the node that saw it open, in the order they were taken (their place is when they were booked, so
 * they are ahead of whoever calls after the opening). Several nodes may look at once: each row is turned by one
 * statement under {@code FOR UPDATE SKIP LOCKED}, so exactly one node starts it. Threading: thread-safe.
 */
final class OpeningCallbacks {
    private final DataSource ds;
    private final Clock clock;
    private final OpeningHours hours;

    OpeningCallbacks(DataSource ds, Clock clock, OpeningHours hours) {
        this.ds = ds;
        this.clock = clock;
        this.hours = hours;
    }

    /** The queues that have callbacks waiting for their opening. */
    List<String> waitingQueues() {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT DISTINCT queue FROM callbacks WHERE status = 'pending' ORDER BY queue");
                    ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    /**
     * Starts the pending callbacks of every queue that is open now: they wait in the queue from now on, kept by
     * {@code node} under a lease of {@code lease} (its keeper places their placeholders next). The ones started, in
     * the order they were taken per queue.
     */
    List<Callback> startOpened(String node, Duration lease) {
        Instant now = clock.instant();
        List<Callback> started = new ArrayList<>();
        for (String queue : waitingQueues()) {
            if (hours.openAt(queue, now)) {
                started.addAll(start(queue, node, lease, now));
            }
        }
        return started;
    }

    private List<Callback> start(String queue, String node, Duration lease, Instant now) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callbacks SET status = 'waiting',"
                    + " next_attempt_at = ?, owner = ?, lease_until = ?, updated_at = ?"
                    + " WHERE id IN (SELECT id FROM callbacks WHERE status = 'pending' AND queue = ?"
                    + " ORDER BY placed_at FOR UPDATE SKIP LOCKED) RETURNING " + CallbackStore.COLUMNS)) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, node);
                ps.setTimestamp(3, Timestamp.from(now.plus(lease)));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setString(5, queue);
                List<Callback> rows = CallbackStore.list(ps);
                rows.sort(java.util.Comparator.comparing(Callback::placedAt));
                return rows;
            }
        });
    }

    /** When {@code queue} next opens by the calendar in force (now when open); empty when not within a year. */
    Optional<Instant> nextOpening(String queue) {
        return hours.nextOpening(queue, clock.instant());
    }

    /** Callbacks waiting for their queue's opening, per queue: the board's "waiting for opening". */
    static Map<String, Integer> perQueue(List<Callback> open) {
        Map<String, Integer> out = new TreeMap<>();
        for (Callback cb : open) {
            if (cb.waitsForOpening()) {
                out.merge(cb.queue(), 1, Integer::sum);
            }
        }
        return out;
    }
}
