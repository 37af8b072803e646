package io.hotline.connectors;

import static io.hotline.connectors.SmsTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.connectors.TestSmsc.Answer;
import io.hotline.db.SecretHash;
import io.hotline.db.TestDatabase;
import io.hotline.wallet.ResetCode;
import io.hotline.wallet.SmsDispatch.SmsSent;
import io.hotline.wallet.SmsOutbox;
import io.hotline.wallet.Wallet;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("SMS through SMPP to a real SMPP server")
class SmppGatewayIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final Wallet wallet = new Wallet(DB.dataSource(), Clock.systemDefaultZone());
    private final SmsOutbox outbox = wallet.outbox();
    private TestSmsc smsc;
    private SmsSender sender;

    @BeforeEach
    void start() throws Exception {
        smsc = new TestSmsc();
        SmsConfig config = SmsTestSupport.quick()
                .with(new SmsConfig.Smpp("127.0.0.1", smsc.port(), "hotline", "secret", "", Duration.ofSeconds(30)));
        sender = new SmsSender(outbox, config.newGateway(), config, "node-a", Clock.systemDefaultZone()).start();
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        smsc.close();
        SmsTestSupport.settleAll(DB.dataSource());
    }

    @Test
    @DisplayName("a reset code is submitted once, accepted, recorded with the centre's id, and its sealed copy dropped")
    void acceptedSubmit() {
        Object[] acc = SmsTestSupport.account(DB.dataSource());
        ResetCode rc = wallet.sendResetCode((long) acc[0], "call-smpp-1", "en");

        assertThat(sender.sendNow(rc.messageId(), Duration.ofSeconds(2))).isEqualTo(SmsSent.ACCEPTED);

        assertThat(smsc.submits()).hasSize(1);
        TestSmsc.Submit s = smsc.submits().getFirst();
        assertThat(s.to()).isEqualTo(acc[1]);
        Matcher m = Pattern.compile("code is ([0-9]{6})\\.").matcher(s.text());
        assertThat(m.find()).as(s.text()).isTrue();
        assertThat(SecretHash.matches(
                        m.group(1),
                        single(DB.dataSource(), "SELECT code_hash FROM reset_codes WHERE account_id = ?", acc[0])))
                .isTrue();
        var status = outbox.status(rc.messageId()).orElseThrow();
        assertThat(status.status()).isEqualTo("accepted");
        assertThat(status.providerId()).isEqualTo(s.messageId());
        assertThat(status.attempts()).isEqualTo(1);
        assertThat(status.sealed()).isFalse();
        assertThat(single(
                        DB.dataSource(),
                        "SELECT count(*) FROM audit_log WHERE action = 'sms_accepted' AND subject = ?",
                        "sms:" + rc.messageId()))
                .isEqualTo("1");
    }

    @Test
    @DisplayName("ESME_RTHROTTLED: the call's sender backs off and tries again within its budget")
    void throttledInCall() {
        Object[] acc = SmsTestSupport.account(DB.dataSource());
        smsc.next(Answer.THROTTLE);
        ResetCode rc = wallet.sendResetCode((long) acc[0], "call-smpp-2", "en");

        assertThat(sender.sendNow(rc.messageId(), Duration.ofSeconds(2))).isEqualTo(SmsSent.ACCEPTED);

        assertThat(smsc.submits()).extracting(TestSmsc.Submit::answer).containsExactly(Answer.THROTTLE, Answer.ACCEPT);
        assertThat(outbox.status(rc.messageId()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    @DisplayName("ESME_RTHROTTLED in the background: retried with back-off until accepted")
    void throttledInBackground() {
        smsc.next(Answer.THROTTLE, Answer.THROTTLE);
        long id = outbox.enqueueText(SmsTestSupport.number(), "Your complaint C-1 was answered.", "en");
        sender.wake();

        SmsTestSupport.eventually()
                .until(() -> "accepted".equals(outbox.status(id).orElseThrow().status()));
        assertThat(outbox.status(id).orElseThrow().attempts()).isEqualTo(3);
        assertThat(smsc.submits())
                .extracting(TestSmsc.Submit::answer)
                .containsExactly(Answer.THROTTLE, Answer.THROTTLE, Answer.ACCEPT);
    }

    @Test
    @DisplayName(
            "a refused bind: the call hears the code was not sent (the code is void); background messages wait and go once binds work")
    void bindFailure() {
        smsc.refuseBinds(true);
        Object[] acc = SmsTestSupport.account(DB.dataSource());
        ResetCode rc = wallet.sendResetCode((long) acc[0], "call-smpp-3", "en");

        assertThat(sender.sendNow(rc.messageId(), Duration.ofSeconds(2))).isEqualTo(SmsSent.NOT_SENT);

        assertThat(outbox.status(rc.messageId()).orElseThrow().status()).isEqualTo("cancelled");
        assertThat(outbox.status(rc.messageId()).orElseThrow().sealed()).isFalse();
        assertThat(single(
                        DB.dataSource(),
                        "SELECT count(*) FROM reset_codes WHERE account_id = ? AND expires_at > now()",
                        acc[0]))
                .as("the code is void")
                .isEqualTo("0");
        assertThat(smsc.submits()).isEmpty();

        long id = outbox.enqueueText(SmsTestSupport.number(), "Your complaint C-2 was answered.", "en");
        sender.wake();
        SmsTestSupport.eventually().until(() -> outbox.status(id).orElseThrow().lastError() != null);
        assertThat(outbox.status(id).orElseThrow().status()).isIn("pending", "sending");
        assertThat(outbox.status(id).orElseThrow().lastError())
                .contains("UNAVAILABLE")
                .contains("bind");

        smsc.refuseBinds(false);
        SmsTestSupport.eventually()
                .until(() -> "accepted".equals(outbox.status(id).orElseThrow().status()));
        assertThat(smsc.accepted()).hasSize(1);
    }

    @Test
    @DisplayName(
            "a link lost mid-send: the message goes again on a new bind (the at-least-once window: the centre saw it twice)")
    void lostConnection() {
        smsc.next(Answer.DROP_LINK);
        long id = outbox.enqueueText(SmsTestSupport.number(), "Your complaint C-3 was answered.", "en");
        sender.wake();

        SmsTestSupport.eventually()
                .until(() -> "accepted".equals(outbox.status(id).orElseThrow().status()));
        assertThat(smsc.submits()).extracting(TestSmsc.Submit::answer).containsExactly(Answer.DROP_LINK, Answer.ACCEPT);
        assertThat(smsc.binds()).isEqualTo(2);
        assertThat(outbox.status(id).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    @DisplayName("a delivery receipt is recorded on the message the centre accepted, and audited")
    void deliveryReceipt() throws Exception {
        long id = outbox.enqueueText(SmsTestSupport.number(), "Your complaint C-4 was answered.", "en");
        sender.wake();
        SmsTestSupport.eventually()
                .until(() -> "accepted".equals(outbox.status(id).orElseThrow().status()));
        String providerId = outbox.status(id).orElseThrow().providerId();

        smsc.deliverReceipt(providerId, DeliveryReceiptState.DELIVRD);

        SmsTestSupport.eventually()
                .until(() -> "DELIVRD".equals(outbox.status(id).orElseThrow().deliveryStatus()));
        assertThat(single(
                        DB.dataSource(),
                        "SELECT count(*) FROM audit_log WHERE action = 'sms_delivery_receipt' " + "AND subject = ?",
                        "sms:" + id))
                .isEqualTo("1");
    }

    @Test
    @DisplayName("a message the centre refuses for good is not retried")
    void rejected() {
        smsc.next(Answer.REJECT);
        long id = outbox.enqueueText(SmsTestSupport.number(), "Your complaint C-5 was answered.", "en");
        sender.wake();

        SmsTestSupport.eventually()
                .until(() -> "failed".equals(outbox.status(id).orElseThrow().status()));
        assertThat(outbox.status(id).orElseThrow().attempts()).isEqualTo(1);
        assertThat(outbox.status(id).orElseThrow().lastError()).contains("REJECTED");
        assertThat(smsc.submits()).hasSize(1);
    }

    @Test
    @DisplayName("Chinese text goes as UCS-2 and arrives as written")
    void chinese() {
        String text = "您的投诉已处理，编号C-6。";
        long id = outbox.enqueueText(SmsTestSupport.number(), text, "zh");
        sender.wake();

        SmsTestSupport.eventually()
                .until(() -> "accepted".equals(outbox.status(id).orElseThrow().status()));
        assertThat(smsc.accepted().getFirst().text()).isEqualTo(text);
    }
}
