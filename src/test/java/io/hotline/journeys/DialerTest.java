package io.hotline.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.server.Hotline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the journey contracts share: a fresh demo database per test class, the transport's
 * {@link Dialer} on it, SQL checks, and the hook where a transport checks what its switch saw.
 *
 * @param <R> the transport's finished call
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DialerTest<R extends Dialer.Dialed> {
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String LI_WEI = "13800138000";
    protected static final String ZHANG_MIN = "13900139000";
    protected static final String WANG_FANG = "13700137000";
    protected static final String NOBODY = "13600136000";

    private Database db;
    private Dialer<R> dialer;

    /** The transport under test, on this class's database; closed after the class's tests. */
    protected abstract Dialer<R> connect(Database db) throws Exception;

    /**
     * Checks of what the switch saw in a contract journey, after the contract's own checks;
     * nothing by default (the simulator has no switch).
     */
    protected void onTheWire(Journey journey, R r) throws Exception {}

    @BeforeAll
    protected final void startDialer() throws Exception {
        db = TestDatabase.fresh();
        dialer = connect(db);
    }

    @AfterAll
    protected final void stopDialer() throws Exception {
        try (Database closing = db) {
            if (dialer != null) {
                dialer.close();
            }
        }
    }

    protected final Database database() {
        return db;
    }

    protected final Hotline hotline() {
        return dialer.hotline();
    }

    protected final R call(String ani, String keys) throws Exception {
        return dialer.call(ani, keys);
    }

    protected final R callHangingUpAt(String ani, String keys, String flowSlashNode) throws Exception {
        return dialer.callHangingUpAt(ani, keys, flowSlashNode);
    }

    /** The first column of the first row, as text; null when there is no row. */
    protected final String single(String sql, Object... args) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The {@code flow/node} steps of a session's path JSON, in order. */
    protected static List<String> nodes(String pathJson) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(pathJson)) {
            out.add(n.path("flow").asText() + "/" + n.path("node").asText());
        }
        return out;
    }
}
