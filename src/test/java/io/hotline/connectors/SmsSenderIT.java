package io.hotline.connectors;

import static io.hotline.connectors.SmsTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.TestDatabase;
import io.hotline.wallet.Freeze;
import io.hotline.wallet.OutboxMessage;
import io.hotline.wallet.SmsOutbox;
import io.hotline.wallet.Wallet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Draining the SMS outbox")
class SmsSenderIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final Wallet wallet = new Wallet(DB.dataSource(), Clock.systemDefaultZone());
    private final SmsOutbox outbox = wallet.outbox();

    @org.junit.jupiter.api.AfterEach
    void settle() {
        SmsTestSupport.settleAll(DB.dataSource());
    }

    @Test
    @DisplayName(
            "two senders on one database (one SMPP centre) never both send a message: each of 60 goes exactly once")
    void twoSendersNeverBothSend() throws Exception {
        try (TestSmsc smsc = new TestSmsc()) {
            SmsConfig config = SmsTestSupport.quick()
                    .with(new SmsConfig.Smpp(
                            "127.0.0.1", smsc.port(), "hotline", "secret", "", Duration.ofSeconds(30)));
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add(outbox.enqueueText(SmsTestSupport.number(), "two senders, message " + i + ".", "en"));
            }
            try (var a = new SmsSender(outbox, config.newGateway(), config, "node-a", Clock.systemDefaultZone());
                    var b = new SmsSender(outbox, config.newGateway(), config, "node-b", Clock.systemDefaultZone())) {
                a.start();
                b.start();
                SmsTestSupport.eventually()
                        .until(() -> ids.stream()
                                .allMatch(id -> "accepted"
                                        .equals(outbox.status(id).orElseThrow().status())));
            }
            Map<String, Long> perText = smsc.submits().stream()
                    .collect(Collectors.groupingBy(TestSmsc.Submit::text, Collectors.counting()));
            assertThat(perText)
                    .hasSize(60)
                    .allSatisfy((text, n) -> assertThat(n).as(text).isEqualTo(1L));
            // which node sent which depends on scheduling; that no message went twice does not
            assertThat(smsc.binds()).isBetween(1, 2);
        }
    }

    @Test
    @DisplayName("claims skip what another sender holds: two claims at once share nothing")
    void claimsDoNotOverlap() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(outbox.enqueueText(SmsTestSupport.number(), "claim " + i, "en"));
        }
        List<OutboxMessage> first = outbox.claimDue("node-a", 10, Duration.ofSeconds(30));
        List<OutboxMessage> second = outbox.claimDue("node-b", 100, Duration.ofSeconds(30));
        assertThat(first).hasSize(10);
        assertThat(second)
                .extracting(OutboxMessage::id)
                .doesNotContainAnyElementsOf(
                        first.stream().map(OutboxMessage::id).toList())
                .containsAll(ids.subList(10, 20));
        second.forEach(m -> outbox.failed(m, "test"));
        first.forEach(m -> outbox.failed(m, "test"));
    }

    @Test
    @DisplayName(
            "a sender that dies mid-send leaves its message to another after the lease, and can no longer settle it")
    void leaseTakeover() {
        long id = outbox.enqueueText(SmsTestSupport.number(), "lease takeover", "en");
        OutboxMessage stale = outbox.claimDue("node-dead", 100, Duration.ofMillis(200)).stream()
                .filter(m -> m.id() == id)
                .findFirst()
                .orElseThrow();
        var gateway = new MemoryGateway();
        try (var alive =
                new SmsSender(outbox, gateway, SmsConfig.forTests(), "node-alive", Clock.systemDefaultZone())) {
            alive.start();
            SmsTestSupport.eventually()
                    .until(() ->
                            "accepted".equals(outbox.status(id).orElseThrow().status()));
        }
        assertThat(outbox.status(id).orElseThrow().attempts()).isEqualTo(2);
        assertThat(outbox.accepted(stale, "memory", "late"))
                .as("the stale lease settles nothing")
                .isFalse();
        assertThat(outbox.status(id).orElseThrow().providerId()).startsWith("mem-");
        assertThat(gateway.sent()).extracting(OutgoingSms::text).containsOnlyOnce("lease takeover");
    }

    @Test
    @DisplayName(
            "a freeze by a call sends the registered phone a notice with the time and reference, in the caller's language")
    void freezeNotice() {
        Object[] acc = SmsTestSupport.account(DB.dataSource());
        var gateway = new MemoryGateway();
        try (var sender = new SmsSender(outbox, gateway, SmsConfig.forTests(), "node-a", Clock.systemDefaultZone())) {
            sender.start();
            Freeze f = wallet.freezeByCall((long) acc[0], "call-freeze-1", "reported stolen by phone", "en");
            Freeze again = wallet.freezeByCall((long) acc[0], "call-freeze-2", "reported stolen by phone", "en");
            assertThat(again.alreadyFrozen()).isTrue();
            sender.wake();
            SmsTestSupport.eventually()
                    .until(() -> gateway.lastTo((String) acc[1]).isPresent());
            String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                    .format(f.frozenAt().atZone(Clock.systemDefaultZone().getZone()));
            assertThat(gateway.lastTo((String) acc[1]).orElseThrow().text())
                    .isEqualTo("Your wallet was frozen by a call to the hotline at " + time + ", ref " + f.reference()
                            + ". Call us if this was not you.");
        }
        assertThat(single(DB.dataSource(), "SELECT count(*) FROM sms_outbox WHERE account_id = ?", acc[0]))
                .as("a repeated freeze sends nothing")
                .isEqualTo("1");

        Object[] zh = SmsTestSupport.account(DB.dataSource());
        Freeze f = wallet.freezeByCall((long) zh[0], "call-freeze-3", "reported stolen by phone", "zh");
        assertThat(single(DB.dataSource(), "SELECT body FROM sms_outbox WHERE account_id = ?", zh[0]))
                .startsWith("您的钱包已于")
                .contains(f.reference());
    }

    @Test
    @DisplayName("an in-call message nobody holds any more is cancelled, and its code made void")
    void inCallLeaseLapses() {
        Object[] acc = SmsTestSupport.account(DB.dataSource());
        var rc = wallet.sendResetCode((long) acc[0], "call-lapse", "en");
        assertThat(outbox.claim(rc.messageId(), "node-dead", Duration.ofMillis(100)))
                .isPresent();
        SmsTestSupport.eventually().until(() -> {
            outbox.expireOverdue();
            return "cancelled"
                    .equals(outbox.status(rc.messageId()).orElseThrow().status());
        });
        assertThat(outbox.status(rc.messageId()).orElseThrow().sealed()).isFalse();
        assertThat(single(
                        DB.dataSource(),
                        "SELECT count(*) FROM reset_codes WHERE account_id = ? AND expires_at > now()",
                        acc[0]))
                .isEqualTo("0");
        assertThat(outbox.claim(rc.messageId(), "node-b", Duration.ofSeconds(1)))
                .isEmpty();
    }

    @Test
    @DisplayName("a failed background message is tried at most HOTLINE_SMS_ATTEMPTS times, further apart each time")
    void attemptsAndBackoff() {
        SmsGateway down = new SmsGateway() {
            @Override
            public String name() {
                return "down";
            }

            @Override
            public String submit(OutgoingSms sms) throws SmsFailure {
                throw new SmsFailure(SmsFailure.Kind.UNAVAILABLE, "connection refused");
            }
        };
        SmsConfig config = SmsTestSupport.quick();
        long id = outbox.enqueueText(SmsTestSupport.number(), "never goes", "en");
        try (var sender = new SmsSender(outbox, down, config, "node-a", Clock.systemDefaultZone())) {
            Function<Integer, Duration> backoff = sender::backoff;
            assertThat(backoff.apply(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(60));
            assertThat(backoff.apply(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(240));
            assertThat(backoff.apply(30)).isBetween(Duration.ofMillis(400), Duration.ofMillis(480));
            sender.start();
            sender.wake();
            SmsTestSupport.eventually()
                    .until(() -> "failed".equals(outbox.status(id).orElseThrow().status()));
        }
        assertThat(outbox.status(id).orElseThrow().attempts()).isEqualTo(config.attempts());
        assertThat(single(
                        DB.dataSource(),
                        "SELECT count(*) FROM audit_log WHERE action = 'sms_failed' AND subject = ?",
                        "sms:" + id))
                .isEqualTo("1");
    }
}
