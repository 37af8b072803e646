package io.hotline.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.db.AuditLog;
import io.hotline.db.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Freezing an account")
class FreezeIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final Wallet wallet = new Wallet(DB.dataSource(), Clock.systemUTC());

    @Test
    @DisplayName("freezes at once: the account is frozen, the freeze has a reference and is audited with the call")
    void freeze() {
        long acc = TestAccounts.create(DB.dataSource(), "1234");
        Freeze f = wallet.freeze(acc, "call-1", "ivr", "caller reports stolen phone");
        assertThat(f.alreadyFrozen()).isFalse();
        assertThat(f.reference()).matches("F-\\d{6}");
        assertThat(wallet.findById(acc).orElseThrow().status()).isEqualTo(AccountStatus.FROZEN);
        assertThat(TestAccounts.count(DB.dataSource(), """
                SELECT count(*) FROM audit_log WHERE action = 'freeze' AND subject = ? AND call_id = 'call-1'
                  AND actor = 'ivr' AND detail->>'reference' = ?""", "account:" + acc, f.reference()))
                .isEqualTo(1);
        assertThat(TestAccounts.count(DB.dataSource(), "SELECT count(*) FROM audit_log WHERE call_id = 'call-1'"))
                .as("the unlocked repeat check found nothing, so it audited nothing")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("freezing a frozen account gives back the same reference, marked already frozen")
    void freezeTwice() {
        long acc = TestAccounts.create(DB.dataSource(), "1234");
        Freeze first = wallet.freeze(acc, "call-2", "ivr", "stolen");
        Freeze second = wallet.freeze(acc, "call-3", "ivr", "stolen");
        assertThat(second.alreadyFrozen()).isTrue();
        assertThat(second.reference()).isEqualTo(first.reference());
        assertThat(second.frozenAt()).isEqualTo(first.frozenAt());
        assertThat(TestAccounts.count(DB.dataSource(), "SELECT count(*) FROM freezes WHERE account_id = ?", acc))
                .isEqualTo(1);
        assertThat(TestAccounts.count(DB.dataSource(), """
                SELECT count(*) FROM audit_log WHERE subject = 'account:' || ? AND action = 'freeze_repeated'
                  AND call_id = 'call-3' AND actor = 'ivr' AND detail = jsonb_build_object('reference', ?::text,
                  'reason', 'stolen', 'alreadyFrozen', true)""", acc, first.reference()))
                .isEqualTo(1);
        Freeze third = wallet.freeze(acc, "call-3b", " ", null);
        assertThat(third.reference()).isEqualTo(first.reference());
        assertThat(TestAccounts.count(DB.dataSource(), """
                SELECT count(*) FROM audit_log WHERE call_id = 'call-3b' AND action = 'freeze_repeated'
                  AND actor = 'ivr' AND detail->>'reason' = 'requested by caller'""")).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "twenty simultaneous freezes of one account make one freeze, give everyone its reference and audit each")
    void concurrentFreezes() throws Exception {
        long acc = TestAccounts.create(DB.dataSource(), "1234");
        int callers = 20;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Freeze>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                String call = "call-c" + i;
                // a Wallet per thread, as separate calls would have
                results.add(pool.submit(() -> {
                    go.await();
                    return new Wallet(DB.dataSource(), Clock.systemUTC()).freeze(acc, call, "ivr", "stolen");
                }));
            }
            go.countDown();
        }
        List<Freeze> freezes = new ArrayList<>();
        for (Future<Freeze> f : results) {
            freezes.add(f.get());
        }
        assertThat(freezes)
                .extracting(Freeze::reference)
                .containsOnly(freezes.getFirst().reference());
        assertThat(freezes).filteredOn(f -> !f.alreadyFrozen()).hasSize(1);
        assertThat(TestAccounts.count(DB.dataSource(), "SELECT count(*) FROM freezes WHERE account_id = ?", acc))
                .isEqualTo(1);
        assertThat(TestAccounts.count(
                        DB.dataSource(),
                        "SELECT count(*) FROM audit_log WHERE subject = ? AND action IN ('freeze', 'freeze_repeated')",
                        "account:" + acc))
                .isEqualTo(callers);
        assertThat(new AuditLog(DB.dataSource()).verifyChain()).isTrue();
    }

    @Test
    @DisplayName(
            "a supervisor unfreezes with a reason; the account is active again and a new freeze gets a new reference")
    void unfreeze() {
        long acc = TestAccounts.create(DB.dataSource(), "1234");
        Freeze f = wallet.freeze(acc, "call-4", "ivr", "stolen");
        assertThatThrownBy(() -> wallet.unfreeze(acc, "sup.wu", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(wallet.findById(acc).orElseThrow().status()).isEqualTo(AccountStatus.FROZEN);

        Unfreeze u = wallet.unfreeze(acc, "sup.wu", "phone found, identity confirmed at branch");
        assertThat(u).isEqualTo(new Unfreeze(f.reference(), true));
        assertThat(wallet.findById(acc).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(wallet.unfreeze(acc, "sup.wu", "again")).isEqualTo(new Unfreeze(null, false));
        assertThat(TestAccounts.count(
                        DB.dataSource(),
                        "SELECT count(*) FROM audit_log WHERE subject = ? AND action = 'unfreeze' AND actor = 'sup.wu'",
                        "account:" + acc))
                .isEqualTo(2);

        Freeze again = wallet.freeze(acc, "call-5", "ivr", "stolen again");
        assertThat(again.alreadyFrozen()).isFalse();
        assertThat(again.reference()).isNotEqualTo(f.reference());
    }

    @Test
    @DisplayName("the schema itself refuses a second open freeze for one account")
    void partialUniqueIndex() {
        long acc = TestAccounts.create(DB.dataSource(), "1234");
        wallet.freeze(acc, "call-6", "ivr", "stolen");
        assertThatThrownBy(() -> io.hotline.db.Tx.inTransaction(DB.dataSource(), c -> {
                    try (var ps = c.prepareStatement("""
                    INSERT INTO freezes (reference, account_id, frozen_at, frozen_by, reason)
                    VALUES ('F-X', ?, now(), 'test', 'duplicate')""")) {
                        ps.setLong(1, acc);
                        return ps.executeUpdate();
                    }
                }))
                .isInstanceOf(io.hotline.db.DataAccessException.class)
                .hasMessageContaining("freezes_one_open_per_account");
    }
}
