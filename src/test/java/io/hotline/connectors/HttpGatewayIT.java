package io.hotline.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hotline.db.TestDatabase;
import io.hotline.wallet.ResetCode;
import io.hotline.wallet.SmsDispatch.SmsSent;
import io.hotline.wallet.SmsOutbox;
import io.hotline.wallet.Wallet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("SMS through an HTTP provider's webhook, against a real local HTTP server")
class HttpGatewayIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "provider-token-0123456789";

    /** One request as the provider received it. */
    record Received(String idempotencyKey, String authorization, JsonNode body) {}

    private final Wallet wallet = new Wallet(DB.dataSource(), Clock.systemDefaultZone());
    private final SmsOutbox outbox = wallet.outbox();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Status codes to answer, in order; 200 with an id after them. */
    private final ConcurrentLinkedDeque<Integer> script = new ConcurrentLinkedDeque<>();

    private HttpServer provider;
    private SmsSender sender;
    private SmsConfig config;

    @BeforeEach
    void start() throws IOException {
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/send", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            received.add(new Received(
                    ex.getRequestHeaders().getFirst("Idempotency-Key"),
                    ex.getRequestHeaders().getFirst("Authorization"),
                    body));
            Integer status = script.poll();
            byte[] answer = status == null
                    ? ("{\"id\":\"prov-" + received.size() + "\"}").getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status == null ? 200 : status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                ex.getResponseBody().write(answer);
            }
            ex.close();
        });
        provider.start();
        config = SmsTestSupport.quick()
                .with(new SmsConfig.Http(
                        URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/send"), TOKEN));
        sender = new SmsSender(outbox, config.newGateway(), config, "node-a", Clock.systemDefaultZone()).start();
    }

    @AfterEach
    void stop() {
        sender.close();
        provider.stop(0);
        SmsTestSupport.settleAll(DB.dataSource());
    }

    @Test
    @DisplayName(
            "a reset code is posted once with the bearer token and an idempotency key, and the provider's id recorded")
    void accepted() {
        Object[] acc = SmsTestSupport.account(DB.dataSource());
        ResetCode rc = wallet.sendResetCode((long) acc[0], "call-http-1", "en");

        assertThat(sender.sendNow(rc.messageId(), Duration.ofSeconds(2))).isEqualTo(SmsSent.ACCEPTED);

        assertThat(received).hasSize(1);
        Received r = received.getFirst();
        assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(r.idempotencyKey()).isEqualTo("hotline-sms-" + rc.messageId());
        assertThat(r.body().path("to").asText()).isEqualTo(acc[1]);
        assertThat(r.body().path("from").asText()).isEqualTo("Hotline");
        assertThat(r.body().path("text").asText()).containsPattern("code is [0-9]{6}\\.");
        assertThat(outbox.status(rc.messageId()).orElseThrow().providerId()).isEqualTo("prov-1");
    }

    @Test
    @DisplayName("429 and 503 are retried with the same idempotency key until accepted")
    void retriedWithTheSameKey() {
        script.add(429);
        script.add(503);
        long id = outbox.enqueueText(SmsTestSupport.number(), "Your complaint C-7 was answered.", "en");
        sender.wake();

        SmsTestSupport.eventually()
                .until(() -> "accepted".equals(outbox.status(id).orElseThrow().status()));
        assertThat(received).hasSize(3).extracting(Received::idempotencyKey).containsOnly("hotline-sms-" + id);
        assertThat(outbox.status(id).orElseThrow().attempts()).isEqualTo(3);
    }

    @Test
    @DisplayName("a 400 is a refusal for good: failed after one try; in a call, the caller is told it was not sent")
    void refused() {
        script.add(400);
        long id = outbox.enqueueText(SmsTestSupport.number(), "Your complaint C-8 was answered.", "en");
        sender.wake();
        SmsTestSupport.eventually()
                .until(() -> "failed".equals(outbox.status(id).orElseThrow().status()));
        assertThat(outbox.status(id).orElseThrow().lastError()).contains("HTTP 400");

        script.add(400);
        Object[] acc = SmsTestSupport.account(DB.dataSource());
        ResetCode rc = wallet.sendResetCode((long) acc[0], "call-http-2", "en");
        assertThat(sender.sendNow(rc.messageId(), Duration.ofSeconds(2))).isEqualTo(SmsSent.NOT_SENT);
        assertThat(outbox.status(rc.messageId()).orElseThrow().status()).isEqualTo("cancelled");
    }

    @Test
    @DisplayName("a provider that is not listening: the message waits and is retried, not lost")
    void connectionRefused() throws Exception {
        provider.stop(0);
        long id = outbox.enqueueText(SmsTestSupport.number(), "Your complaint C-9 was answered.", "en");
        sender.wake();
        SmsTestSupport.eventually().until(() -> outbox.status(id).orElseThrow().lastError() != null);
        assertThat(outbox.status(id).orElseThrow().lastError()).contains("UNAVAILABLE");
        assertThat(outbox.status(id).orElseThrow().status()).isIn("pending", "sending");
    }
}
