package io.hotline.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.MutableClock;
import io.hotline.db.SecretHash;
import io.hotline.db.TestDatabase;
import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Reset codes and login unlock")
class AccountRecoveryIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final MutableClock clock = MutableClock.now();
    private final Wallet wallet = new Wallet(DB.dataSource(), clock);

    @Test
    @DisplayName(
            "a reset code is stored only as a hash and queued sealed: the outbox's text has it blanked until the sender renders it")
    void codeSent() {
        long acc = TestAccounts.create(DB.dataSource(), "1234");
        String msisdn = wallet.findById(acc).orElseThrow().msisdn();
        ResetCode r = wallet.sendResetCode(acc, "call-r1", "en");
        assertThat(r.result()).isEqualTo(ResetResult.QUEUED);
        assertThat(r.messageId()).isPositive();
        assertThat(r.maskedMsisdn()).isEqualTo("*******" + msisdn.substring(7)).doesNotContain(msisdn.substring(0, 7));

        List<String> bodies = column(
                "SELECT body FROM sms_outbox WHERE msisdn = ? AND status = 'pending' "
                        + "AND in_call AND sealed_code IS NOT NULL",
                msisdn);
        assertThat(bodies).hasSize(1);
        assertThat(bodies.getFirst()).contains("reset code is ******").doesNotContainPattern("[0-9]{6}");

        var gateway = new io.hotline.connectors.MemoryGateway();
        var sender = new io.hotline.connectors.SmsSender(
                wallet.outbox(), gateway, io.hotline.connectors.SmsConfig.forTests(), "test", clock);
        assertThat(sender.sendNow(r.messageId(), Duration.ofSeconds(2))).isEqualTo(SmsDispatch.SmsSent.ACCEPTED);
        Matcher m = Pattern.compile("\\b(\\d{6})\\b")
                .matcher(gateway.lastTo(msisdn).orElseThrow().text());
        assertThat(m.find()).isTrue();
        String code = m.group(1);
        assertThat(column("SELECT sealed_code IS NULL FROM sms_outbox WHERE id = ?", r.messageId()))
                .containsExactly("t");

        List<String> hashes = column("SELECT code_hash FROM reset_codes WHERE account_id = ?", acc);
        assertThat(hashes).hasSize(1);
        assertThat(hashes.getFirst()).doesNotContain(code);
        assertThat(SecretHash.matches(code, hashes.getFirst())).isTrue();
        assertThat(TestAccounts.count(DB.dataSource(), """
                SELECT count(*) FROM reset_codes WHERE account_id = ? AND call_id = 'call-r1'
                  AND expires_at = created_at + interval '10 minutes' AND used_at IS NULL""", acc)).isEqualTo(1);
        assertThat(TestAccounts.count(
                        DB.dataSource(),
                        "SELECT count(*) FROM audit_log WHERE action = 'reset_code_issued' AND subject = ?",
                        "account:" + acc))
                .isEqualTo(1);
        assertThat(TestAccounts.count(
                        DB.dataSource(), "SELECT count(*) FROM audit_log WHERE detail::text LIKE ?", "%" + code + "%"))
                .isZero();
    }

    @Test
    @DisplayName("a reset code in Chinese is rendered in Chinese")
    void chinese() {
        long acc = TestAccounts.create(DB.dataSource(), "1234");
        String msisdn = wallet.findById(acc).orElseThrow().msisdn();
        ResetCode r = wallet.sendResetCode(acc, "call-zh", "zh");
        var gateway = new io.hotline.connectors.MemoryGateway();
        new io.hotline.connectors.SmsSender(
                        wallet.outbox(), gateway, io.hotline.connectors.SmsConfig.forTests(), "test", clock)
                .sendNow(r.messageId(), Duration.ofSeconds(2));
        assertThat(gateway.lastTo(msisdn).orElseThrow().text()).startsWith("您的钱包密码重置验证码为");
    }

    @Test
    @DisplayName("a fourth code within the hour is refused, and an hour later codes flow again")
    void rateLimit() {
        long acc = TestAccounts.create(DB.dataSource(), "1234");
        for (int i = 0; i < 3; i++) {
            assertThat(wallet.sendResetCode(acc, "call-r" + i).result()).isEqualTo(ResetResult.QUEUED);
            clock.advance(Duration.ofMinutes(5));
        }
        assertThat(wallet.sendResetCode(acc, "call-r4").result()).isEqualTo(ResetResult.RATE_LIMITED);
        assertThat(TestAccounts.count(DB.dataSource(), "SELECT count(*) FROM reset_codes WHERE account_id = ?", acc))
                .isEqualTo(3);
        assertThat(TestAccounts.count(DB.dataSource(), """
                SELECT count(*) FROM reset_codes WHERE account_id = ? AND expires_at > ?""", acc, java.sql.Timestamp.from(clock.instant())))
                .as("only the newest code is still valid")
                .isEqualTo(1);
        clock.advance(Duration.ofMinutes(50));
        assertThat(wallet.sendResetCode(acc, "call-r5").result()).isEqualTo(ResetResult.QUEUED);
    }

    @Test
    @DisplayName("unlocking a locked login clears the lock and is audited; unlocking again says it was not locked")
    void unlock() {
        long acc = TestAccounts.create(DB.dataSource(), "1234", true);
        assertThat(wallet.findById(acc).orElseThrow().loginLocked()).isTrue();
        assertThat(wallet.unlockLogin(acc, "call-u1", "ivr")).isEqualTo(new Unlock(true));
        assertThat(wallet.findById(acc).orElseThrow().loginLocked()).isFalse();
        assertThat(TestAccounts.count(DB.dataSource(), "SELECT login_failed_count FROM accounts WHERE id = ?", acc))
                .isZero();
        assertThat(wallet.unlockLogin(acc, "call-u2", "ivr")).isEqualTo(new Unlock(false));
        assertThat(TestAccounts.count(DB.dataSource(), """
                SELECT count(*) FROM audit_log WHERE action = 'unlock_login' AND subject = ?""", "account:" + acc)).isEqualTo(2);
    }

    private List<String> column(String sql, Object arg) {
        return Tx.withConnection(DB.dataSource(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
    }
}
