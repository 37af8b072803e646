package io.hotline.telephony.ari;

import static io.hotline.emulator.ari.CallerScript.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.call.Call;
import io.hotline.cluster.LinkLeases;
import io.hotline.db.Database;
import io.hotline.db.DbConfig;
import io.hotline.db.TestDatabase;
import io.hotline.emulator.ari.AriEmulator;
import io.hotline.emulator.ari.EmulatedChannel;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Hotline nodes, one Asterisk (the ARI fake, which lets a second WebSocket take the application over from the
 * first as Asterisk does): only the node holding the lease {@code ari:<server>} registers the Stasis application;
 * the other stands by and takes it over, with the calls waiting in it, when the holder dies.
 */
@DisplayName("The Stasis application held by one node at a time")
class AriLeaseIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration INTERVAL = Duration.ofMillis(300);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final BlockingQueue<String> served = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    AriClient node(String node, AriEmulator fake, LinkLeases leases) {
        Vertx vertx = Vertx.vertx();
        toClose.add(
                () -> vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        var client = new AriClient(
                vertx,
                AriFakes.config(fake),
                (Call call) -> {
                    served.add(node + " " + call.info().extra().get("pbx") + " "
                            + call.info().callId());
                    call.hangup();
                },
                "pbx-a",
                leases.lease("ari:pbx-a"));
        client.start();
        toClose.add(
                () -> client.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        return client;
    }

    @Test
    @DisplayName("the standby node never opens a second WebSocket, and takes the application and its waiting"
            + " calls over when the holder loses its lease")
    void takeover() throws Exception {
        AriEmulator fake = AriFakes.start();
        toClose.add(fake);
        var leasesA = LinkLeases.start(DB.dataSource(), "node-a", INTERVAL);
        toClose.add(leasesA);
        AriClient a = node("node-a", fake, leasesA);
        await("node A registered the application").atMost(WAIT).until(a::isConnected);

        String url;
        try (Connection c = DB.dataSource().getConnection()) {
            url = c.getMetaData().getURL();
        }
        Database other =
                Database.start(new DbConfig(url, "postgres", null, Path.of("target"), 4, false, Duration.ofSeconds(5)));
        toClose.add(other);
        var leasesB = LinkLeases.start(other.dataSource(), "node-b", INTERVAL);
        toClose.add(leasesB);
        AriClient b = node("node-b", fake, leasesB);
        await("node B stands by").atMost(WAIT).until(() -> b.state() == AriLinkState.STANDBY);

        EmulatedChannel first = fake.dial("13800138000", caller());
        assertThat(served.poll(10, TimeUnit.SECONDS)).isEqualTo("node-a pbx-a " + first.id());
        assertThat(first.left().get(10, TimeUnit.SECONDS)).isEqualTo("hung up by the application");
        assertThat(fake.openEventLinks()).isEqualTo(1);

        // node A loses its database for good (its lease with it): it lets the application go
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, "hotline-leases:node-a");
            ps.execute();
        }
        leasesA.close();
        await("node A lets go").atMost(WAIT).until(() -> a.state() == AriLinkState.STANDBY);
        // a caller arrives while nobody holds the application: Asterisk keeps it in Stasis
        EmulatedChannel waiting = fake.park("13900139000", caller());
        await("node B takes over").atMost(WAIT).until(b::isConnected);
        assertThat(served.poll(10, TimeUnit.SECONDS)).isEqualTo("node-b pbx-a " + waiting.id());
        EmulatedChannel next = fake.dial("13700137000", caller());
        assertThat(served.poll(10, TimeUnit.SECONDS)).isEqualTo("node-b pbx-a " + next.id());

        assertThat(fake.replacements())
                .as("WebSockets that took the application from another")
                .isZero();
        assertThat(fake.violations()).isEmpty();
    }
}
