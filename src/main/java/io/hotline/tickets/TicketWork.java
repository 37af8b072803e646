package io.hotline.tickets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What agents do to tickets from the console: mark a ticket taken, add notes, close it with a
 * disposition; and the lists the console shows. Every change is audited (actor {@code console:<login>}).
 * Blocking; thread-safe.
 */
public final class TicketWork {
    /** Dispositions an agent may close a ticket with. */
    public static final List<String> DISPOSITIONS =
            List.of("resolved", "fraud-case-opened", "refund-requested", "escalated", "callback-needed", "no-action");

    public static final int NOTE_MAX = 4000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource ds;
    private final Clock clock;

    public TicketWork(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * The agent-side fields of a ticket.
     *
     * @param notesJson the notes as a JSON array of {@code {"by", "at", "text"}} objects, oldest first
     */
    public record Extras(
            String status, String notesJson, String disposition, Instant closedAt, String closedBy, boolean followUp) {}

    /** A ticket in the console's lists; {@code dueAt} is null when the ticket has no deadline. */
    public record Listed(
            String ticket,
            String category,
            String queue,
            int priority,
            String status,
            String caller,
            boolean verified,
            Instant createdAt,
            Instant dueAt,
            boolean overdue) {}

    public Optional<Extras> extras(String ref) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status, notes::text, disposition, closed_at, closed_by, follow_up FROM tickets WHERE reference = ?")) {
                ps.setString(1, ref);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    var closed = rs.getObject(4, java.time.OffsetDateTime.class);
                    return Optional.of(new Extras(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            closed == null ? null : closed.toInstant(),
                            rs.getString(5),
                            rs.getBoolean(6)));
                }
            }
        });
    }

    /** An agent answered the ticket's call. */
    public void taken(String ref, String login) {
        Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tickets SET status = 'with_agent', updated_at = ?, agent_login = ?
                    WHERE reference = ? AND status <> 'closed'""")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, login);
                ps.setString(3, ref);
                if (ps.executeUpdate() > 0) {
                    io.hotline.db.AuditLog.append(
                            c, clock.instant(), "console:" + login, "ticket.taken", "ticket:" + ref, null, null);
                }
                return null;
            }
        });
    }

    /** Appends a note; returns all notes (as {@link Extras#notesJson}). */
    public String addNote(String ref, String login, String text) {
        String clean = text.strip();
        if (clean.isEmpty() || clean.length() > NOTE_MAX) {
            throw new IllegalArgumentException("a note has 1 to " + NOTE_MAX + " characters");
        }
        return Tx.inTransaction(ds, c -> {
            Map<String, String> note = new LinkedHashMap<>();
            note.put("by", login);
            note.put("at", clock.instant().toString());
            note.put("text", clean);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tickets SET notes = notes || jsonb_build_array(?::jsonb), updated_at = ?
                    WHERE reference = ? RETURNING notes::text""")) {
                ps.setString(1, json(note));
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                ps.setString(3, ref);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no ticket " + ref);
                    }
                    io.hotline.db.AuditLog.append(
                            c, clock.instant(), "console:" + login, "ticket.note", "ticket:" + ref, null, null);
                    return rs.getString(1);
                }
            }
        });
    }

    /**
     * The agent transferred the ticket's call to another queue: the ticket moves there (so that queue's agents
     * may see it) and gets a note saying so, with the agent's own words if any; audited.
     */
    public String transferred(String ref, String login, String fromQueue, String toQueue, String toWhom, String note) {
        String text = "Transferred from " + fromQueue + " to " + toWhom + " by " + login
                + (note == null || note.isBlank() ? "" : ": " + note.strip());
        String notes = addNote(ref, login, text.length() > NOTE_MAX ? text.substring(0, NOTE_MAX) : text);
        Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tickets SET queue = ?, updated_at = ? WHERE reference = ? AND status <> 'closed'""")) {
                ps.setString(1, toQueue);
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                ps.setString(3, ref);
                ps.executeUpdate();
                io.hotline.db.AuditLog.append(
                        c,
                        clock.instant(),
                        "console:" + login,
                        "ticket.transfer",
                        "ticket:" + ref,
                        json(new Transferred(fromQueue, toWhom)),
                        null);
                return null;
            }
        });
        return notes;
    }

    /** Closes the ticket with a disposition (and an optional last note); false when it was closed already. */
    public boolean close(String ref, String login, String disposition, String note) {
        return close(ref, login, disposition, note, false);
    }

    /** As above, with the follow-up flag. */
    public boolean close(String ref, String login, String disposition, String note, boolean followUp) {
        if (!DISPOSITIONS.contains(disposition)) {
            throw new IllegalArgumentException("disposition must be one of " + DISPOSITIONS);
        }
        if (note != null && !note.isBlank()) {
            addNote(ref, login, note);
        }
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tickets SET status = 'closed', disposition = ?, closed_at = ?, closed_by = ?, updated_at = ?,
                                       follow_up = ?
                    WHERE reference = ? AND status <> 'closed'""")) {
                Timestamp now = Timestamp.from(clock.instant());
                ps.setString(1, disposition);
                ps.setTimestamp(2, now);
                ps.setString(3, login);
                ps.setTimestamp(4, now);
                ps.setBoolean(5, followUp);
                ps.setString(6, ref);
                boolean closed = ps.executeUpdate() > 0;
                if (closed) {
                    io.hotline.db.AuditLog.append(
                            c,
                            clock.instant(),
                            "console:" + login,
                            "ticket.close",
                            "ticket:" + ref,
                            json(new Closed(disposition, followUp)),
                            null);
                }
                return closed;
            }
        });
    }

    private static final String LIST = """
            SELECT reference, category, queue, priority, status, caller_masked, verified, created_at,
                   due_at, due_at < now()
            FROM tickets WHERE\s""";
    private static final String NEWEST = " ORDER BY created_at DESC LIMIT ?";
    private static final String OPEN_ALL = LIST + "status <> 'closed'" + NEWEST;
    private static final String OPEN_IN_QUEUES = LIST + "status <> 'closed' AND queue = ANY (?)" + NEWEST;
    private static final String ABANDONED_ALL = LIST + "status = 'abandoned'" + NEWEST;
    private static final String ABANDONED_IN_QUEUES = LIST + "status = 'abandoned' AND queue = ANY (?)" + NEWEST;

    /** Open tickets in these queues (all queues when null), newest first. */
    public List<Listed> open(Collection<String> queues, int limit) {
        return list(false, queues, limit);
    }

    /** Tickets whose caller hung up waiting for an agent and nobody closed yet (the supervisor's list). */
    public List<Listed> abandoned(Collection<String> queues, int limit) {
        return list(true, queues, limit);
    }

    /** Open or abandoned tickets: {@code queues} fills the query's {@code ANY (?)} when not null. */
    private List<Listed> list(boolean abandoned, Collection<String> queues, int limit) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    abandoned
                            ? (queues == null ? ABANDONED_ALL : ABANDONED_IN_QUEUES)
                            : (queues == null ? OPEN_ALL : OPEN_IN_QUEUES))) {
                int i = 1;
                if (queues != null) {
                    ps.setArray(i++, c.createArrayOf("text", queues.toArray()));
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Listed> out = new ArrayList<>();
                    while (rs.next()) {
                        var due = rs.getObject(9, java.time.OffsetDateTime.class);
                        out.add(new Listed(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getBoolean(7),
                                rs.getObject(8, java.time.OffsetDateTime.class).toInstant(),
                                due == null ? null : due.toInstant(),
                                rs.getBoolean(10)));
                    }
                    return out;
                }
            }
        });
    }

    /** The audit detail of {@code ticket.transfer}: from which queue to which queue or agent. */
    private record Transferred(String from, String to) {}

    /** The audit detail of {@code ticket.close}. */
    private record Closed(String disposition, boolean followUp) {}

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
