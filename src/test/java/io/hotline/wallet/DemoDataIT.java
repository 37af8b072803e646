package io.hotline.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.DemoData;
import io.hotline.db.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Demo data")
class DemoDataIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final Wallet wallet = new Wallet(DB.dataSource(), Clock.systemUTC());

    @Test
    @DisplayName("Li Wei is active, knows PIN 2468 and last logged in from a trusted device 5 days ago")
    void liWei() {
        Account li = wallet.findByMsisdn(DemoData.LI_WEI).orElseThrow();
        assertThat(li.holderName()).isEqualTo("Li Wei");
        assertThat(li.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(li.loginLocked()).isFalse();
        assertThat(Duration.between(li.lastTrustedLogin(), Instant.now()))
                .isBetween(Duration.ofDays(5), Duration.ofDays(5).plusMinutes(10));
        assertThat(wallet.verifyPin(li.id(), "2468").result()).isEqualTo(PinResult.OK);
    }

    @Test
    @DisplayName("Li Wei's failed recharges cover every failure reason, the newest debited but not credited")
    void liWeiRecharges() {
        Account li = wallet.findByMsisdn(DemoData.LI_WEI).orElseThrow();
        List<Recharge> failed = wallet.recentFailedRecharges(li.id(), 20);
        assertThat(failed).hasSize(6);
        assertThat(failed.getFirst().status()).isEqualTo(RechargeStatus.DEBITED_NOT_CREDITED);
        assertThat(failed.getFirst().reason()).isNull();
        assertThat(failed.stream().map(Recharge::reason).filter(r -> r != null).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(FailureReason.class));
        assertThat(failed).extracting(Recharge::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(failed)
                .allSatisfy(r -> assertThat(r.at())
                        .isBefore(Instant.now())
                        .isAfter(Instant.now().minus(Duration.ofDays(15))));
        assertThat(failed.stream().map(Recharge::amountFen).distinct().count()).isGreaterThan(3);
        assertThat(failed).extracting(Recharge::reference).allMatch(r -> r.matches("R-\\d{8}-\\d{4}"));
    }

    @Test
    @DisplayName("since Li Wei's last trusted login there are exactly the two transactions he would not recognise")
    void liWeiUnknownTransactions() {
        Account li = wallet.findByMsisdn(DemoData.LI_WEI).orElseThrow();
        List<Transaction> since = wallet.transactionsSince(li.id(), li.lastTrustedLogin(), 10);
        assertThat(since).hasSize(2);
        assertThat(since).extracting(Transaction::amountFen).containsExactlyInAnyOrder(-499_900L, -128_800L);
        Transaction transfer = since.stream()
                .filter(t -> t.kind().equals("transfer_out"))
                .findFirst()
                .orElseThrow();
        assertThat(transfer.at()
                        .atZone(ZoneId.of("Asia/Shanghai"))
                        .toLocalTime()
                        .toString())
                .isEqualTo("03:12");
        assertThat(since).anySatisfy(t -> {
            assertThat(t.kind()).isEqualTo("payment");
            assertThat(t.counterparty()).isEqualTo("Online Game Store");
        });
        assertThat(wallet.transactionsSince(li.id(), Instant.EPOCH, 50)).hasSizeGreaterThan(5);

        Wallet.SinceTrustedLogin recent = wallet.transactionsSinceTrustedLogin(li.id(), Instant.EPOCH, 10);
        assertThat(recent.since()).isEqualTo(li.lastTrustedLogin());
        assertThat(recent.transactions()).isEqualTo(since);
    }

    @Test
    @DisplayName("with no trusted login, or no account, the transactions are counted from the date given instead")
    void noTrustedLogin() {
        Account li = wallet.findByMsisdn(DemoData.LI_WEI).orElseThrow();
        Instant monthAgo = Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Wallet.SinceTrustedLogin none = wallet.transactionsSinceTrustedLogin(-1, monthAgo, 10);
        assertThat(none.since()).isEqualTo(monthAgo);
        assertThat(none.transactions()).isEmpty();
        Wallet.SinceTrustedLogin limited = wallet.transactionsSinceTrustedLogin(li.id(), Instant.EPOCH, 1);
        assertThat(limited.transactions()).hasSize(1);
    }

    @Test
    @DisplayName("Zhang Min's login is locked, Wang Fang is frozen under F-100001, 13600136000 has no account")
    void otherCallers() {
        Account zhang = wallet.findByMsisdn(DemoData.ZHANG_MIN).orElseThrow();
        assertThat(zhang.holderName()).isEqualTo("Zhang Min");
        assertThat(zhang.loginLocked()).isTrue();
        assertThat(wallet.verifyPin(zhang.id(), "1357").result()).isEqualTo(PinResult.OK);

        Account wang = wallet.findByMsisdn(DemoData.WANG_FANG).orElseThrow();
        assertThat(wang.status()).isEqualTo(AccountStatus.FROZEN);
        assertThat(wallet.verifyPin(wang.id(), "8642").result()).isEqualTo(PinResult.OK);
        Freeze f = wallet.freeze(wang.id(), "call-demo-check", "ivr", "check");
        assertThat(f.reference()).isEqualTo("F-100001");
        assertThat(f.alreadyFrozen()).isTrue();

        assertThat(wallet.findByMsisdn(DemoData.NO_ACCOUNT)).isEmpty();
        assertThat(wallet.findByMsisdn("")).isEmpty();
        assertThat(wallet.findByMsisdn(null)).isEmpty();
        for (String form : new String[] {"+86 139 0013 9000", "008613900139000", "8613900139000", " 13900139000"}) {
            assertThat(wallet.findByMsisdn(form)).as(form).contains(zhang);
        }
        assertThat(Set.of(zhang.toString(), wang.toString()))
                .noneMatch(s -> s.contains("139001") || s.contains("137001"));
    }
}
