package io.hotline.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for integration tests ({@code *IT}), fast enough to give every test class its own
 * database.
 *
 * <p>How it works: ONE embedded PostgreSQL (zonky) per test JVM, started lazily on first use in a
 * temporary directory and stopped by a JVM shutdown hook. On first use a template database
 * {@code hotline_template} is migrated by Flyway and loaded with {@link DemoData} (through
 * {@link Database#start}, the same path the server takes). Each {@link #fresh()} then clones it with
 * {@code CREATE DATABASE t_<random> TEMPLATE hotline_template} (tens of milliseconds) and returns a
 * {@link Database} on the clone: migrated, demo data as specified (dated at the template's creation,
 * i.e. a few seconds ago), nothing shared with other test classes.
 *
 * <p>Use it as a JUnit 5 extension on a static field; the database is created before the class's tests
 * and closed after them:
 * <pre>{@code
 * class WalletIT {
 *     @RegisterExtension
 *     static final TestDatabase DB = new TestDatabase();
 *
 *     @Test
 *     void something() {
 *         Wallet wallet = new Wallet(DB.dataSource(), Clock.systemUTC());
 *         ...
 *     }
 * }
 * }</pre>
 * or directly: {@code try (Database db = TestDatabase.fresh()) { ... }}.
 *
 * <p>The pool of a test database is small (10 connections, none kept idle beyond two); close what you
 * open. {@link #jdbcUrl(String)} and {@link #port()} reach the shared cluster directly, e.g. for psql
 * while debugging. Thread-safe.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
    static final String TEMPLATE = "hotline_template";
    private static final int TEST_POOL_SIZE = 10;

    private Database database;

    /** Creates the class's database now (otherwise on first {@link #dataSource()}). */
    @Override
    public void beforeAll(ExtensionContext context) {
        database();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** This extension's database, created on first use. */
    public synchronized Database database() {
        if (database == null) {
            database = fresh();
        }
        return database;
    }

    /** This extension's pooled data source. */
    public DataSource dataSource() {
        return database().dataSource();
    }

    /** A new database cloned from the migrated, demo-loaded template; the caller closes it. */
    public static Database fresh() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Cluster.INSTANCE.clone(name);
        return Database.start(config(port(), name, false));
    }

    /**
     * Creates the database {@code name} as a clone of the template once per JVM (later calls find it), for a
     * database something outside the test JVM writes into (the lab Asterisk's queue_log); see {@link #open}.
     */
    public static synchronized void ensure(String name) {
        if (ENSURED.add(name)) {
            Cluster.INSTANCE.clone(name);
        }
    }

    /** A new pool on the database {@code name} (made by {@link #ensure}); the caller closes it. */
    public static Database open(String name) {
        ensure(name);
        return Database.start(config(port(), name, false));
    }

    private static final java.util.Set<String> ENSURED = new java.util.HashSet<>();

    /** The first column of the first row of {@code sql} (with {@code args}) as text; null when there is no row. */
    public static String single(DataSource ds, String sql, Object... args) {
        return io.hotline.db.Tx.withConnection(ds, c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** The shared cluster's port. */
    public static int port() {
        return Cluster.INSTANCE.pg.getPort();
    }

    /** A JDBC URL for a database on the shared cluster (user {@code postgres}, no password). */
    public static String jdbcUrl(String database) {
        return url(port(), database);
    }

    private static String url(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    private static DbConfig config(int port, String db, boolean demo) {
        return new DbConfig(
                url(port, db), "postgres", null, Path.of("target"), TEST_POOL_SIZE, demo, Duration.ofSeconds(5));
    }

    /** The one cluster per JVM (initialisation-on-demand holder: lazy and thread-safe). */
    private static final class Cluster {
        static final Cluster INSTANCE = new Cluster();
        final EmbeddedPostgres pg;

        private Cluster() {
            try {
                pg = EmbeddedPostgres.builder()
                        // a throw-away cluster: durability buys nothing, speed does
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start(); // zonky registers a shutdown hook that stops it and deletes its directory
                execute("CREATE DATABASE " + TEMPLATE);
                try (Database template = Database.start(config(pg.getPort(), TEMPLATE, true))) {
                    if (!template.demoLoaded()) {
                        throw new IllegalStateException("demo data was not loaded into the template");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL", e);
            }
        }

        synchronized void clone(String name) {
            // serialised: CREATE DATABASE ... TEMPLATE fails while another session uses the template
            execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        }

        private void execute(String sql) {
            try (Connection c = pgDataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new DataAccessException(sql, e);
            }
        }

        private DataSource pgDataSource() {
            return pg.getPostgresDatabase();
        }
    }
}
