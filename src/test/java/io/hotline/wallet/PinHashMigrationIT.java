package io.hotline.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.db.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("PIN hashes moving to the pepper")
class PinHashMigrationIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final MutableClock clock = MutableClock.now();
    private final PinHasher peppered =
            PinHasher.peppered("the pepper this server has, 32 bytes or more".getBytes(StandardCharsets.UTF_8));

    private String storedHash(long account) {
        return Tx.withConnection(DB.dataSource(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pin_hash FROM accounts WHERE id = ?")) {
                ps.setLong(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    @Test
    @DisplayName("a PBKDF2 PIN typed right is stored again peppered and keeps working; a wrong one changes nothing")
    void rightPinMovesOver() {
        long acc = TestAccounts.create(DB.dataSource(), "2468"); // PBKDF2, as before the pepper
        var wallet = new Wallet(DB.dataSource(), clock, peppered);
        assertThat(wallet.verifyPin(acc, "1111").result()).isEqualTo(PinResult.WRONG);
        assertThat(storedHash(acc)).startsWith("pbkdf2-sha256$");
        assertThat(wallet.verifyPin(acc, "2468").result()).isEqualTo(PinResult.OK);
        assertThat(storedHash(acc)).startsWith("hmac-sha256$");
        assertThat(wallet.verifyPin(acc, "2468").result()).isEqualTo(PinResult.OK);
        assertThat(wallet.verifyPin(acc, "1111"))
                .as("the wrong count still works after the move")
                .isEqualTo(new PinCheck(PinResult.WRONG, 2, null));
    }

    @Test
    @DisplayName("a server with another pepper cannot check the PIN: an error, and no try is used up")
    void wrongPepperCountsNothing() {
        long acc = TestAccounts.create(DB.dataSource(), "2468");
        new Wallet(DB.dataSource(), clock, peppered).verifyPin(acc, "2468"); // now peppered
        var stranger = new Wallet(
                DB.dataSource(),
                clock,
                PinHasher.peppered("a different pepper, also 32 bytes or more".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> stranger.verifyPin(acc, "0000"))
                    .isInstanceOf(PinHasher.WrongPepperException.class);
        }
        assertThat(new Wallet(DB.dataSource(), clock, peppered).verifyPin(acc, "2468"))
                .as("not locked out by the failed checks")
                .isEqualTo(new PinCheck(PinResult.OK, 3, null));
    }
}
