package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hotline.db.TestDatabase;
import io.hotline.server.Hotline;
import io.hotline.users.Users;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Any body and path parameter on the console's JSON API, sent by a signed-in supervisor with a valid
 * CSRF token (so requests get past sign-in and reach the handlers): the answer is a clear 2xx/4xx with a
 * JSON body, never a 5xx, and the server keeps answering. Admin endpoints are left out (a valid publish
 * would write flow files). Seeds: {@code src/test/resources/io/hotline/console/ConsoleApiFuzzITInputs/}.
 * Fuzz for real: {@code JAZZER_FUZZ=1 mvn verify -Dtest=none -Dit.test=ConsoleApiFuzzIT}.
 */
class ConsoleApiFuzzIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final String[] POSTS = {
        "/api/tickets/%s/notes",
        "/api/tickets/%s/close",
        "/api/accounts/%s/unfreeze",
        "/api/calls/%s/answer",
        "/api/calls/%s/hangup",
        "/api/calls/%s/dismiss"
    };
    private static final String[] GETS = {"/api/tickets/%s", "/api/tickets?queue=%s", "/api/board"};

    static Hotline hotline;
    static Console console;
    static HttpClient http;
    static String csrf;

    @BeforeAll
    static void start() throws Exception {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        Users users = TestUsers.create(DB.dataSource());
        console = Console.start(hotline.consoleSetup(ConsoleConfig.forTests(1_000_000, Duration.ofMinutes(10)), users));
        http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String anonymous = new JsonObject(
                        send(HttpRequest.newBuilder(uri("/api/session")).GET()).body())
                .getString("csrf");
        var signIn = send(HttpRequest.newBuilder(uri("/api/signin"))
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", anonymous)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("login", "sam")
                        .put("password", TestUsers.PASSWORD)
                        .encode())));
        assertThat(signIn.statusCode()).isEqualTo(200);
        csrf = new JsonObject(signIn.body()).getString("csrf");
    }

    @AfterAll
    static void stop() {
        console.close();
        hotline.close();
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + console.port() + path);
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @FuzzTest(maxDuration = "2m")
    void jsonApi(FuzzedDataProvider data) throws Exception {
        // this test is an HTTP client of the console on this machine; Jazzer's SSRF check would flag that
        try (var allowed = BugDetectors.allowNetworkConnections(
                (host, port) -> host.equals("127.0.0.1") || host.equals("localhost"))) {
            request(data);
        }
    }

    private void request(FuzzedDataProvider data) throws Exception {
        boolean post = data.consumeBoolean();
        String param = URLEncoder.encode(data.consumeString(40), StandardCharsets.UTF_8);
        String path = String.format(post ? data.pickValue(POSTS) : data.pickValue(GETS), param);
        var b = HttpRequest.newBuilder(uri(path)).header("X-CSRF-Token", csrf);
        if (post) {
            byte[] body = data.consumeRemainingAsBytes();
            b.header("Content-Type", data.consumeBoolean() ? "application/json" : "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.GET();
        }
        HttpResponse<String> r = send(b);
        assertThat(r.statusCode())
                .as("%s %s -> %s", post ? "POST" : "GET", path, r.body())
                .isBetween(200, 499);
        if (r.statusCode() >= 400 && r.statusCode() != 404) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("json");
            assertThat(new JsonObject(r.body()).getString("error")).isNotBlank();
        }
    }
}
