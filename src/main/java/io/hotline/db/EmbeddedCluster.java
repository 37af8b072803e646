package io.hotline.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL cluster in {@code <data dir>/pg}, kept between runs. Started on a free
 * port chosen at start (written to {@code <data dir>/pg.port} for psql users and logged); a
 * {@code postmaster.pid} left by a crashed run is dealt with first.
 */
final class EmbeddedCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);
    static final String DATABASE = "hotline";

    private final EmbeddedPostgres pg;
    private final Path portFile;
    private final boolean initialised;

    private EmbeddedCluster(EmbeddedPostgres pg, Path portFile, boolean initialised) {
        this.pg = pg;
        this.portFile = portFile;
        this.initialised = initialised;
    }

    /** A cluster whose commits are on disk before they return: what {@code serve} runs on. */
    static EmbeddedCluster start(Path dataDir) throws IOException, SQLException {
        return start(dataDir, true);
    }

    /**
     * @param durable whether a commit waits for its WAL record to reach the disk. zonky's default is
     *                not to ({@code synchronous_commit=off}): a PostgreSQL crash could then lose a freeze
     *                the caller has already been told of. Only throwaway databases (flow tests) skip it.
     */
    static EmbeddedCluster start(Path dataDir, boolean durable) throws IOException, SQLException {
        Path pgDir = dataDir.resolve("pg").toAbsolutePath().normalize();
        Files.createDirectories(pgDir);
        boolean initialised = !Files.exists(pgDir.resolve("postgresql.conf"));
        if (!initialised) {
            refuseIfInUse(pgDir);
            clearStalePid(pgDir);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(pgDir)
                .setCleanDataDirectory(false)
                // the caller (serve) closes us from its own shutdown hook, in order: pool first
                .setRegisterShutdownHook(false)
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .start();
        Path portFile = dataDir.resolve("pg.port");
        try {
            Files.writeString(portFile, pg.getPort() + "\n");
            ensureDatabase(pg);
        } catch (IOException | SQLException | RuntimeException e) {
            pg.close();
            throw e;
        }
        log.info(
                "embedded PostgreSQL {} on 127.0.0.1:{} (database '{}', data in {})",
                initialised ? "created" : "started",
                pg.getPort(),
                DATABASE,
                pgDir);
        return new EmbeddedCluster(pg, portFile, initialised);
    }

    /** True when this start ran initdb (a fresh data directory). */
    boolean initialised() {
        return initialised;
    }

    int port() {
        return pg.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        try {
            pg.close();
        } finally {
            Files.deleteIfExists(portFile);
        }
    }

    private static void ensureDatabase(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
                }
            }
        }
    }

    /**
     * The port of the embedded PostgreSQL another running Hotline keeps in this data directory,
     * if one does (its lock is held and it wrote {@code pg.port}); so that {@code hotline call}
     * next to {@code hotline serve} uses the server's database instead of being refused.
     */
    static Optional<Integer> runningElsewhere(Path dataDir) {
        Path pgDir = dataDir.resolve("pg").toAbsolutePath().normalize();
        Path portFile = dataDir.resolve("pg.port");
        if (!Files.exists(pgDir.resolve("epg-lock")) || !Files.exists(portFile)) {
            return Optional.empty();
        }
        try {
            refuseIfInUse(pgDir);
            return Optional.empty();
        } catch (IOException inUse) {
            if (inUse.getCause() instanceof OverlappingFileLockException) {
                return Optional.empty();
            }
            try {
                return Optional.of(Integer.parseInt(Files.readString(portFile).trim()));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * A running Hotline holds zonky's lock file in the data directory for as long as its PostgreSQL runs;
     * its postmaster must never be mistaken for a crashed run's orphan.
     */
    private static void refuseIfInUse(Path pgDir) throws IOException {
        Path lockFile = pgDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new IOException(pgDir + " is in use by another running Hotline");
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new IOException(pgDir + " is in use by this process already", e);
        }
    }

    /**
     * A crashed run (JVM killed) leaves postmaster.pid behind and maybe its postgres still running.
     * PostgreSQL refuses to start while the pid in that file is alive, even when the pid now belongs
     * to an unrelated process (common after a container restart). So: if the pid is our own orphaned
     * postmaster for this data directory, stop it; otherwise remove the stale file.
     */
    static void clearStalePid(Path pgDir) throws IOException {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            pid = -1;
        }
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        boolean ourPostmaster = process.filter(ProcessHandle::isAlive)
                .filter(p ->
                        p.info().command().map(cmd -> cmd.endsWith("/postgres")).orElse(false))
                .filter(p -> lines.size() > 1
                        && Path.of(lines.get(1).trim())
                                .toAbsolutePath()
                                .normalize()
                                .equals(pgDir))
                .isPresent();
        if (ourPostmaster) {
            ProcessHandle p = process.get();
            log.warn("stopping PostgreSQL (pid {}) left running by an earlier run on {}", pid, pgDir);
            // SIGTERM = smart shutdown: the orphan has no clients left, so it stops promptly
            p.destroy();
            try {
                p.onExit().get(15, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                log.warn("PostgreSQL pid {} did not stop in 15 s; killing it", pid);
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping stale PostgreSQL", e);
            } catch (ExecutionException e) {
                throw new UncheckedIOException(new IOException(e.getCause()));
            }
        } else {
            log.warn("removing stale {} (pid {} is not running PostgreSQL for this directory)", pidFile, pid);
        }
        Files.deleteIfExists(pidFile);
    }
}
