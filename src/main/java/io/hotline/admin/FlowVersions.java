package io.hotline.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotline.db.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The {@code flow_versions} table: every published version with its files, so any of them
 * can be shown, compared, replayed against or published again. Files are stored as text
 * ({@code {"main.yaml": "..."}}): flow files are UTF-8 by rule.
 *
 * <p>Threading: blocking; thread-safe.
 */
public final class FlowVersions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            version, hash, published_at, published_by, kind, restored_from,
            (SELECT coalesce(array_agg(k ORDER BY k), '{}') FROM jsonb_object_keys(files) k)""";

    private final DataSource ds;

    public FlowVersions(DataSource ds) {
        this.ds = ds;
    }

    /** The newest version, if any was recorded. */
    public Optional<StoredVersion> latest() {
        List<StoredVersion> l = list(1);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
    }

    /** The newest {@code limit} versions, newest first. */
    public List<StoredVersion> list(int limit) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM flow_versions ORDER BY version DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredVersion> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return out;
                }
            }
        });
    }

    public Optional<StoredVersion> find(long version) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM flow_versions WHERE version = ?")) {
                ps.setLong(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The files of a version, by name. */
    public Optional<SortedMap<String, byte[]>> files(long version) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT files::text FROM flow_versions WHERE version = ?")) {
                ps.setLong(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(decode(rs.getString(1)));
                }
            }
        });
    }

    /** What recording a version came to: its number, and whether it was another node's identical version. */
    public record Recorded(long version, boolean adopted) {}

    /**
     * Records the next version of the flows, audited, in one transaction that holds the table exclusively (nodes
     * sharing the database number one after another). A {@code publish} of the very files another node recorded
     * since this one's {@code serving} version adopts that version instead of adding one.
     *
     * @param auditDetail the audit row's detail for the version number that was chosen
     */
    Recorded record(
            long serving,
            String hash,
            Instant at,
            String by,
            String kind,
            Long restoredFrom,
            SortedMap<String, byte[]> files,
            java.util.function.LongFunction<String> auditDetail) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement lock = c.prepareStatement("LOCK TABLE flow_versions IN EXCLUSIVE MODE")) {
                lock.execute();
            }
            long max = maxVersion(c);
            if (max > serving && kind.equals("publish") && sameHash(hash, hashOf(c, max))) {
                return new Recorded(max, true); // another node sharing this database published these files
            }
            long v = Math.max(max, serving) + 1;
            insert(c, v, hash, at, by, kind, restoredFrom, files);
            io.hotline.db.AuditLog.append(c, at, by, "flows." + kind, "flows v" + v, auditDetail.apply(v), null);
            return new Recorded(v, false);
        });
    }

    private static void insert(
            Connection c,
            long version,
            String hash,
            Instant at,
            String by,
            String kind,
            Long restoredFrom,
            SortedMap<String, byte[]> files)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO flow_versions (version, hash, published_at, published_by, files, kind, restored_from)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)""")) {
            ps.setLong(1, version);
            ps.setString(2, hash);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, by);
            ps.setString(5, encode(files));
            ps.setString(6, kind);
            if (restoredFrom == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, restoredFrom);
            }
            ps.executeUpdate();
        }
    }

    /** The highest version recorded, 0 if none; read inside the caller's transaction. */
    private static long maxVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(version), 0) FROM flow_versions");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Compared in constant time, although the hash of published flow files is no secret. */
    private static boolean sameHash(String a, String b) {
        return b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash of a stored version, read inside the caller's transaction; null if there is none. */
    private static String hashOf(Connection c, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM flow_versions WHERE version = ?")) {
            ps.setLong(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static String encode(SortedMap<String, byte[]> files) {
        ObjectNode o = JSON.createObjectNode();
        files.forEach((name, bytes) -> o.put(name, new String(bytes, StandardCharsets.UTF_8)));
        return o.toString();
    }

    static SortedMap<String, byte[]> decode(String json) {
        try {
            SortedMap<String, byte[]> out = new TreeMap<>();
            JsonNode o = JSON.readTree(json);
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                out.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("flow_versions.files is not a JSON object", e);
        }
    }

    private static StoredVersion row(ResultSet rs) throws SQLException {
        long restored = rs.getLong(6);
        Long restoredFrom = rs.wasNull() ? null : restored;
        Array names = rs.getArray(7);
        List<String> files = names == null ? List.of() : Arrays.asList((String[]) names.getArray());
        return new StoredVersion(
                rs.getLong(1),
                rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4),
                rs.getString(5),
                restoredFrom,
                files);
    }
}
