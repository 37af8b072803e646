package io.hotline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.CallInfo;
import io.hotline.console.Console;
import io.hotline.console.ConsoleConfig;
import io.hotline.db.TestDatabase;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.users.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /metrics and /ready on the console's web server, fed by calls through the engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Operations endpoints")
class OpsEndpointsIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    Hotline hotline;
    HotlineMetrics metrics;
    Console console;
    final AtomicBoolean telephonyUp = new AtomicBoolean(true);
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        metrics = new HotlineMetrics();
        hotline.engine().addListener(metrics.calls());
        metrics.link("agi", telephonyUp::get);
        var ops = new OpsEndpoints(metrics)
                .check("database", () -> hotline.database().reachable())
                .check("flows", () -> !hotline.flows().current().flows().isEmpty())
                .check("agi", telephonyUp::get);
        console = Console.start(hotline.consoleSetup(
                        ConsoleConfig.forTests(1_000, Duration.ofSeconds(30)),
                        new Users(DB.dataSource(), Clock.systemUTC()))
                .withRoutes(ops::mount));
    }

    @AfterAll
    void stop() {
        console.close();
        metrics.close();
        hotline.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName(
            "after a stolen-account call, /metrics shows the journey's outcome, the hand-off, action latencies and no call in progress")
    void metricsAfterACall() throws Exception {
        var call = new SimCall(
                new CallInfo("ops-1", "13800138000", "", "en", "main", "sim", Map.of()),
                new ScriptedCaller("2 1"),
                null);
        assertThat(hotline.engine().run(call).queue()).isEqualTo("fraud");

        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String body = r.body();
        assertThat(body)
                .contains("hotline_calls_ended_total{queue=\"fraud\",reason=\"queued\"} 1.0")
                .contains("hotline_queue_handoffs_total{queue=\"fraud\",ticket=\"yes\"} 1.0")
                .contains("hotline_calls_in_progress 0.0")
                .contains("hotline_link_up{link=\"agi\"} 1.0")
                .containsPattern(
                        "hotline_action_duration_seconds_bucket\\{action=\"freeze_account\",outcome=\"frozen\",le=\"[0-9.]+\"}")
                .contains("hotline_action_duration_seconds_count{action=\"identify_caller\",outcome=\"ok\"} 1")
                .contains("jvm_memory_used_bytes");
        assertThat(body).doesNotContain("13800138000");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName(
            "/ready is 200 while the database answers, flows are published and telephony listens, and 503 naming the check that fails")
    void readiness() throws Exception {
        HttpResponse<String> up = get("/ready");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body())
                .contains("\"ready\":true")
                .contains("\"database\":true")
                .contains("\"flows\":true");

        telephonyUp.set(false);
        try {
            HttpResponse<String> down = get("/ready");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body())
                    .contains("\"ready\":false")
                    .contains("\"agi\":false")
                    .contains("\"database\":true");
            assertThat(get("/metrics").body()).contains("hotline_link_up{link=\"agi\"} 0.0");
        } finally {
            telephonyUp.set(true);
        }
    }
}
