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
 * Text is stored as res_config_pgsql stores it: {@code ;} and {@code ^} as {@code ^3B} and {@code ^5E}
 * (its ESCAPE_STRING; a Local channel's uniqueid ends in {@code ;2}), and read back decoded.
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
                    ps.setString(2, encode(e.callId()));
                    ps.setString(3, encode(e.queue()));
                    ps.setString(4, encode(e.agent()));
                    ps.setString(5, encode(e.event()));
                    for (int i = 1; i <= 5; i++) {
                        ps.setString(5 + i, encode(e.data(i)));
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
                return rows(ps);
            }
        });
    }

    /** Every row of one call ({@code callid}), in the order they were written. */
    public List<QueueLogEntry> ofCall(String callId) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT time, callid, queuename, agent, event, data1, "
                    + "data2, data3, data4, data5, source FROM queue_log WHERE callid = ? ORDER BY time, id")) {
                ps.setString(1, callId);
                return rows(ps);
            }
        });
    }

    private static List<QueueLogEntry> rows(PreparedStatement ps) throws java.sql.SQLException {
        List<QueueLogEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new QueueLogEntry(
                        rs.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC),
                        s(rs, 2),
                        s(rs, 3),
                        s(rs, 4),
                        s(rs, 5),
                        List.of(s(rs, 6), s(rs, 7), s(rs, 8), s(rs, 9), s(rs, 10)),
                        rs.getString(11)));
            }
        }
        return out;
    }

    private static String s(ResultSet rs, int i) throws java.sql.SQLException {
        String v = rs.getString(i);
        return v == null ? "" : decode(v);
    }

    /** As res_config_pgsql's ESCAPE_STRING: {@code ;} and {@code ^} become {@code ^3B} and {@code ^5E}. */
    static String encode(String v) {
        return v.replace("^", "^5E").replace(";", "^3B");
    }

    /** res_config_pgsql's {@code ^XX} (two hex digits) back to the character. */
    static String decode(String v) {
        if (v.indexOf('^') < 0) {
            return v;
        }
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '^'
                    && i + 2 < v.length()
                    && HEX.indexOf(Character.toUpperCase(v.charAt(i + 1))) >= 0
                    && HEX.indexOf(Character.toUpperCase(v.charAt(i + 2))) >= 0) {
                out.append((char) Integer.parseInt(v.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static final String HEX = "0123456789ABCDEF";

    private static Timestamp utc(Instant i) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
}
