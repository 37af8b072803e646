package io.hotline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Transactions")
class TxIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @BeforeAll
    static void table() {
        Tx.withConnection(
                DB.dataSource(),
                c -> c.createStatement().execute("CREATE TABLE counter (name text PRIMARY KEY, n int NOT NULL)"));
    }

    private static int read(Connection c, String name) throws SQLException {
        try (var ps = c.prepareStatement("SELECT n FROM counter WHERE name = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    private static void write(Connection c, String name, int n) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO counter (name, n) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET n = excluded.n""")) {
            ps.setString(1, name);
            ps.setInt(2, n);
            ps.executeUpdate();
        }
    }

    @Test
    @DisplayName("work that throws is rolled back, and a SQL error comes out as DataAccessException")
    void rollback() {
        assertThatThrownBy(() -> Tx.inTransaction(DB.dataSource(), c -> {
                    write(c, "r", 1);
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat((int) Tx.withConnection(DB.dataSource(), c -> read(c, "r"))).isEqualTo(-1);

        assertThatThrownBy(() -> Tx.inTransaction(DB.dataSource(), c -> {
                    write(c, "r", 1);
                    return c.createStatement().execute("SELECT * FROM no_such_table");
                }))
                .isInstanceOfSatisfying(DataAccessException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42P01");
                    assertThat(e.isUnavailable()).isFalse();
                });
        assertThat((int) Tx.withConnection(DB.dataSource(), c -> read(c, "r"))).isEqualTo(-1);
    }

    @Test
    @DisplayName("serializable read-modify-write from many threads loses no update: conflicts are retried")
    void serializableRetries() throws Exception {
        Tx.inTransaction(DB.dataSource(), c -> {
            write(c, "s", 0);
            return null;
        });
        int threads = 6;
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    return Tx.inTransaction(DB.dataSource(), Tx.Isolation.SERIALIZABLE, c -> {
                        runs.incrementAndGet();
                        int n = read(c, "s");
                        write(c, "s", n + 1);
                        return n;
                    });
                }));
            }
            go.countDown();
        }
        int failed = 0;
        for (Future<Integer> f : done) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(DataAccessException.class);
                assertThat(((DataAccessException) e.getCause()).sqlState()).isEqualTo("40001");
                failed++;
            }
        }
        int value = Tx.withConnection(DB.dataSource(), c -> read(c, "s"));
        assertThat(value).as("every committed increment counted").isEqualTo(threads - failed);
        assertThat(runs.get()).isGreaterThanOrEqualTo(threads);
        assertThat(failed).as("at most a few give up after all their attempts").isLessThan(threads);
    }
}
