package io.hotline.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database the server runs on: an embedded PostgreSQL in the data directory (default) or an
 * external one named by {@code HOTLINE_DB_URL}, behind a HikariCP pool, migrated by Flyway from
 * {@code classpath:db/migration} at start.
 *
 * <p>Demo data ({@link DemoData}) is loaded when the schema was just created in the embedded
 * database, or into any database when {@code HOTLINE_DB_DEMO=true} (it is skipped when its accounts
 * are already there); the start-up log says which.
 *
 * <p>Failing fast: borrowing a connection waits at most {@value #CONNECTION_TIMEOUT_MS} ms, so during a
 * database outage each call's lookup fails in about two seconds instead of hanging the caller. At start,
 * the pool waits up to {@code HOTLINE_DB_START_WAIT} for the database (an external one may still be
 * booting, e.g. under docker compose) and then start fails: the server does not run on an unmigrated
 * schema. Once started, an outage does not stop the server; the pool reconnects when the database is back.
 *
 * <p>Closing stops the pool, then the embedded PostgreSQL. Registering a shutdown hook is the caller's
 * business. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final int CONNECTION_TIMEOUT_MS = 2_000;
    /** A statement that hangs (network black hole) fails after this many seconds. */
    static final int SOCKET_TIMEOUT_S = 15;

    private final HikariDataSource pool;
    private final EmbeddedCluster cluster;
    private final boolean demoLoaded;

    private Database(HikariDataSource pool, EmbeddedCluster cluster, boolean demoLoaded) {
        this.pool = pool;
        this.cluster = cluster;
        this.demoLoaded = demoLoaded;
    }

    /**
     * Starts (embedded) or connects to (external) the database, migrates it and loads demo data when due.
     *
     * @throws DataAccessException when the database cannot be started, reached or migrated
     */
    public static Database start(DbConfig config) {
        EmbeddedCluster cluster = null;
        HikariDataSource pool = null;
        try {
            String url = config.url();
            boolean embedded = config.isEmbedded();
            Optional<Integer> shared = embedded ? EmbeddedCluster.runningElsewhere(config.dataDir()) : Optional.empty();
            if (shared.isPresent()) {
                url = "jdbc:postgresql://127.0.0.1:" + shared.get() + "/" + EmbeddedCluster.DATABASE;
                log.info(
                        "using the embedded PostgreSQL of the Hotline already running on {} (port {})",
                        config.pgDir(),
                        shared.get());
            } else if (embedded) {
                cluster = EmbeddedCluster.start(config.dataDir());
                url = cluster.jdbcUrl();
            }
            pool = pool(config, url, embedded);
            boolean freshSchema = migrate(pool);
            boolean demoLoaded = false;
            if (cluster != null && freshSchema) {
                demoLoaded = DemoData.load(pool);
                log.info("demo data {}: the embedded database was just created", demoLoaded ? "loaded" : "present");
            } else if (config.demo()) {
                demoLoaded = DemoData.load(pool);
                log.info(
                        "demo data {} (HOTLINE_DB_DEMO=true)", demoLoaded ? "loaded" : "already present, not reloaded");
            } else {
                log.info("demo data not loaded: existing database (set HOTLINE_DB_DEMO=true to load it)");
            }
            return new Database(pool, cluster, demoLoaded);
        } catch (IOException | SQLException | RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (e instanceof DataAccessException d) {
                throw d;
            }
            String where = config.isEmbedded()
                    ? "embedded PostgreSQL in " + config.pgDir()
                    : "database at " + config.url().replaceAll("password=[^&]*", "password=****");
            SQLException sql = e instanceof SQLException s ? s : new SQLException(e.getMessage(), "08001", e);
            throw new DataAccessException("cannot start " + where, sql);
        }
    }

    private static HikariDataSource pool(DbConfig config, String url, boolean embedded) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("hotline-db");
        hc.setJdbcUrl(url);
        if (!embedded) {
            hc.setUsername(config.user());
            hc.setPassword(config.password());
        } else {
            hc.setUsername("postgres");
        }
        hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED"); // what Tx assumes of a borrowed connection
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(Math.min(2, config.poolSize()));
        hc.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hc.setValidationTimeout(1_000);
        hc.setInitializationFailTimeout(Math.max(1, config.startWait().toMillis()));
        hc.addDataSourceProperty("connectTimeout", Integer.toString(CONNECTION_TIMEOUT_MS / 1000));
        hc.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_S));
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("ApplicationName", "hotline");
        // PostgreSQL's error detail quotes row values ("Key (msisdn)=(...) already exists"): keep them
        // out of exception messages, which end up in logs
        hc.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(hc);
    }

    /** Migrates; true when the schema was empty before (this start created it). */
    private static boolean migrate(DataSource ds) {
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                // in order only: a new migration takes a number above every existing one (README, Development)
                .load();
        MigrationInfo current = flyway.info().current();
        MigrateResult result = flyway.migrate();
        log.info(
                "database schema at version {} ({} migration(s) applied now)",
                result.targetSchemaVersion == null
                        ? (current == null ? "none" : current.getVersion())
                        : result.targetSchemaVersion,
                result.migrationsExecuted);
        return current == null && result.migrationsExecuted > 0;
    }

    /** The pooled data source; connections wait at most two seconds. */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * True when a pooled connection can be had and answers now; waits at most the pool's connection
     * timeout (two seconds). For readiness checks. After an outage the pool retries connecting with a
     * back-off of up to five seconds, so it can take that long after the database is back to say true.
     */
    public boolean reachable() {
        if (pool.isClosed()) {
            return false;
        }
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** True when this runs the embedded PostgreSQL. */
    public boolean isEmbedded() {
        return cluster != null;
    }

    /** The embedded PostgreSQL's port, when embedded. */
    public Optional<Integer> embeddedPort() {
        return cluster == null ? Optional.empty() : Optional.of(cluster.port());
    }

    /** True when this start loaded the demo data. */
    public boolean demoLoaded() {
        return demoLoaded;
    }

    /** Closes the pool, then stops the embedded PostgreSQL (fast shutdown). Idempotent. */
    @Override
    public synchronized void close() {
        if (!pool.isClosed()) {
            pool.close();
            if (cluster != null) {
                try {
                    cluster.close();
                    log.info("embedded PostgreSQL stopped");
                } catch (IOException e) {
                    log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
                }
            }
        }
    }
}
