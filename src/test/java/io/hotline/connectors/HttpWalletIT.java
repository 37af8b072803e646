package io.hotline.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.db.TestDatabase;
import io.hotline.wallet.Account;
import io.hotline.wallet.FreezeAccount;
import io.hotline.wallet.PinResult;
import io.hotline.wallet.RechargeStatus;
import io.hotline.wallet.ResetCodeSent;
import io.hotline.wallet.Wallet;
import io.hotline.wallet.WalletUnavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP wallet against a real server implementing {@code docs/wallet-api.yaml} over the demo data: each
 * operation gives what the built-in wallet gives on the same tables, and by the end every operation of the document
 * has been called, every request on the document.
 */
@DisplayName("The HTTP wallet against the wallet API document's test server")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpWalletIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LI_WEI = "13800138000";
    private static final String ZHANG_MIN = "13900139000";
    private static final String WANG_FANG = "13700137000";
    private static final String STRANGER = "13600136000";

    private Wallet builtin;
    private SmsSender sms;
    private TestWalletApi api;
    private HttpWallet wallet;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    void start() throws Exception {
        builtin = new Wallet(DB.dataSource(), Clock.systemDefaultZone());
        sms = new SmsSender(
                        builtin.outbox(),
                        new MemoryGateway(),
                        SmsConfig.forTests(),
                        "node-a",
                        Clock.systemDefaultZone())
                .start();
        api = new TestWalletApi().backedBy(builtin, sms);
        wallet = new HttpWallet(
                WalletConfig.Http.of(api.url(), TestWalletApi.TOKEN),
                builtin.callerLimits(),
                meters,
                Clock.systemDefaultZone());
    }

    @AfterAll
    void everyOperationOnTheDocument() {
        try {
            assertThat(api.violations())
                    .as("requests and answers off docs/wallet-api.yaml")
                    .isEmpty();
            assertThat(api.exercised())
                    .as("operations of docs/wallet-api.yaml called")
                    .containsExactlyInAnyOrderElementsOf(api.operations());
        } finally {
            wallet.close();
            api.close();
            sms.close();
        }
    }

    private long id(String msisdn) {
        return builtin.findByMsisdn(msisdn).orElseThrow().id();
    }

    @Test
    @DisplayName(
            "a caller is identified by a number in any form, an account read by id, and unknown ones are not found")
    void accounts() {
        Account a = wallet.findByMsisdn("+86 138 0013 8000").orElseThrow();
        assertThat(a).isEqualTo(builtin.findByMsisdn(LI_WEI).orElseThrow());
        assertThat(wallet.findById(a.id())).contains(a);
        assertThat(wallet.findByMsisdn("13500135000")).isEmpty();
        assertThat(wallet.findById(999_999)).isEmpty();
        assertThat(meters.find("hotline_wallet_request_seconds")
                        .tag("operation", "lookupAccount")
                        .tag("outcome", "ok")
                        .timer()
                        .count())
                .isPositive();
    }

    @Test
    @DisplayName("failed recharges and transactions are the same as the built-in wallet's")
    void reads() {
        long id = id(LI_WEI);
        var recharges = wallet.recentFailedRecharges(id, 5);
        assertThat(recharges)
                .isEqualTo(builtin.recentFailedRecharges(id, 5))
                .anyMatch(r -> r.status() == RechargeStatus.DEBITED_NOT_CREDITED);
        Instant monthAgo = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        assertThat(wallet.transactionsSince(id, monthAgo, 5)).isEqualTo(builtin.transactionsSince(id, monthAgo, 5));
        assertThat(wallet.transactionsSinceTrustedLogin(id, monthAgo, 5))
                .isEqualTo(builtin.transactionsSinceTrustedLogin(id, monthAgo, 5));
        assertThatThrownBy(() -> wallet.recentFailedRecharges(999_999, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName(
            "outgoing transfers and withdrawals come with their state, expected arrival, fee and masked destination, as the built-in wallet's")
    void outgoingTransfers() {
        long zhang = id(ZHANG_MIN);
        var transfers = wallet.recentOutgoingTransfers(zhang, 5);
        assertThat(transfers)
                .isEqualTo(builtin.recentOutgoingTransfers(zhang, 5))
                .hasSize(3);
        assertThat(transfers).extracting(t -> t.state().wire()).containsExactly("submitted", "returned", "processing");
        assertThat(transfers.get(1).reason()).isEqualTo("name_mismatch");
        assertThat(transfers.get(2).maskedDestination()).isEqualTo("China Merchants Bank ****5567");
        assertThat(transfers.get(2).overdue(Instant.now())).isTrue();
        assertThat(wallet.recentOutgoingTransfers(id(LI_WEI), 2))
                .isEqualTo(builtin.recentOutgoingTransfers(id(LI_WEI), 2));
        assertThatThrownBy(() -> wallet.recentOutgoingTransfers(999_999, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName(
            "PIN checks report the lockout state, and a calling number past its limit is refused without asking the API")
    void pins() {
        long zhang = id(ZHANG_MIN);
        assertThat(wallet.verifyPin(zhang, "0000", STRANGER).result()).isEqualTo(PinResult.WRONG);
        assertThat(wallet.verifyPin(zhang, "0000", STRANGER).attemptsLeft()).isEqualTo(1);
        var locked = wallet.verifyPin(zhang, "0000", STRANGER);
        assertThat(locked.result()).isEqualTo(PinResult.LOCKED);
        assertThat(locked.lockedUntil()).isAfter(Instant.now());
        // the owner, from the registered phone, is not locked out by a stranger
        assertThat(wallet.verifyPin(zhang, "1357", ZHANG_MIN).result()).isEqualTo(PinResult.OK);

        long wang = id(WANG_FANG);
        wallet.verifyPin(wang, "0000", STRANGER);
        wallet.verifyPin(wang, "0000", STRANGER); // the stranger's fifth wrong PIN this hour
        int asked = api.requests("checkPin");
        assertThat(wallet.verifyPin(wang, "0000", STRANGER).result()).isEqualTo(PinResult.CALLER_LOCKED);
        assertThat(api.requests("checkPin")).isEqualTo(asked);
    }

    @Test
    @DisplayName(
            "a freeze repeated with its key is the same freeze, another call finds it already frozen, and a supervisor releases it")
    void freezeAndUnfreeze() {
        long id = id(LI_WEI);
        var order = new FreezeAccount(id, "call-http-1", "reported stolen", "en");
        var first = wallet.freeze(order);
        assertThat(first.alreadyFrozen()).isFalse();
        assertThat(wallet.freeze(order)).isEqualTo(first); // the key's first answer, replayed
        assertThat(api.executions(order.idempotencyKey())).isEqualTo(1);
        var second = wallet.freeze(new FreezeAccount(id, "call-http-2", "reported stolen", "zh"));
        assertThat(second.alreadyFrozen()).isTrue();
        assertThat(second.reference()).isEqualTo(first.reference());

        assertThatThrownBy(() -> wallet.unfreeze(id, "console:sup", " ")).isInstanceOf(IllegalArgumentException.class);
        var released = wallet.unfreeze(id, "console:sup", "the customer found the phone");
        assertThat(released.wasFrozen()).isTrue();
        assertThat(released.freezeReference()).isEqualTo(first.reference());
        assertThat(builtin.findById(id).orElseThrow().status().wire()).isEqualTo("active");
        assertThatThrownBy(() -> wallet.freeze(new FreezeAccount(999_999, "call-http-3", null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a reset code is sent by the wallet, and a locked login is unlocked once")
    void resetAndUnlock() {
        var sent = wallet.sendResetCode(id(WANG_FANG), "call-http-4", "en");
        assertThat(sent).isEqualTo(new ResetCodeSent(ResetCodeSent.Result.SENT, "*******7000"));
        long zhang = id(ZHANG_MIN);
        assertThat(wallet.unlockLogin(zhang, "call-http-5", "ivr").wasLocked()).isTrue();
        assertThat(wallet.unlockLogin(zhang, "call-http-6", "ivr").wasLocked()).isFalse();
    }

    @Test
    @DisplayName("a wrong token is refused and not tried again: the wallet is unavailable")
    void wrongToken() {
        try (var intruder = new HttpWallet(
                WalletConfig.Http.of(api.url(), "not-the-token"),
                builtin.callerLimits(),
                new SimpleMeterRegistry(),
                Clock.systemDefaultZone())) {
            int before = api.requests("getAccount");
            assertThatThrownBy(() -> intruder.findById(1))
                    .isInstanceOf(WalletUnavailable.class)
                    .hasMessageContaining("401");
            assertThat(api.requests("getAccount")).isEqualTo(before + 1);
        }
    }

    @Test
    @DisplayName(
            "the test server answers a request off the document with 400 naming the field, an unknown path or method with 404")
    void offTheDocument() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = api.url().toString();
            assertThat(send(
                            http,
                            HttpRequest.newBuilder(java.net.URI.create(base + "/accounts/lookup"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"msisdn\": 13800138000}")),
                            400))
                    .isEqualTo("msisdn");
            assertThat(send(
                            http,
                            HttpRequest.newBuilder(java.net.URI.create(base + "/accounts/lookup"))
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"msisdn\": \"138\", \"pin\": \"2468\"}")),
                            400))
                    .isEqualTo("pin");
            assertThat(send(
                            http,
                            HttpRequest.newBuilder(java.net.URI.create(base + "/accounts/1/freeze"))
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"callId\": \"c\", \"reason\": \"r\", \"language\": \"en\"}")),
                            400))
                    .isEqualTo("Idempotency-Key");
            assertThat(send(
                            http,
                            HttpRequest.newBuilder(java.net.URI.create(base + "/accounts/abc"))
                                    .GET(),
                            400))
                    .isEqualTo("accountId");
            send(
                    http,
                    HttpRequest.newBuilder(java.net.URI.create(base + "/accounts/1/balance"))
                            .GET(),
                    404);
            send(
                    http,
                    HttpRequest.newBuilder(java.net.URI.create(base + "/accounts/1"))
                            .DELETE(),
                    404);
        }
        assertThat(api.takeViolations()).hasSize(6);
    }

    /** Sends with the right token and JSON type, expects {@code status}, returns the error's field. */
    private static String send(HttpClient http, HttpRequest.Builder b, int status) throws Exception {
        HttpResponse<String> r = http.send(
                b.header("Authorization", "Bearer " + TestWalletApi.TOKEN)
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.path("error").asText()).isNotEmpty();
        return error.path("field").asText();
    }
}
