package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.TestDatabase;
import io.hotline.wallet.SmsOutbox;
import io.hotline.wallet.Wallet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("POST /api/v1/sms/receipts")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsReceiptApiIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final String TOKEN = "provider-receipts-0123456789abcdefghijkl";

    private final SmsOutbox outbox = new Wallet(DB.dataSource(), Clock.systemDefaultZone()).outbox();
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private HttpServer server;

    @BeforeAll
    void start() {
        vertx = Vertx.vertx();
        Router r = Router.router(vertx);
        SmsReceiptApi.withToken(outbox, TOKEN).mount(r);
        server = vertx.createHttpServer()
                .requestHandler(r)
                .listen(0, "127.0.0.1")
                .await();
    }

    @AfterAll
    void stop() {
        vertx.close().await();
    }

    @Test
    @DisplayName(
            "a provider's receipt is recorded on the message it accepted; an unknown id is 404, bad input 400 naming the field")
    void receipts() throws Exception {
        long id = outbox.enqueueText("13811112222", "Your complaint C-10 was answered.", "en");
        // as the HTTP gateway's sender leaves it: accepted by the provider as prov-77
        var m = outbox.claimDue("node-a", 100, java.time.Duration.ofSeconds(30)).stream()
                .filter(x -> x.id() == id)
                .findFirst()
                .orElseThrow();
        assertThat(outbox.accepted(m, "http", "prov-77")).isTrue();
        assertThat(post("{\"id\":\"prov-77\",\"status\":\"delivrd\",\"at\":\"2026-12-01T10:02:05Z\"}", TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(outbox.status(id).orElseThrow().deliveryStatus()).isEqualTo("DELIVRD");
        assertThat(post("{\"id\":\"prov-nope\",\"status\":\"DELIVRD\"}", TOKEN).statusCode())
                .isEqualTo(404);
        for (var c : List.of(
                List.of("{}", "id:"),
                List.of("{\"id\":\"p 1\",\"status\":\"X\"}", "id:"),
                List.of("{\"id\":\"p1\"}", "status:"),
                List.of("{\"id\":\"p1\",\"status\":\"OK\",\"at\":\"soon\"}", "at:"),
                List.of("nope", "body:"))) {
            HttpResponse<String> r = post(c.get(0), TOKEN);
            assertThat(r.statusCode()).as(c.get(0)).isEqualTo(400);
            assertThat(r.body()).as(c.get(0)).contains("\"error\":\"" + c.get(1));
        }
        assertThat(post("{\"id\":\"prov-77\",\"status\":\"DELIVRD\"}", "wrong").statusCode())
                .isEqualTo(401);
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + SmsReceiptApi.PATH))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
