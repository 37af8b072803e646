package io.hotline.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL of a test's own that the test can stop and start again (an outage), on a data
 * directory the test gives, keeping its data and its port across restarts. The server under test
 * reaches it as an external database ({@link #config()}), through its own pool, so it sees the
 * outage exactly as it would see a database server going away.
 *
 * <p>Not the shared {@link TestDatabase}: stopping that one would stop every other test class.
 */
public final class StoppablePostgres implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres pg;

    private StoppablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Creates the cluster in {@code dataDir} (a fresh temp directory) with a database {@code hotline}. */
    public static StoppablePostgres start(Path dataDir) {
        var p = new StoppablePostgres(dataDir.resolve("pg"), freePort());
        p.startAgain();
        try (Connection c = p.pg.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE hotline");
        } catch (SQLException e) {
            throw new DataAccessException("create database", e);
        }
        return p;
    }

    /** The server's settings for it; demo data is loaded at the server's first start. */
    public DbConfig config() {
        return new DbConfig(jdbcUrl(), "postgres", null, dataDir.getParent(), 5, true, Duration.ofSeconds(5));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/hotline?user=postgres";
    }

    public int port() {
        return port;
    }

    public synchronized boolean running() {
        return pg != null;
    }

    /** Stops PostgreSQL (fast shutdown: open sessions are cut, as in a crash of the database server). */
    public synchronized void stop() {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                pg = null;
            }
        }
    }

    /** Starts it again on the same data directory and port. */
    public synchronized void startAgain() {
        if (pg != null) {
            return;
        }
        try {
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("fsync", "off")
                    .setRegisterShutdownHook(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL on port " + port, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
