package io.hotline.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.db.Tx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads finished call sessions ({@code call_sessions} with a path) for replay and statistics.
 * Sessions still in progress or interrupted by a server stop are left out: their path is not
 * a whole call.
 *
 * <p>Threading: blocking; thread-safe.
 */
public final class SessionHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource ds;

    public SessionHistory(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Finished sessions started at or after {@code since}, oldest first, at most {@code limit}.
     *
     * @param flowVersion only this version, or null for all
     */
    public List<RecordedSession> since(Instant since, Long flowVersion, int limit) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT call_id, flow_id, flow_version, caller_masked, language, started_at, end_reason, queue,
                           path::text, actions::text
                    FROM call_sessions
                    WHERE path IS NOT NULL AND end_reason NOT IN ('in_progress', 'interrupted')
                      AND coalesce(started_at, ended_at) >= ? AND (?::bigint IS NULL OR flow_version = ?::bigint)
                    ORDER BY coalesce(started_at, ended_at), call_id LIMIT ?""")) {
                ps.setTimestamp(1, Timestamp.from(since));
                ps.setObject(2, flowVersion, java.sql.Types.BIGINT);
                ps.setObject(3, flowVersion, java.sql.Types.BIGINT);
                ps.setInt(4, limit);
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    List<RecordedSession> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static RecordedSession row(ResultSet rs) throws SQLException {
        OffsetDateTime started = rs.getObject(6, OffsetDateTime.class);
        return new RecordedSession(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                started == null ? null : started.toInstant(),
                rs.getString(7),
                rs.getString(8),
                path(rs.getString(9)),
                actions(rs.getString(10)));
    }

    /** A stored path ({@code call_sessions.path} as text; null or blank: none). */
    public static List<RecordedSession.Step> path(String json) {
        List<RecordedSession.Step> out = new ArrayList<>();
        for (JsonNode s : read(json)) {
            out.add(new RecordedSession.Step(
                    s.path("flow").asText(),
                    s.path("node").asText(),
                    s.path("type").asText(),
                    s.path("input").asText(),
                    s.path("exit").asText()));
        }
        return out;
    }

    /** Stored actions ({@code call_sessions.actions} as text; null or blank: none). */
    public static List<RecordedSession.RecordedAction> actions(String json) {
        List<RecordedSession.RecordedAction> out = new ArrayList<>();
        for (JsonNode a : read(json)) {
            Map<String, String> vars = new LinkedHashMap<>();
            a.path("variables")
                    .properties()
                    .forEach(e -> vars.put(e.getKey(), e.getValue().asText()));
            out.add(new RecordedSession.RecordedAction(
                    a.path("name").asText(),
                    a.path("outcome").asText(),
                    a.path("reference").asText(),
                    vars));
        }
        return out;
    }

    private static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored session is not JSON", e);
        }
    }
}
