package io.hotline.reports;

import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The promises tickets carry (a complaint: answered within 24 hours of the call, {@code tickets.due_at}), and
 * whether they were kept: for a period, every promise made in it, and every promise still open whenever it
 * was made (an overdue complaint from last month is still to be answered today). README "Report figures"
 * defines the states. Threading: blocking JDBC; thread-safe.
 */
public final class ComplaintPromises {
    /** Where a promise stands. */
    public enum State {
        /** Open, and its due time is still ahead. */
        DUE,
        /** Open past its due time. */
        OVERDUE,
        /** Closed by its due time. */
        KEPT,
        /** Closed after its due time. */
        BROKEN;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One ticket's promise.
     *
     * @param queue  the ticket's queue, or {@link Reports#NONE}
     * @param closed when it was closed, or null while open
     */
    public record Promise(
            String reference,
            String category,
            String queue,
            Instant created,
            Instant due,
            Instant closed,
            String closedBy,
            String disposition,
            State state) {}

    /** The counts of one queue (or of all: {@code "total"}). */
    public record Tally(String queue, int made, int kept, int broken, int due, int overdue) {
        /** Kept / (kept + broken + overdue), 0..1: the promises that came due and were kept; null when none did. */
        public Double keptRate() {
            int base = kept + broken + overdue;
            return base == 0 ? null : (double) kept / base;
        }
    }

    /**
     * The promises of a period.
     *
     * @param promises the promises made in the period and those still open, open first by due time, then the rest
     *                 newest first
     * @param tallies  per queue
     */
    public record Result(
            Instant from, Instant to, Instant now, List<Promise> promises, List<Tally> tallies, Tally total) {}

    private final DataSource ds;

    public ComplaintPromises(DataSource ds) {
        this.ds = Objects.requireNonNull(ds);
    }

    /**
     * Promises made in {@code [from, to)} and those still open (made before {@code to}), as they stand at
     * {@code now}.
     */
    public Result of(Instant from, Instant to, Instant now) {
        List<Promise> promises = Tx.inTransaction(ds, c -> {
            List<Promise> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT reference, category, coalesce(queue, ''), created_at, due_at, closed_at,
                           coalesce(closed_by, ''), coalesce(disposition, '')
                    FROM tickets
                    WHERE due_at IS NOT NULL AND created_at < ?
                      AND (created_at >= ? OR status <> 'closed')
                    ORDER BY (status = 'closed'), CASE WHEN status <> 'closed' THEN due_at END, created_at DESC
                    LIMIT 5000""")) {
                ps.setTimestamp(1, Timestamp.from(to));
                ps.setTimestamp(2, Timestamp.from(from));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(promise(rs, now));
                    }
                }
            }
            return out;
        });
        Map<String, int[]> byQueue = new TreeMap<>();
        int[] all = new int[5];
        for (Promise p : promises) {
            int[] n = byQueue.computeIfAbsent(p.queue(), q -> new int[5]);
            boolean made = !p.created().isBefore(from);
            for (int[] t : List.of(n, all)) {
                t[0] += made ? 1 : 0;
                t[
                        switch (p.state()) {
                            case DUE -> 1;
                            case OVERDUE -> 2;
                            case KEPT -> 3;
                            case BROKEN -> 4;
                        }]++;
            }
        }
        List<Tally> tallies = new ArrayList<>();
        byQueue.forEach((q, n) -> tallies.add(tally(q, n)));
        return new Result(from, to, now, promises, tallies, tally("total", all));
    }

    private static Tally tally(String queue, int[] n) {
        // n: made, DUE, OVERDUE, KEPT, BROKEN
        return new Tally(queue, n[0], n[3], n[4], n[1], n[2]);
    }

    private static Promise promise(ResultSet rs, Instant now) throws SQLException {
        Instant due = rs.getTimestamp(5).toInstant();
        Timestamp closedAt = rs.getTimestamp(6);
        Instant closed = closedAt == null ? null : closedAt.toInstant();
        State state;
        if (closed == null) {
            state = now.isAfter(due) ? State.OVERDUE : State.DUE;
        } else {
            state = closed.isAfter(due) ? State.BROKEN : State.KEPT;
        }
        String queue = rs.getString(3);
        return new Promise(
                rs.getString(1),
                rs.getString(2),
                queue.isEmpty() ? Reports.NONE : queue,
                rs.getTimestamp(4).toInstant(),
                due,
                closed,
                rs.getString(7),
                rs.getString(8),
                state);
    }
}
