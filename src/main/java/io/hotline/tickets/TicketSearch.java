package io.hotline.tickets;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Finding tickets: by reference ({@code T-123456}), by freeze reference ({@code F-100002}: the tickets of the
 * frozen account), by caller number (the account's registered phone ending in the digits typed, or the last
 * four digits of the masked caller number), by holder name (part of it, any case); and an agent's open
 * tickets. Names and phones are those of the built-in wallet's accounts. Newest first.
 *
 * <p>Threading: blocking JDBC; thread-safe.
 */
@SuppressFBWarnings(
        value = "SQL_INJECTION_JDBC",
        justification = "every query is COLUMNS with a constant condition of this class; values go in as parameters")
public final class TicketSearch {
    private static final String COLUMNS = """
            SELECT t.reference, t.category, t.queue, t.status, t.caller_masked, t.created_at, t.agent_login,
                   a.holder_name
            FROM tickets t LEFT JOIN accounts a ON a.id = t.account_id""";

    /** One ticket found. {@code holder} is the account holder's name, or empty. */
    public record Found(
            String reference,
            String category,
            String queue,
            String status,
            String callerMasked,
            Instant createdAt,
            String agent,
            String holder) {}

    private final DataSource ds;

    public TicketSearch(DataSource ds) {
        this.ds = ds;
    }

    /** What {@code q} looks like decides what it is matched against; {@link IllegalArgumentException} when too short. */
    public List<Found> search(String q, int limit) {
        String s = q == null ? "" : q.strip();
        if (s.length() < 3) {
            throw new IllegalArgumentException("q: type at least 3 characters (a T- or F- reference, digits of the "
                    + "caller's number, or part of the holder's name)");
        }
        String up = s.toUpperCase(Locale.ROOT);
        if (up.matches("T-\\d+")) {
            return query(COLUMNS + " WHERE t.reference = ? ORDER BY t.created_at DESC LIMIT ?", up, limit);
        }
        if (up.matches("F-\\d+")) {
            return query(
                    COLUMNS + " JOIN freezes f ON f.account_id = t.account_id WHERE f.reference = ?"
                            + " ORDER BY t.created_at DESC LIMIT ?",
                    up,
                    limit);
        }
        String digits = s.replaceAll("[\\s+()-]", "");
        if (digits.matches("\\d{4,}")) {
            String last4 = digits.substring(digits.length() - 4);
            return query(
                    COLUMNS + " WHERE a.msisdn LIKE ? OR (? AND t.caller_masked LIKE ?)"
                            + " ORDER BY t.created_at DESC LIMIT ?",
                    limit,
                    "%" + digits,
                    digits.length() == 4,
                    "%" + last4);
        }
        String like = "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return query(COLUMNS + " WHERE a.holder_name ILIKE ? ORDER BY t.created_at DESC LIMIT ?", like, limit);
    }

    /** Tickets not closed whose call the agent took last. */
    public List<Found> openFor(String login, int limit) {
        return query(
                COLUMNS + " WHERE t.agent_login = ? AND t.status <> 'closed' ORDER BY t.created_at DESC LIMIT ?",
                login,
                limit);
    }

    private List<Found> query(String sql, String arg, int limit) {
        return query(sql, limit, arg);
    }

    private List<Found> query(String sql, int limit, Object... args) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Object a : args) {
                    ps.setObject(i++, a);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Found> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(found(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static Found found(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject(6, OffsetDateTime.class);
        return new Found(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3) == null ? "" : rs.getString(3),
                rs.getString(4),
                rs.getString(5) == null ? "" : rs.getString(5),
                at == null ? null : at.toInstant(),
                rs.getString(7) == null ? "" : rs.getString(7),
                rs.getString(8) == null ? "" : rs.getString(8));
    }
}
