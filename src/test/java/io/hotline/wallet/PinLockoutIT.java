package io.hotline.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("PIN checks")
class PinLockoutIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final MutableClock clock = MutableClock.now();

    /** A new Wallet per attempt stands for a new call: nothing may be remembered in memory. */
    private PinCheck attempt(long account, String pin) {
        return new Wallet(DB.dataSource(), clock).verifyPin(account, pin);
    }

    @Test
    @DisplayName("three wrong PINs over three separate calls lock PIN checks for 30 minutes, even for the right PIN")
    void lockAcrossCalls() {
        long acc = TestAccounts.create(DB.dataSource(), "1111");
        assertThat(attempt(acc, "0000")).isEqualTo(new PinCheck(PinResult.WRONG, 2, null));
        assertThat(attempt(acc, "0001")).isEqualTo(new PinCheck(PinResult.WRONG, 1, null));
        PinCheck third = attempt(acc, "0002");
        assertThat(third.result()).isEqualTo(PinResult.LOCKED);
        assertThat(third.attemptsLeft()).isZero();
        assertThat(third.lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));

        clock.advance(Duration.ofMinutes(29));
        assertThat(attempt(acc, "1111").result()).isEqualTo(PinResult.LOCKED);
        assertThat(attempt(acc, "1111").lockedUntil()).isEqualTo(third.lockedUntil());
    }

    @Test
    @DisplayName("when the lock runs out the caller gets three fresh tries and the right PIN works")
    void lockExpires() {
        long acc = TestAccounts.create(DB.dataSource(), "2222");
        for (int i = 0; i < 3; i++) {
            attempt(acc, "9999");
        }
        clock.advance(Duration.ofMinutes(30));
        assertThat(attempt(acc, "9999")).isEqualTo(new PinCheck(PinResult.WRONG, 2, null));
        assertThat(attempt(acc, "2222")).isEqualTo(new PinCheck(PinResult.OK, 3, null));
    }

    @Test
    @DisplayName("a right PIN resets the count of wrong ones")
    void okResets() {
        long acc = TestAccounts.create(DB.dataSource(), "3333");
        attempt(acc, "0000");
        attempt(acc, "0000");
        assertThat(attempt(acc, "3333").result()).isEqualTo(PinResult.OK);
        assertThat(attempt(acc, "0000")).isEqualTo(new PinCheck(PinResult.WRONG, 2, null));
    }

    @Test
    @DisplayName("wrong PINs typed at the same moment on many calls never give more than three tries")
    void concurrentWrongPins() throws Exception {
        long acc = TestAccounts.create(DB.dataSource(), "4444");
        int callers = 12;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PinCheck>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return attempt(acc, "0000");
                }));
            }
            go.countDown();
        }
        List<PinResult> outcomes = new ArrayList<>();
        for (Future<PinCheck> f : results) {
            outcomes.add(f.get().result());
        }
        assertThat(outcomes).filteredOn(r -> r == PinResult.WRONG).hasSize(2);
        assertThat(outcomes).filteredOn(r -> r == PinResult.LOCKED).hasSize(callers - 2);
        assertThat(attempt(acc, "4444").result()).isEqualTo(PinResult.LOCKED);
    }

    @Test
    @DisplayName("an empty or missing PIN counts as wrong, and an unknown account is refused")
    void oddInput() {
        long acc = TestAccounts.create(DB.dataSource(), "5555");
        assertThat(attempt(acc, "").result()).isEqualTo(PinResult.WRONG);
        assertThat(attempt(acc, null).result()).isEqualTo(PinResult.WRONG);
        assertThatThrownBy(() -> attempt(987_654_321L, "5555")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName(
            "wrong PINs count against the calling number too: past five in an hour even the right PIN is not checked from that phone, other phones are not affected, and an hour later it is open again")
    void perCallingNumber() throws Exception {
        String prober = "+86 155 0000 0009";
        Wallet wallet = new Wallet(DB.dataSource(), clock);
        long[] accounts = {
            TestAccounts.create(DB.dataSource(), "1212"),
            TestAccounts.create(DB.dataSource(), "3434"),
            TestAccounts.create(DB.dataSource(), "5656")
        };
        // two wrong PINs per account, so no account locks: four wrong ones from this phone...
        for (int i = 0; i < 4; i++) {
            assertThat(wallet.verifyPin(accounts[i / 2], "0000", prober).result())
                    .isEqualTo(PinResult.WRONG);
        }
        // ...then a right one, which neither counts nor resets the phone's count, and the fifth wrong one
        assertThat(wallet.verifyPin(accounts[2], "5656", prober).result()).isEqualTo(PinResult.OK);
        assertThat(wallet.verifyPin(accounts[2], "0000", prober).result()).isEqualTo(PinResult.WRONG);

        assertThat(wallet.verifyPin(accounts[0], "1212", prober))
                .isEqualTo(new PinCheck(PinResult.CALLER_LOCKED, 0, null));
        assertThat(wallet.verifyPin(accounts[0], "1212", "15500000010").result())
                .as("another phone")
                .isEqualTo(PinResult.OK);
        assertThat(wallet.verifyPin(accounts[1], "3434", "0086 15500000009").result())
                .as("the same phone, written another way")
                .isEqualTo(PinResult.CALLER_LOCKED);
        assertThat(attempt(accounts[2], "5656").result())
                .as("the account itself is not locked")
                .isEqualTo(PinResult.OK);

        clock.advance(Duration.ofMinutes(61));
        assertThat(wallet.verifyPin(accounts[0], "1212", prober).result()).isEqualTo(PinResult.OK);
    }

    static String msisdn(long account) {
        return io.hotline.db.Tx.withConnection(DB.dataSource(), c -> {
            try (var ps = c.prepareStatement("SELECT msisdn FROM accounts WHERE id = ?")) {
                ps.setLong(1, account);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    @Test
    @DisplayName(
            "a stranger typing the owner's number and wrong PINs cannot lock the owner calling from the registered phone")
    void strangerCannotLockOwner() {
        long acc = TestAccounts.create(DB.dataSource(), "4321");
        String owner = msisdn(acc);
        Wallet wallet = new Wallet(DB.dataSource(), clock);
        for (int i = 0; i < Wallet.PIN_ATTEMPTS; i++) {
            wallet.verifyPin(acc, "0000", "1390000000" + i); // three strangers' phones, one wrong PIN each
        }
        assertThat(wallet.verifyPin(acc, "4321", "13911112222").result())
                .as("from other numbers the account's PIN checks are now locked")
                .isEqualTo(PinResult.LOCKED);
        assertThat(wallet.verifyPin(acc, "4321", owner))
                .as("the owner, from the registered phone")
                .isEqualTo(new PinCheck(PinResult.OK, Wallet.PIN_ATTEMPTS, null));
    }

    @Test
    @DisplayName(
            "wrong PINs from the registered phone and from other numbers are counted apart, each with its own limit")
    void countedApart() {
        long acc = TestAccounts.create(DB.dataSource(), "8765");
        String owner = "+86 " + msisdn(acc);
        Wallet wallet = new Wallet(DB.dataSource(), clock);
        assertThat(wallet.verifyPin(acc, "0000", owner)).isEqualTo(new PinCheck(PinResult.WRONG, 2, null));
        assertThat(wallet.verifyPin(acc, "0000", "13922223333"))
                .as("another number has its own tries")
                .isEqualTo(new PinCheck(PinResult.WRONG, Wallet.OTHER_PHONE_PIN_ATTEMPTS - 1, null));
        assertThat(wallet.verifyPin(acc, "0000", owner)).isEqualTo(new PinCheck(PinResult.WRONG, 1, null));
        assertThat(wallet.verifyPin(acc, "0000", owner).result()).isEqualTo(PinResult.LOCKED);
        assertThat(wallet.verifyPin(acc, "8765", owner).result())
                .as("the registered phone is locked")
                .isEqualTo(PinResult.LOCKED);
        assertThat(wallet.verifyPin(acc, "8765", "13922224444").result())
                .as("the owner whose phone was stolen, calling from another number, still gets in")
                .isEqualTo(PinResult.OK);
    }
}
