package io.hotline.reports;

import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads and appends rows of the {@code queue_log} table (UTC times, see {@code V55__queue_log.sql}).
 * Threading: blocking JDBC; call on a virtual thread, never on an event loop.
 */
public final class QueueLogStore {
    private final DataSource ds;

    public QueueLogStore(DataSource ds) {
        this.ds = Objects.requireNonNull(ds);
    }

    /** Appends rows in one transaction, in order. */
    public void append(List<QueueLogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO queue_log (time, callid, queuename, agent, "
                    + "event, data1, data2, data3, data4, data5, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                for (QueueLogEntry e : entries) {
                    ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.ofInstant(e.time(), ZoneOffset.UTC)));
                    ps.setString(2, e.callId());
                    ps.setString(3, e.queue());
                    ps.setString(4, e.agent());
                    ps.setString(5, e.event());
                    for (int i = 1; i <= 5; i++) {
                        ps.setString(5 + i, e.data(i));
                    }
                    ps.setString(11, e.source());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Every row of the calls that entered a queue in {@code [from, to)}, and the member events (pauses)
     * of that time, in the order they were written.
     */
    public List<QueueLogEntry> callsEntering(Instant from, Instant to) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT time, callid, queuename, agent, event, data1, "
                    + "data2, data3, data4, data5, source FROM queue_log WHERE callid IN (SELECT callid FROM queue_log "
                    + "WHERE event = 'ENTERQUEUE' AND time >= ? AND time < ?) OR (callid = 'NONE' AND time >= ? "
                    + "AND time < ?) ORDER BY time, id")) {
                Timestamp f = utc(from);
                Timestamp t = utc(to);
                ps.setTimestamp(1, f);
                ps.setTimestamp(2, t);
                ps.setTimestamp(3, f);
                ps.setTimestamp(4, t);
                List<QueueLogEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new QueueLogEntry(rs.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC),
                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                List.of(s(rs, 6), s(rs, 7), s(rs, 8), s(rs, 9), s(rs, 10)), rs.getString(11)));
                    }
                }
                return out;
            }
        });
    }

    private static String s(ResultSet rs, int i) throws java.sql.SQLException {
        String v = rs.getString(i);
        return v == null ? "" : v;
    }

    private static Timestamp utc(Instant i) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
}
