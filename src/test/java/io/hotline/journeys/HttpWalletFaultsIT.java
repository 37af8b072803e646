package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.connectors.HttpWallet;
import io.hotline.connectors.MemoryGateway;
import io.hotline.connectors.TestWalletApi;
import io.hotline.connectors.TestWalletApi.Fault;
import io.hotline.connectors.WalletConfig;
import io.hotline.db.Database;
import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding.Reason;
import io.hotline.server.Hotline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a caller hears when the wallet's API misbehaves: slow answers past the timeout, 500s, a refused connection,
 * the circuit opening (then calls fail at once, without asking the API) and closing again, and a freeze whose reply
 * was lost (the retry with the same key is answered by the first freeze). Each test on a fresh demo database, the
 * calls through the simulator, the API the document-checking {@link TestWalletApi}.
 */
@DisplayName("The HTTP wallet's faults, as a caller hears them")
class HttpWalletFaultsIT {
    private static final String LI_WEI = "13800138000";
    private Database db;
    private TestWalletApi api;
    private SimHarness sim;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.fresh();
        api = new TestWalletApi();
    }

    @AfterEach
    void stop() {
        try {
            if (sim != null) {
                sim.close();
            }
            assertThat(api.violations())
                    .as("requests and answers off docs/wallet-api.yaml")
                    .isEmpty();
        } finally {
            api.close();
            db.close();
        }
    }

    /** Short timeouts, so a slow API is given up quickly; the budgets' check still applies. */
    private static WalletConfig.Http config(URI url) {
        return WalletConfig.Http.of(url, TestWalletApi.TOKEN)
                .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(400));
    }

    private SimHarness sim(WalletConfig.Http http, Clock clock) {
        Hotline hotline =
                Hotline.onDatabase(db, Path.of("ivr-flows"), clock, new MemoryGateway(), WalletConfig.http(http));
        api.backedBy(hotline.wallet(), hotline.sms());
        sim = new SimHarness(hotline);
        return sim;
    }

    private SimHarness sim() {
        return sim(config(api.url()), Clock.systemDefaultZone());
    }

    @Test
    @DisplayName("an API slower than the timeout: the caller hears the wallet cannot be looked up and reaches an agent")
    void slowAnswers() {
        api.fault("lookupAccount", Fault.SLOW);
        var r = sim().call(LI_WEI, "");
        assertThat(r.said())
                .contains("our systems cannot look up your wallet right now")
                .doesNotContain("If a recharge failed");
        assertThat(r.ending().reason()).isEqualTo(Reason.QUEUED);
        assertThat(r.ending().queue()).isEqualTo("general-support");
        assertThat(api.requests("lookupAccount"))
                .as("a read is tried again once")
                .isEqualTo(2);
    }

    @Test
    @DisplayName(
            "500s on the freeze: the caller is not told the wallet is frozen, the account stays active, a fraud agent takes over")
    void serverErrorsOnFreeze() throws Exception {
        api.fault("freezeAccount", Fault.ERROR_500);
        var r = sim().call(LI_WEI, "2 1");
        assertThat(r.said())
                .contains("we could not freeze your wallet automatically")
                .doesNotContain("Your wallet is now frozen");
        assertThat(r.ending().queue()).isEqualTo("fraud");
        assertThat(single("select status from accounts where msisdn = ?", LI_WEI))
                .isEqualTo("active");
        assertThat(api.requests("freezeAccount"))
                .as("a keyed write is tried again once")
                .isEqualTo(2);
    }

    @Test
    @DisplayName("one 500 on a read is retried: the caller hears the failed recharges as if nothing happened")
    void oneServerErrorIsRetried() {
        api.fault("listFailedRecharges", Fault.ERROR_500, 1);
        var r = sim().call(LI_WEI, "1 2468#");
        assertThat(r.said()).contains("Here are your most recent failed recharges");
        assertThat(api.requests("listFailedRecharges")).isEqualTo(2);
    }

    @Test
    @DisplayName("a wallet API that refuses connections: the caller hears it cannot be looked up and reaches an agent")
    void connectionRefused() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        var r = sim(config(URI.create("http://127.0.0.1:" + closed + "/hotline/v1")), Clock.systemDefaultZone())
                .call(LI_WEI, "");
        assertThat(r.said()).contains("our systems cannot look up your wallet right now");
        assertThat(r.ending().queue()).isEqualTo("general-support");
    }

    @Test
    @DisplayName(
            "a freeze whose reply was lost: the retry with the same key says frozen with the first freeze's reference, executed once")
    void lostFreezeReply() throws Exception {
        api.fault("freezeAccount", Fault.DROP_REPLY, 1);
        var r = sim().call(LI_WEI, "2 1");
        String ref = single(
                "select reference from freezes f join accounts a on a.id = f.account_id "
                        + "where a.msisdn = ? and f.released_at is null",
                LI_WEI);
        assertThat(r.said()).contains("Your wallet is now frozen").contains(ref).doesNotContain("already frozen");
        String account = single("select id from accounts where msisdn = ?", LI_WEI);
        assertThat(api.requests("freezeAccount")).isEqualTo(2);
        assertThat(api.executions("hotline-freeze-" + r.callId() + "-" + account))
                .isEqualTo(1);
        assertThat(single(
                        "select count(*) from freezes f join accounts a on a.id = f.account_id where a.msisdn = ?",
                        LI_WEI))
                .isEqualTo("1");
        assertThat(single("select count(*) from audit_log where action = 'freeze' and call_id = ?", r.callId()))
                .isEqualTo("1");
    }

    @Test
    @DisplayName(
            "the circuit opens after repeated failures, calls then fail without asking the API, and it closes once the API is back")
    void circuitOpensAndCloses() throws Exception {
        var clock = MutableClock.now();
        var http = config(api.url()).with(new WalletConfig.Breaker(4, 4, 50, Duration.ofSeconds(30)));
        var harness = sim(http, clock);
        var wallet = (HttpWallet) harness.hotline.walletPort();
        var scraped = new SimpleMeterRegistry(); // as serve joins its Prometheus registry, after the core started
        harness.hotline.meters().add(scraped);
        api.fault("lookupAccount", Fault.ERROR_500);
        harness.call(LI_WEI, "");
        harness.call(LI_WEI, ""); // 2 calls x 2 attempts: 4 failures in a window of 4
        assertThat(wallet.circuit()).isEqualTo("OPEN");
        assertThat(scraped.get("hotline_wallet_circuit_state").gauge().value()).isEqualTo(1.0);
        assertThat(scraped.get("hotline_wallet_request_seconds")
                        .tag("operation", "lookupAccount")
                        .tag("outcome", "server_error")
                        .timer()
                        .count())
                .isEqualTo(4);

        int asked = api.requests("lookupAccount");
        var r = harness.call(LI_WEI, "");
        assertThat(r.said()).contains("our systems cannot look up your wallet right now");
        assertThat(api.requests("lookupAccount"))
                .as("an open circuit does not ask the API")
                .isEqualTo(asked);

        api.clearFaults(); // the API is back; the circuit lets trial calls through once its open time is over
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 3; i++) {
            var ok = harness.call(LI_WEI, "5");
            assertThat(ok.said()).contains("If a recharge failed").doesNotContain("cannot look up your wallet");
        }
        assertThat(wallet.circuit()).isEqualTo("CLOSED");
        assertThat(scraped.get("hotline_wallet_circuit_state").gauge().value()).isEqualTo(0.0);
        assertThat(scraped.get("hotline_wallet_request_seconds")
                        .tag("operation", "lookupAccount")
                        .tag("outcome", "circuit_open")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    private String single(String sql, Object... args) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
