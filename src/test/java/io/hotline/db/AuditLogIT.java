package io.hotline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hotline.cli.AuditCommand;
import io.hotline.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

@DisplayName("Audit log")
class AuditLogIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    @DisplayName("rows form a hash chain that verifies, with the last hash kept as the head")
    void chain() {
        AuditLog audit = new AuditLog(DB.dataSource());
        audit.append("ivr", "freeze", "account:1", "{\"reference\": \"F-1\",  \"b\": 2}", "call-a1");
        audit.append("sup.wu", "unfreeze", "account:1", null, null);
        audit.append("ivr", "note", null, "{\"text\": \"caf\u00e9 \u4e2d\u6587\"}", "call-a2");
        AuditLog.Verification v = audit.verify();
        assertThat(v.ok()).as(v.problem()).isTrue();
        assertThat(v.entries()).isGreaterThanOrEqualTo(3);
        assertThat(v.headHash()).hasSize(64);
        assertThat(audit.verifyChain()).isTrue();
    }

    @Test
    @DisplayName("the table refuses UPDATE, DELETE and TRUNCATE, even from the application's own user")
    void appendOnly() {
        new AuditLog(DB.dataSource()).append("ivr", "freeze", "account:9", null, "call-ao");
        for (String sql : List.of(
                "UPDATE audit_log SET actor = 'someone-else' WHERE call_id = 'call-ao'",
                "DELETE FROM audit_log WHERE call_id = 'call-ao'",
                "TRUNCATE audit_log",
                "DELETE FROM audit_head")) {
            assertThatThrownBy(() -> execute(DB.database(), sql)).as(sql).hasMessageContaining("append-only");
        }
        assertThat(new AuditLog(DB.dataSource()).verifyChain()).isTrue();
    }

    @Test
    @DisplayName(
            "a row a superuser edited with the trigger disabled is found, and the verify command names it and exits 1")
    void editedRowIsDetected() throws Exception {
        try (Database db = TestDatabase.fresh()) {
            AuditLog audit = new AuditLog(db.dataSource());
            audit.append("ivr", "freeze", "account:1", "{\"reference\": \"F-1\"}", "call-t1");
            audit.append("sup.wu", "unfreeze", "account:1", "{\"reason\": \"owner verified\"}", null);
            audit.append("ivr", "freeze", "account:2", null, "call-t2");
            assertThat(runVerify(db)).startsWith("0 ok: ");
            long id = tamper(
                    db,
                    "UPDATE audit_log SET detail = '{\"reason\": \"none\"}' WHERE action = 'unfreeze' "
                            + "RETURNING id");

            AuditLog.Verification v = audit.verify();
            assertThat(v.ok()).isFalse();
            assertThat(v.brokenAt()).isEqualTo(id);
            assertThat(v.problem()).contains("row " + id + " was changed");
            assertThat(runVerify(db)).isEqualTo("1 broken: " + v.problem());
        }
    }

    @Test
    @DisplayName("a row removed from the middle breaks the link of the row after it")
    void removedRowIsDetected() throws Exception {
        try (Database db = TestDatabase.fresh()) {
            AuditLog audit = new AuditLog(db.dataSource());
            for (int i = 0; i < 5; i++) {
                audit.append("ivr", "note", "account:" + i, null, "call-r" + i);
            }
            audit.chainPending(); // what the server's chainer does shortly after the rows commit
            long removed = tamper(db, "DELETE FROM audit_log WHERE call_id = 'call-r2' RETURNING id");
            AuditLog.Verification v = audit.verify();
            assertThat(v.ok()).isFalse();
            assertThat(v.brokenAt()).isGreaterThan(removed);
            assertThat(v.problem()).contains("a row was removed or inserted before it");
        }
    }

    @Test
    @DisplayName("rows cut from the end of the chain are noticed through the head")
    void truncatedEndIsDetected() throws Exception {
        try (Database db = TestDatabase.fresh()) {
            AuditLog audit = new AuditLog(db.dataSource());
            for (int i = 0; i < 3; i++) {
                audit.append("ivr", "note", "account:" + i, null, "call-e" + i);
            }
            audit.chainPending();
            tamper(db, "DELETE FROM audit_log WHERE call_id = 'call-e2' RETURNING id");
            AuditLog.Verification v = audit.verify();
            assertThat(v.ok()).isFalse();
            assertThat(v.problem()).contains("rows were removed from its end");
        }
    }

    @Test
    @DisplayName(
            "appends from many threads, some inside SERIALIZABLE transactions, form one unbroken chain; a serializable one that keeps losing a race with the others fails whole")
    void concurrentAppends() throws Exception {
        try (Database db = TestDatabase.fresh()) {
            AuditLog audit = new AuditLog(db.dataSource());
            long before = audit.verify().entries();
            int threads = 8;
            int each = 25;
            var ready = new CountDownLatch(threads);
            List<Future<Integer>> done = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        ready.countDown();
                        ready.await();
                        int written = 0;
                        for (int n = 0; n < each; n++) {
                            int i = n;
                            String call = "call-c" + thread + "-" + i;
                            if (thread % 2 == 0) {
                                audit.append("ivr", "note", "account:" + thread, "{\"i\": " + i + "}", call);
                                written++;
                            } else {
                                try {
                                    // a snapshot taken before the chain lock, as a serializable business transaction
                                    // has
                                    Tx.inTransaction(db.dataSource(), Tx.Isolation.SERIALIZABLE, c -> {
                                        try (Statement st = c.createStatement()) {
                                            st.executeQuery("SELECT count(*) FROM audit_log")
                                                    .close();
                                        }
                                        audit.append(c, "ivr", "note", "account:" + thread, "{\"i\": " + i + "}", call);
                                        return null;
                                    });
                                    written++;
                                } catch (DataAccessException e) {
                                    assertThat(e.sqlState()).isEqualTo("40001");
                                }
                            }
                        }
                        return written;
                    }));
                }
            }
            long written = 0;
            for (Future<Integer> f : done) {
                written += f.get();
            }
            AuditLog.Verification v = audit.verify();
            assertThat(v.ok()).as(v.problem()).isTrue();
            assertThat(v.entries()).isEqualTo(before + written);
            assertThat(written).as("appends that committed").isGreaterThanOrEqualTo(threads / 2 * (long) each);
            System.out.printf("concurrent audit appends: %d of %d committed%n", written, threads * each);
        }
    }

    @Test
    @DisplayName("an audited write does not wait for another one still open; both are linked once committed")
    void appendsDoNotWaitForEachOther() throws Exception {
        try (Database db = TestDatabase.fresh()) {
            AuditLog audit = new AuditLog(db.dataSource());
            try (Connection open = db.dataSource().getConnection()) {
                open.setAutoCommit(false);
                audit.append(open, "ivr", "freeze", "account:1", null, "call-open");
                // a second write, on another connection, commits while the first is still open
                audit.append("sup.wu", "unfreeze", "account:2", null, null);
                assertThat(audit.chainPending())
                        .as("only the committed row is linked")
                        .isEqualTo(1);
                open.commit();
            }
            assertThat(audit.chainPending()).isEqualTo(1);
            AuditLog.Verification v = audit.verify();
            assertThat(v.ok()).as(v.problem()).isTrue();
            assertThat(v.entries()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("the chainer links rows on its own shortly after they commit, and links what is left when closed")
    void chainerLinksInTheBackground() throws Exception {
        try (Database db = TestDatabase.fresh()) {
            AuditLog audit = new AuditLog(db.dataSource());
            try (AuditChainer chainer = AuditChainer.start(audit, java.time.Duration.ofMillis(20))) {
                audit.append("ivr", "freeze", "account:1", null, "call-bg");
                await("the chainer links the row")
                        .atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> unlinked(db) == 0);
                audit.append("ivr", "freeze", "account:2", null, "call-bg2");
            }
            assertThat(unlinked(db)).as("closing links the rest").isZero();
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement();
                    var rs = st.executeQuery("SELECT entries FROM audit_head")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    @Test
    @DisplayName("linking is the only change the table takes: a linked row cannot be linked again or edited")
    void linkingOnlyOnce() throws Exception {
        try (Database db = TestDatabase.fresh()) {
            AuditLog audit = new AuditLog(db.dataSource());
            audit.append("ivr", "freeze", "account:1", null, "call-once");
            assertThatThrownBy(() -> execute(
                            db,
                            "UPDATE audit_log SET actor = 'x', hash = 'h', chain_seq = 99 "
                                    + "WHERE call_id = 'call-once'"))
                    .hasMessageContaining("append-only");
            audit.chainPending();
            assertThatThrownBy(() -> execute(
                            db, "UPDATE audit_log SET hash = 'h', chain_seq = 99 " + "WHERE call_id = 'call-once'"))
                    .hasMessageContaining("append-only");
            assertThat(audit.verify().ok()).isTrue();
        }
    }

    private static long unlinked(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE hash IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @DisplayName("a row written in a transaction that rolls back leaves no trace, and the chain stays whole")
    void rollback() {
        AuditLog audit = new AuditLog(DB.dataSource());
        assertThatThrownBy(() -> Tx.inTransaction(DB.dataSource(), c -> {
                    audit.append(c, "ivr", "doomed", "account:2", null, "call-x");
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);
        long n = Tx.withConnection(DB.dataSource(), c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM audit_log WHERE action = 'doomed'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(n).isZero();
        audit.append("ivr", "after", "account:2", null, "call-y");
        assertThat(audit.verifyChain()).isTrue();
    }

    /** Runs {@code hotline audit verify} against {@code db}; returns "exit-code output". */
    static String runVerify(Database db) throws SQLException {
        String url;
        try (Connection c = db.dataSource().getConnection()) {
            url = c.getMetaData().getURL();
        }
        var settings = Settings.from(
                Map.of("HOTLINE_DB_URL", url, "HOTLINE_DB_USER", "postgres", "HOTLINE_DATA_DIR", "target"));
        var out = new StringWriter();
        int code = new CommandLine(new AuditCommand.Verify(settings))
                .setOut(new PrintWriter(out))
                .execute();
        return code + " " + out.toString().trim();
    }

    /** What a superuser could do: switch the protecting triggers off, change the table, switch them on. */
    static long tamper(Database db, String sqlReturningId) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
            try (var rs = st.executeQuery(sqlReturningId)) {
                rs.next();
                return rs.getLong(1);
            } finally {
                st.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
            }
        }
    }

    static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
