package io.hotline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hotline.wallet.AccountStatus;
import io.hotline.wallet.Wallet;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Starting and stopping the database")
class DatabaseIT {

    @Test
    @DisplayName("the embedded database keeps its data across a restart and loads the demo data only the first time")
    void restartKeepsData(@TempDir Path dataDir) {
        long liWei;
        try (Database db = Database.start(DbConfig.embedded(dataDir))) {
            assertThat(db.isEmbedded()).isTrue();
            assertThat(db.demoLoaded()).isTrue();
            assertThat(Files.exists(dataDir.resolve("pg/postgresql.conf"))).isTrue();
            assertThat(dataDir.resolve("pg.port"))
                    .content()
                    .isEqualToIgnoringNewLines(db.embeddedPort().orElseThrow().toString());
            Wallet wallet = new Wallet(db.dataSource(), Clock.systemUTC());
            liWei = wallet.findByMsisdn(DemoData.LI_WEI).orElseThrow().id();
            wallet.freeze(liWei, "call-restart", "ivr", "stolen");
        }
        assertThat(dataDir.resolve("pg.port")).doesNotExist();
        assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();

        try (Database db = Database.start(DbConfig.embedded(dataDir))) {
            assertThat(db.demoLoaded()).isFalse();
            Wallet wallet = new Wallet(db.dataSource(), Clock.systemUTC());
            assertThat(wallet.findById(liWei).orElseThrow().status()).isEqualTo(AccountStatus.FROZEN);
            assertThat(count(db, "SELECT count(*) FROM accounts")).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("the embedded database a server runs on writes a commit to disk before it returns, so a freeze"
            + " the caller heard of survives a PostgreSQL crash")
    void embeddedCommitsAreDurable(@TempDir Path dataDir) throws Exception {
        try (Database db = Database.start(DbConfig.embedded(dataDir));
                var c = db.dataSource().getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
        }
    }

    @Test
    @DisplayName("a second server on the same data directory is refused and the running one is left alone")
    void dataDirInUse(@TempDir Path dataDir) {
        try (Database db = Database.start(DbConfig.embedded(dataDir))) {
            assertThatThrownBy(() -> Database.start(DbConfig.embedded(dataDir)))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("in use");
            assertThat(count(db, "SELECT count(*) FROM accounts")).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("a postmaster.pid naming a live process that is not our PostgreSQL does not stop the start")
    void stalePidOfOtherProcess(@TempDir Path dataDir) throws Exception {
        Database.start(DbConfig.embedded(dataDir)).close();
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            Path pid = dataDir.resolve("pg/postmaster.pid");
            Files.writeString(
                    pid, unrelated.pid() + "\n" + dataDir.resolve("pg").toAbsolutePath() + "\n");
            try (Database db = Database.start(DbConfig.embedded(dataDir))) {
                assertThat(count(db, "SELECT count(*) FROM accounts")).isEqualTo(3);
            }
            assertThat(unrelated.isAlive())
                    .as("the unrelated process is left alone")
                    .isTrue();
        } finally {
            unrelated.destroy();
        }
    }

    @Test
    @DisplayName("a PostgreSQL left running by a crashed run on the same data directory is stopped and replaced")
    void orphanedPostmaster(@TempDir Path dataDir) throws Exception {
        Database.start(DbConfig.embedded(dataDir)).close();
        Path pgDir = dataDir.resolve("pg").toAbsolutePath();
        // what a JVM killed with SIGKILL leaves behind: its postgres, still running on the data directory
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; zonky runs it in a user namespace the same way
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                postgresBinary().toString(),
                "-D",
                pgDir.toString(),
                "-p",
                Integer.toString(freePort()),
                "-c",
                "listen_addresses=127.0.0.1"));
        Process orphan = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("orphan.log").toFile())
                .start();
        try {
            await("the orphan postgres writes its pid file")
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> Files.exists(pgDir.resolve("postmaster.pid")) || !orphan.isAlive());
            assertThat(orphan.isAlive())
                    .as("orphan postgres running; see orphan.log")
                    .isTrue();
            assertThat(pgDir.resolve("postmaster.pid")).exists();
            try (Database db = Database.start(DbConfig.embedded(dataDir))) {
                assertThat(count(db, "SELECT count(*) FROM accounts")).isEqualTo(3);
                assertThat(orphan.isAlive()).isFalse();
            }
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    @DisplayName("an existing external database gets demo data only with HOTLINE_DB_DEMO=true, and only once")
    void demoFlagOnExternalDatabase() throws Exception {
        String name = "ext_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl("postgres"))) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        DbConfig external = new DbConfig(
                TestDatabase.jdbcUrl(name), "postgres", null, Path.of("target"), 4, false, Duration.ofSeconds(5));
        try (Database db = Database.start(external)) {
            assertThat(db.isEmbedded()).isFalse();
            assertThat(db.demoLoaded()).isFalse();
            assertThat(count(db, "SELECT count(*) FROM accounts")).isZero();
        }
        try (Database db = Database.start(external.withDemo(true))) {
            assertThat(db.demoLoaded()).isTrue();
        }
        try (Database db = Database.start(external.withDemo(true))) {
            assertThat(db.demoLoaded()).isFalse();
            assertThat(count(db, "SELECT count(*) FROM accounts")).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("an external database that is down fails the start within the start wait, as an outage")
    void externalDown() throws Exception {
        DbConfig down = new DbConfig(
                "jdbc:postgresql://127.0.0.1:" + freePort() + "/hotline",
                "u",
                "p",
                Path.of("target"),
                2,
                false,
                Duration.ofMillis(500));
        // the start gives up (HOTLINE_DB_START_WAIT, here 500 ms) with an error that says so; that it
        // returns at all is the point, so no wall-clock bound on a shared machine
        assertThatThrownBy(() -> Database.start(down))
                .isInstanceOfSatisfying(
                        DataAccessException.class,
                        e -> assertThat(e.isUnavailable()).isTrue())
                .hasMessageContaining("cannot start database at jdbc:postgresql://127.0.0.1:");
    }

    private static long count(Database db, String sql) {
        return Tx.withConnection(db.dataSource(), c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The postgres binary zonky unpacked for this JVM. */
    private static Path postgresBinary() throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> found = dirs.map(d -> d.resolve("bin/postgres"))
                    .filter(Files::isExecutable)
                    .toList();
            assertThat(found).isNotEmpty();
            return found.getFirst();
        }
    }
}
