package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import io.hotline.connectors.MemoryGateway;
import io.hotline.connectors.SmsConfig;
import io.hotline.connectors.SmsSender;
import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.db.Tx;
import io.hotline.wallet.ResetCode;
import io.hotline.wallet.SmsDispatch.SmsSent;
import io.hotline.wallet.Wallet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("POST /api/v1/reset-codes/verify")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResetCodeApiIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "service-token-abcdefghijklmnopqrstuvwxyz-0123";
    private static final AtomicLong NEXT = new AtomicLong(17_000_000_000L + (System.nanoTime() % 1_000_000) * 1000);

    private final MutableClock clock = MutableClock.now();
    private Wallet wallet;
    private SmsSender sender;
    private MemoryGateway phones;
    private Vertx vertx;
    private HttpServer server;
    private HttpServer off;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        wallet = new Wallet(DB.dataSource(), clock);
        phones = new MemoryGateway();
        sender = new SmsSender(wallet.outbox(), phones, SmsConfig.forTests(), "test", clock);
        vertx = Vertx.vertx();
        Router on = Router.router(vertx);
        ResetCodeApi.withToken(wallet, TOKEN).mount(on);
        server = vertx.createHttpServer()
                .requestHandler(on)
                .listen(0, "127.0.0.1")
                .await();
        Router none = Router.router(vertx);
        ResetCodeApi.withToken(wallet, null).mount(none);
        off = vertx.createHttpServer()
                .requestHandler(none)
                .listen(0, "127.0.0.1")
                .await();
    }

    @AfterAll
    void stop() {
        vertx.close().await();
        sender.close();
    }

    @Test
    @DisplayName(
            "the right code is valid once: a second use finds no valid code; both checks are audited without the code")
    void singleUse() throws Exception {
        String msisdn = account();
        String code = sendCode(msisdn);

        assertThat(verify(msisdn, code)).isEqualTo("valid");
        assertThat(verify(msisdn, code)).isEqualTo("no_valid_code");

        assertThat(count(
                        "SELECT count(*) FROM audit_log WHERE action = 'reset_code_verified' AND actor = 'api:reset-codes' "
                                + "AND subject = (SELECT 'account:' || id FROM accounts WHERE msisdn = ?)",
                        msisdn))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE detail::text LIKE ?", "%" + code + "%"))
                .isZero();
    }

    @Test
    @DisplayName("international forms of the number find the same account")
    void internationalNumber() throws Exception {
        String msisdn = account();
        String code = sendCode(msisdn);
        assertThat(verify("+86 " + msisdn, code)).isEqualTo("valid");
    }

    @Test
    @DisplayName("three wrong tries make the code void, even for the right code afterwards")
    void triesPerCode() throws Exception {
        String msisdn = account();
        String code = sendCode(msisdn);
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(verify(msisdn, wrong)).isEqualTo("wrong");
        assertThat(verify(msisdn, wrong)).isEqualTo("wrong");
        assertThat(verify(msisdn, wrong)).isEqualTo("wrong");
        assertThat(verify(msisdn, code)).isEqualTo("no_valid_code");
    }

    @Test
    @DisplayName("five wrong tries within the hour lock the account's checks, across codes, until the hour has passed")
    void triesPerAccount() throws Exception {
        String msisdn = account();
        String first = sendCode(msisdn);
        String wrong1 = first.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 3; i++) {
            assertThat(verify(msisdn, wrong1)).isEqualTo("wrong");
        }
        String second = sendCode(msisdn);
        String wrong2 = second.equals("000000") ? "111111" : "000000";
        assertThat(verify(msisdn, wrong2)).isEqualTo("wrong");
        assertThat(verify(msisdn, wrong2)).isEqualTo("wrong");
        assertThat(verify(msisdn, second))
                .as("the right code, but the account is locked")
                .isEqualTo("locked");
        clock.advance(Duration.ofMinutes(61));
        String third = sendCode(msisdn);
        assertThat(verify(msisdn, third)).isEqualTo("valid");
    }

    @Test
    @DisplayName("a code expires after ten minutes; a newer code replaces the older one")
    void expiryAndNewest() throws Exception {
        String msisdn = account();
        String old = sendCode(msisdn);
        clock.advance(Duration.ofMinutes(11));
        assertThat(verify(msisdn, old)).isEqualTo("no_valid_code");

        String a = sendCode(msisdn);
        String b = sendCode(msisdn);
        if (!a.equals(b)) {
            assertThat(verify(msisdn, a)).isEqualTo("wrong");
        }
        assertThat(verify(msisdn, b)).isEqualTo("valid");
    }

    @Test
    @DisplayName("a code whose SMS the centre never accepted cannot be used")
    void onlyAcceptedCodes() throws Exception {
        String msisdn = account();
        long id = wallet.findByMsisdn(msisdn).orElseThrow().id();
        ResetCode rc = wallet.sendResetCode(id, "call-api", "en"); // queued, never sent
        assertThat(rc.messageId()).isPositive();
        assertThat(verify(msisdn, "123456")).isIn("no_valid_code");
        assertThat(verify("13000000000", "123456")).as("no such account").isEqualTo("no_valid_code");
    }

    @Test
    @DisplayName(
            "no token, a wrong token or a console cookie: 401; the API is off (503) until HOTLINE_RESET_API_TOKEN is set")
    void authentication() throws Exception {
        String body = "{\"msisdn\":\"13800138000\",\"code\":\"123456\"}";
        assertThat(post(server, body, null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = post(server, body, "Bearer " + TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(http.send(
                                HttpRequest.newBuilder(uri(server))
                                        .header("Cookie", "hotline_session=abc")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> disabled = post(off, body, "Bearer " + TOKEN);
        assertThat(disabled.statusCode()).isEqualTo(503);
        assertThat(disabled.body()).contains("HOTLINE_RESET_API_TOKEN");
        assertThat(http.send(
                                HttpRequest.newBuilder(uri(server))
                                        .header("Authorization", "Bearer " + TOKEN)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(405);
    }

    @Test
    @DisplayName("bad input is 400 naming the field, never 500")
    void badInput() throws Exception {
        Map<String, String> cases = Map.of(
                "", "body",
                "not json", "body",
                "[1,2]", "body",
                "{\"code\":\"123456\"}", "msisdn",
                "{\"msisdn\":13800138000,\"code\":\"123456\"}", "msisdn",
                "{\"msisdn\":\"138 abc\",\"code\":\"123456\"}", "msisdn",
                "{\"msisdn\":\"13800138000\"}", "code",
                "{\"msisdn\":\"13800138000\",\"code\":123456}", "code",
                "{\"msisdn\":\"13800138000\",\"code\":\"12345\"}", "code",
                "{\"msisdn\":\"13800138000\",\"code\":\"12345\\u0000\"}", "code");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = post(server, c.getKey(), "Bearer " + TOKEN);
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText())
                    .as(c.getKey())
                    .startsWith(c.getValue() + ":");
        }
    }

    @Test
    @DisplayName("a token shorter than 32 characters is refused at start, naming the key")
    void shortToken() {
        Assertions.assertThatThrownBy(
                        () -> ResetCodeApi.from(Settings.from(Map.of("HOTLINE_RESET_API_TOKEN", "short")), wallet))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_RESET_API_TOKEN:");
    }

    private String account() {
        String msisdn = Long.toString(NEXT.incrementAndGet());
        Tx.inTransaction(DB.dataSource(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO accounts (msisdn, holder_name, status) VALUES (?, 'Test Holder', 'active')")) {
                ps.setString(1, msisdn);
                return ps.executeUpdate();
            }
        });
        return msisdn;
    }

    /** A reset code really sent (to the memory gateway), as the phone got it. */
    private String sendCode(String msisdn) {
        long id = wallet.findByMsisdn(msisdn).orElseThrow().id();
        ResetCode rc = wallet.sendResetCode(id, "call-api", "en");
        assertThat(sender.sendNow(rc.messageId(), Duration.ofSeconds(2))).isEqualTo(SmsSent.ACCEPTED);
        Matcher m = Pattern.compile("code is ([0-9]{6})\\.")
                .matcher(phones.lastTo(msisdn).orElseThrow().text());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private String verify(String msisdn, String code) throws Exception {
        HttpResponse<String> r =
                post(server, JSON.writeValueAsString(Map.of("msisdn", msisdn, "code", code)), "Bearer " + TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        return body.path("result").asText();
    }

    private HttpResponse<String> post(HttpServer s, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(s))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(HttpServer s) {
        return URI.create("http://127.0.0.1:" + s.actualPort() + ResetCodeApi.PATH);
    }

    private long count(String sql, Object... args) {
        return Tx.withConnection(DB.dataSource(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
