package io.hotline.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.db.Database;
import io.hotline.db.DbConfig;
import io.hotline.db.TestDatabase;
import io.hotline.emulator.ami.AmiEmulator;
import io.hotline.emulator.ami.AmiTranscript;
import io.hotline.telephony.ami.AmiLink;
import io.hotline.telephony.queue.LinkLease;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.telephony.queue.QueueEventSink;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several Hotline nodes on one database, one Asterisk: exactly one node holds the AMI link at a time
 * ({@link LinkLeases}), and when it dies another takes over. The takeover time after a holder process is killed is
 * the figure in BENCHMARKS.md ({@code -Dhotline.takeover.rounds=N} for more rounds; written to
 * {@code target/lease-takeover.txt}).
 */
@DisplayName("Link leases between nodes")
class LeaseTakeoverIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static final String LEASE = "ami:pbx-a";
    static final String SECRET = "lease-secret";
    static final Duration INTERVAL = Duration.ofMillis(500);
    static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        toClose.clear();
    }

    /** A second connection pool on the same database: another node. */
    Database otherNode() throws Exception {
        String url;
        try (Connection c = DB.dataSource().getConnection()) {
            url = c.getMetaData().getURL();
        }
        var db =
                Database.start(new DbConfig(url, "postgres", null, Path.of("target"), 4, false, Duration.ofSeconds(5)));
        toClose.add(db);
        return db;
    }

    <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    static io.hotline.telephony.ami.AmiServer server(int port, String secret) {
        return LeaseHolderMain.server(port, secret);
    }

    @Test
    @DisplayName("of two nodes one holds the link and the other stands by, naming the holder; when the holder stops,"
            + " the other takes over")
    void oneHolderAtATime() throws Exception {
        AmiEmulator pbx = closing(new AmiEmulator(AmiTranscript.load("ami-queue.txt"), "hotline", SECRET));
        var leasesA = closing(LinkLeases.start(DB.dataSource(), "node-a", INTERVAL));
        LinkLease leaseA = leasesA.lease(LEASE);
        await("node A holds the lease").atMost(WAIT).until(leaseA::held);
        var linkA = closing(link(pbx, leaseA));
        await("node A's link up").atMost(WAIT).until(() -> linkA.status().state() == LinkStatus.State.CONNECTED);

        var leasesB = closing(LinkLeases.start(otherNode().dataSource(), "node-b", INTERVAL));
        var linkB = closing(link(pbx, leasesB.lease(LEASE)));
        await("node B stands by")
                .atMost(WAIT)
                .until(() -> linkB.status().state() == LinkStatus.State.STANDBY
                        && linkB.status().detail().contains("node-a"));
        assertThat(pbx.connectedClients()).isEqualTo(1);

        linkA.close();
        leasesA.close(); // node A shuts down: gives its lease back
        await("node B takes over").atMost(WAIT).until(() -> linkB.status().state() == LinkStatus.State.CONNECTED);
        assertThat(pbx.logins()).isEqualTo(2);
        assertThat(pbx.mostLoggedInAtOnce()).as("AMI sessions at the same time").isEqualTo(1);
    }

    @Test
    @DisplayName("a holder whose database connection is cut lets go of its link; one node holds it afterwards")
    void holderLosesItsDatabaseConnection() throws Exception {
        AmiEmulator pbx = closing(new AmiEmulator(AmiTranscript.load("ami-queue.txt"), "hotline", SECRET));
        var leasesA = closing(LinkLeases.start(DB.dataSource(), "node-a", INTERVAL));
        var linkA = closing(link(pbx, leasesA.lease(LEASE)));
        await("node A's link up").atMost(WAIT).until(() -> linkA.status().state() == LinkStatus.State.CONNECTED);
        var leasesB = closing(LinkLeases.start(otherNode().dataSource(), "node-b", INTERVAL));
        var linkB = closing(link(pbx, leasesB.lease(LEASE)));
        await("node B stands by").atMost(WAIT).until(() -> linkB.status().state() == LinkStatus.State.STANDBY);

        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, "hotline-leases:node-a");
            ps.execute();
        }
        await("node A lets go of the link")
                .atMost(WAIT)
                .until(() -> linkA.status().state() != LinkStatus.State.CONNECTED || pbx.logins() > 1);
        await("one node holds the link again")
                .atMost(WAIT)
                .until(() -> (linkA.status().state() == LinkStatus.State.CONNECTED)
                        != (linkB.status().state() == LinkStatus.State.CONNECTED));
        assertThat(pbx.mostLoggedInAtOnce()).as("AMI sessions at the same time").isEqualTo(1);
    }

    @Test
    @DisplayName("when the holder's process is killed the standby node takes the AMI link over (the takeover time)")
    void killedHolderIsTakenOver() throws Exception {
        int rounds = Integer.getInteger("hotline.takeover.rounds", 3);
        AmiEmulator pbx = closing(new AmiEmulator(AmiTranscript.load("ami-queue.txt"), "hotline", SECRET));
        String url;
        try (Connection c = DB.dataSource().getConnection()) {
            url = c.getMetaData().getURL();
        }
        List<Long> millis = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Process holder = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-cp",
                            System.getProperty("java.class.path"),
                            LeaseHolderMain.class.getName(),
                            url,
                            "postgres",
                            "killed-" + round,
                            Integer.toString(pbx.port()),
                            SECRET,
                            Long.toString(INTERVAL.toMillis()))
                    .redirectErrorStream(true)
                    .start();
            try {
                CompletableFuture<Void> holding = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> {
                    try (var r = new BufferedReader(
                            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            if (line.equals("HOLDING")) {
                                holding.complete(null);
                            }
                        }
                    } catch (java.io.IOException e) {
                        holding.completeExceptionally(e);
                    }
                });
                holding.get(60, TimeUnit.SECONDS);
                int before = pbx.logins();

                var leasesB = LinkLeases.start(DB.dataSource(), "standby", INTERVAL);
                AtomicLong upAt = new AtomicLong();
                var linkB = new AmiLink(
                        server(pbx.port(), SECRET),
                        leasesB.lease(LEASE),
                        QueueEventSink.NONE,
                        s -> {
                            if (s.state() == LinkStatus.State.CONNECTED) {
                                upAt.compareAndSet(0, System.nanoTime());
                            }
                        },
                        Clock.systemUTC());
                try {
                    linkB.start();
                    await("the standby node stands by")
                            .atMost(WAIT)
                            .until(() -> linkB.status().state() == LinkStatus.State.STANDBY);
                    long killedAt = System.nanoTime();
                    holder.destroyForcibly(); // SIGKILL: no clean-up, as a crashed node
                    assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
                    await("the standby node takes over").atMost(WAIT).until(() -> upAt.get() != 0);
                    millis.add((upAt.get() - killedAt) / 1_000_000);
                    assertThat(pbx.logins()).isEqualTo(before + 1);
                } finally {
                    linkB.close();
                    leasesB.close();
                }
            } finally {
                holder.destroyForcibly();
            }
        }
        assertThat(pbx.mostLoggedInAtOnce()).as("AMI sessions at the same time").isEqualTo(1);
        List<Long> sorted = millis.stream().sorted().toList();
        String report = "AMI link takeover after the holder was killed (SIGKILL), lease interval "
                + INTERVAL.toMillis() + " ms, " + rounds + " rounds, " + Instant.now() + ": " + millis
                + " ms; median " + sorted.get(sorted.size() / 2) + " ms, max " + sorted.getLast() + " ms";
        System.out.println(report);
        Files.writeString(Path.of("target", "lease-takeover.txt"), report + "\n");
    }

    private AmiLink link(AmiEmulator pbx, LinkLease lease) {
        var link = new AmiLink(server(pbx.port(), SECRET), lease, QueueEventSink.NONE, s -> {}, Clock.systemUTC());
        link.start();
        return link;
    }
}
