package io.hotline.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.CallInfo;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.Transcript;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the caller hears follows what the SMS centre really did: the shipped password flow over real SMPP. */
@DisplayName("A reset code by phone, over SMPP")
class ResetCodeCallIT {
    private static final String LI_WEI = "13800138000";

    @Test
    @DisplayName(
            "the centre accepts: the caller hears the code was sent, and the phone got it in the caller's language")
    void accepted() throws Exception {
        try (TestSmsc smsc = new TestSmsc();
                Database db = TestDatabase.fresh();
                Hotline hotline =
                        Hotline.onDatabase(db, Path.of("ivr-flows"), Clock.systemDefaultZone(), gateway(smsc))) {
            String said = call(hotline, "en").render();
            assertThat(said).contains("A reset code has been sent to your phone ending in 8000");
            assertThat(smsc.accepted()).singleElement().satisfies(s -> {
                assertThat(s.to()).isEqualTo(LI_WEI);
                assertThat(s.text()).containsPattern("^Your wallet password reset code is [0-9]{6}\\.");
            });
        }
    }

    @Test
    @DisplayName(
            "the centre refuses binds: the caller hears the code could not be sent and is queued to an agent; the code is void")
    void notAccepted() throws Exception {
        try (TestSmsc smsc = new TestSmsc();
                Database db = TestDatabase.fresh();
                Hotline hotline =
                        Hotline.onDatabase(db, Path.of("ivr-flows"), Clock.systemDefaultZone(), gateway(smsc))) {
            smsc.refuseBinds(true);
            Transcript t = call(hotline, "en");
            assertThat(t.render())
                    .contains("we could not send the code to your phone just now")
                    .doesNotContain("A reset code has been sent");
            assertThat(SmsTestSupport.single(
                            db.dataSource(),
                            "SELECT status FROM sms_outbox WHERE msisdn = ? AND kind = 'reset_code'",
                            LI_WEI))
                    .isEqualTo("cancelled");
            assertThat(SmsTestSupport.single(
                            db.dataSource(),
                            "SELECT count(*) FROM reset_codes r JOIN accounts a "
                                    + "ON a.id = r.account_id WHERE a.msisdn = ? AND r.expires_at > now()",
                            LI_WEI))
                    .isEqualTo("0");
            assertThat(SmsTestSupport.single(db.dataSource(), "SELECT category FROM tickets ORDER BY id DESC LIMIT 1"))
                    .isEqualTo("password");
        }
    }

    @Test
    @DisplayName("a caller in Chinese gets the code in Chinese")
    void chinese() throws Exception {
        try (TestSmsc smsc = new TestSmsc();
                Database db = TestDatabase.fresh();
                Hotline hotline =
                        Hotline.onDatabase(db, Path.of("ivr-flows"), Clock.systemDefaultZone(), gateway(smsc))) {
            call(hotline, "zh");
            assertThat(smsc.accepted())
                    .singleElement()
                    .satisfies(s -> assertThat(s.text()).startsWith("您的钱包密码重置验证码为"));
        }
    }

    private static SmsGateway gateway(TestSmsc smsc) {
        return new SmppGateway(
                new SmsConfig.Smpp("127.0.0.1", smsc.port(), "hotline", "secret", "", Duration.ofSeconds(30)),
                "Hotline",
                Duration.ofMillis(500));
    }

    private static Transcript call(Hotline hotline, String lang) {
        var transcript = new Transcript();
        var info = new CallInfo("sms-call-" + System.nanoTime(), LI_WEI, "", lang, "main", "sim", Map.of());
        CallEnding ending = hotline.engine().run(new SimCall(info, new ScriptedCaller("3 2468# 1"), null), transcript);
        assertThat(ending).isNotNull();
        return transcript;
    }
}
