package io.hotline.db;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throwaway databases for tools that must never touch the server's data ({@code hotline test-flows}):
 * an embedded PostgreSQL in a temporary data directory whose database {@code hotline} is migrated and
 * loaded with {@link DemoData} once, through {@link Database#start} like the server's, and then cloned
 * for each use with {@code CREATE DATABASE ... TEMPLATE hotline} (tens of milliseconds), so every use
 * starts from the same demo data. Closing stops the cluster and deletes the directory.
 *
 * <p>Threading: {@link #fresh()} is serialised (a clone needs the template to be unused); the
 * databases it returns are independent.
 */
public final class ScratchDatabases implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScratchDatabases.class);
    private static final int POOL_SIZE = 6;

    private final Path dir;
    private final EmbeddedCluster cluster;
    private final AtomicInteger seq = new AtomicInteger();

    private ScratchDatabases(Path dir, EmbeddedCluster cluster) {
        this.dir = dir;
        this.cluster = cluster;
    }

    /**
     * Starts the cluster in a new temporary directory and prepares the template.
     *
     * @throws DataAccessException when PostgreSQL cannot be started or migrated
     */
    public static ScratchDatabases start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("hotline-scratch-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        EmbeddedCluster cluster = null;
        try {
            cluster = EmbeddedCluster.start(dir, false); // thrown away after the run
            DbConfig template = config(cluster, EmbeddedCluster.DATABASE, true);
            try (Database db = Database.start(template)) {
                log.debug("scratch template ready (demo data {})", db.demoLoaded() ? "loaded" : "present");
            }
            return new ScratchDatabases(dir, cluster);
        } catch (IOException | SQLException | RuntimeException e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            deleteQuietly(dir);
            if (e instanceof DataAccessException d) {
                throw d;
            }
            SQLException sql = e instanceof SQLException s ? s : new SQLException(e.getMessage(), "08001", e);
            throw new DataAccessException("cannot start a scratch PostgreSQL in " + dir, sql);
        }
    }

    /** A new database with the demo data as loaded at {@link #start()}; the caller closes it. */
    @SuppressFBWarnings(
            value = "SQL_INJECTION_JDBC",
            justification = "the name is generated ('scratch_' + a counter); CREATE DATABASE takes no parameters")
    public synchronized Database fresh() {
        String name = "scratch_" + seq.incrementAndGet();
        String url = "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", null);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE " + EmbeddedCluster.DATABASE);
        } catch (SQLException e) {
            throw new DataAccessException("cannot clone the scratch template", e);
        }
        return Database.start(config(cluster, name, false));
    }

    /** Stops PostgreSQL and deletes its directory. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (IOException e) {
            log.warn("scratch PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
        deleteQuietly(dir);
    }

    private static DbConfig config(EmbeddedCluster cluster, String database, boolean demo) {
        String url = "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + database;
        return new DbConfig(
                url,
                "postgres",
                null,
                Path.of(System.getProperty("java.io.tmpdir")),
                POOL_SIZE,
                demo,
                Duration.ofSeconds(5));
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.debug("cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
