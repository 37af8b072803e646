package io.hotline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.TestDatabase;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueuedCall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The cluster link (LISTEN/NOTIFY)")
class ClusterLinkIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    @DisplayName(
            "a message published on one node arrives on the other and not back on its sender; a large one goes through the table")
    void messagesCross() throws Exception {
        Vertx a = Vertx.vertx();
        Vertx b = Vertx.vertx();
        try (var linkA = ClusterLink.start(a, DB.dataSource(), "a");
                var linkB = ClusterLink.start(b, DB.dataSource(), "b")) {
            assertThat(linkA.listening()).isTrue();
            assertThat(linkB.listening()).isTrue();
            BlockingQueue<JsonObject> atA = new LinkedBlockingQueue<>();
            BlockingQueue<JsonObject> atB = new LinkedBlockingQueue<>();
            a.eventBus().<JsonObject>localConsumer(ClusterLink.IN_PREFIX + "test", m -> atA.add(m.body()));
            b.eventBus().<JsonObject>localConsumer(ClusterLink.IN_PREFIX + "test", m -> atB.add(m.body()));

            a.eventBus()
                    .publish(
                            ClusterLink.OUT,
                            new JsonObject().put("kind", "test").put("body", new JsonObject().put("n", 1)));
            String big = "x".repeat(20_000);
            a.eventBus()
                    .publish(
                            ClusterLink.OUT,
                            new JsonObject()
                                    .put("kind", "test")
                                    .put("body", new JsonObject().put("n", 2).put("big", big)));

            assertThat(atB.poll(10, TimeUnit.SECONDS).getInteger("n")).isEqualTo(1);
            JsonObject second = atB.poll(10, TimeUnit.SECONDS);
            assertThat(second.getInteger("n")).isEqualTo(2);
            assertThat(second.getString("big")).isEqualTo(big);
            // a message from B reaches A after A's own two: A heard nothing of its own
            b.eventBus()
                    .publish(
                            ClusterLink.OUT,
                            new JsonObject().put("kind", "test").put("body", new JsonObject().put("n", 3)));
            assertThat(atA.poll(10, TimeUnit.SECONDS).getInteger("n")).isEqualTo(3);
            assertThat(atA).isEmpty();
            assertThat(linkA.origin()).startsWith("a/");
        } finally {
            a.close().await();
            b.close().await();
        }
    }

    @Test
    @DisplayName("queue events survive the trip as JSON")
    void queueEventsRoundTrip() {
        var call =
                new QueuedCall("Local/100@hotline-1;2", "171.5", "*******8000", Map.of("HOTLINE_TICKET", "T-123456"));
        var at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        QueueEvent e = new QueueEvent.AgentConnected("fraud", call, "Local/agent1@agents", "Agent Fraud 1", 3, at);
        assertThat(QueueEventJson.decode(QueueEventJson.encode(e))).contains(e);
        assertThat(QueueEventJson.decode(new JsonObject().put("type", "Nope").put("event", new JsonObject())))
                .isEmpty();
    }
}
