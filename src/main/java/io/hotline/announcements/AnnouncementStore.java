package io.hotline.announcements;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.db.AuditLog;
import io.hotline.db.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The {@code announcements} table; every change is audited in the same transaction ({@code announcement.*}).
 *
 * <p>Threading: blocking; thread-safe.
 */
final class AnnouncementStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, title, texts::text, journeys, starts_at, ends_at, audio, enabled,"
            + " audio_ready, audio_note, updated_by, updated_at";

    private final DataSource ds;

    AnnouncementStore(DataSource ds) {
        this.ds = ds;
    }

    /** Every announcement not ended before {@code since}, newest first (at most 200). */
    List<Announcement> list(Instant since) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM announcements WHERE ends_at > ? OR enabled ORDER BY id DESC LIMIT 200")) {
                ps.setTimestamp(1, Timestamp.from(since));
                return rows(ps);
            }
        });
    }

    /** The switched-on ones that have not ended by {@code now}: what calls may play. */
    List<Announcement> enabled(Instant now) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM announcements WHERE enabled AND ends_at > ? ORDER BY id")) {
                ps.setTimestamp(1, Timestamp.from(now));
                return rows(ps);
            }
        });
    }

    Optional<Announcement> find(long id) {
        return Tx.withConnection(ds, c -> find(c, id));
    }

    Announcement create(Draft d, String by, Instant at) {
        return Tx.inTransaction(ds, c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO announcements (title, texts, journeys, starts_at, ends_at, audio, created_by, created_at,
                                               updated_by, updated_at, audio_note)
                    VALUES (?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, 'not prepared yet') RETURNING id""")) {
                fill(ps, c, d);
                ps.setString(7, by);
                ps.setTimestamp(8, ts(at));
                ps.setString(9, by);
                ps.setTimestamp(10, ts(at));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            AuditLog.append(c, at, by, "announcement.create", "announcement " + id, detail(d), null);
            return find(c, id).orElseThrow();
        });
    }

    /** Replaces what it says and when; its audio is prepared again. Empty when there is no such announcement. */
    Optional<Announcement> update(long id, Draft d, String by, Instant at) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE announcements SET title = ?, texts = ?::jsonb, journeys = ?, starts_at = ?, ends_at = ?,
                           audio = ?, audio_ready = false, audio_note = 'not prepared yet', updated_by = ?, updated_at = ?
                    WHERE id = ?""")) {
                fill(ps, c, d);
                ps.setString(7, by);
                ps.setTimestamp(8, ts(at));
                ps.setLong(9, id);
                if (ps.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            AuditLog.append(c, at, by, "announcement.update", "announcement " + id, detail(d), null);
            return find(c, id);
        });
    }

    /** Switches it on or off. Empty when there is no such announcement. */
    Optional<Announcement> enable(long id, boolean on, String by, Instant at) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE announcements SET enabled = ?, updated_by = ?, updated_at = ? WHERE id = ?")) {
                ps.setBoolean(1, on);
                ps.setString(2, by);
                ps.setTimestamp(3, ts(at));
                ps.setLong(4, id);
                if (ps.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            AuditLog.append(c, at, by, on ? "announcement.on" : "announcement.off", "announcement " + id, "{}", null);
            return find(c, id);
        });
    }

    /**
     * Records whether its audio exists, for the texts it was prepared from (an edit of them meanwhile wins: the
     * row is left alone); audited when it becomes ready. Whether the row changed.
     */
    boolean audio(Announcement preparedFrom, boolean ready, String note, Instant at) {
        long id = preparedFrom.id();
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE announcements SET audio_ready = ?, audio_note = ?
                    WHERE id = ? AND texts = ?::jsonb AND audio = ? AND (audio_ready <> ? OR audio_note <> ?)""")) {
                ps.setBoolean(1, ready);
                ps.setString(2, note);
                ps.setLong(3, id);
                ps.setString(4, json(preparedFrom.texts()));
                ps.setString(5, preparedFrom.audio().wire());
                ps.setBoolean(6, ready);
                ps.setString(7, note);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            if (ready) {
                AuditLog.append(c, at, "hotline", "announcement.audio", "announcement " + id, "{\"ready\":true}", null);
            }
            return true;
        });
    }

    private static Optional<Announcement> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM announcements WHERE id = ?")) {
            ps.setLong(1, id);
            List<Announcement> l = rows(ps);
            return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
        }
    }

    private static void fill(PreparedStatement ps, Connection c, Draft d) throws SQLException {
        ps.setString(1, d.title());
        ps.setString(2, json(d.texts()));
        ps.setArray(3, c.createArrayOf("text", d.journeys().stream().sorted().toArray()));
        ps.setTimestamp(4, ts(d.startsAt()));
        ps.setTimestamp(5, ts(d.endsAt()));
        ps.setString(6, d.audio().wire());
    }

    private static List<Announcement> rows(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Announcement> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Announcement(
                        rs.getLong(1),
                        rs.getString(2),
                        texts(rs.getString(3)),
                        new LinkedHashSet<>(
                                Arrays.asList((String[]) rs.getArray(4).getArray())),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant(),
                        Announcement.Audio.of(rs.getString(7)),
                        rs.getBoolean(8),
                        rs.getBoolean(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getTimestamp(12).toInstant()));
            }
            return out;
        }
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i.truncatedTo(ChronoUnit.MICROS));
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("texts are plain strings", e);
        }
    }

    private static Map<String, String> texts(String json) {
        try {
            return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("announcements.texts holds an object of strings", e);
        }
    }

    private static String detail(Draft d) {
        return json(new DraftDetail(
                d.audio().wire(),
                d.endsAt().toString(),
                d.journeys().stream().sorted().toList(),
                d.texts().keySet().stream().sorted().toList(),
                d.startsAt().toString(),
                d.title()));
    }

    /**
     * The audit detail of {@code announcement.create} and {@code .update}: the draft without its texts (only their
     * languages). Its keys are in alphabetical order, as they have always been written.
     */
    private record DraftDetail(
            String audio,
            @JsonProperty("ends_at") String endsAt,
            List<String> journeys,
            List<String> languages,
            @JsonProperty("starts_at") String startsAt,
            String title) {}
}
