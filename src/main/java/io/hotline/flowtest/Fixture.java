package io.hotline.flowtest;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.db.Tx;
import io.hotline.wallet.Account;
import io.hotline.wallet.AccountStatus;
import io.hotline.wallet.Wallet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * An adjustment to a demo account before a case's call, written as plain words in a case
 * file: {@code account frozen}, {@code account active}, {@code login locked},
 * {@code login unlocked}, {@code pin locked}, {@code pin attempts left 1},
 * {@code reset codes sent 3}. Changes go through the wallet where it has the operation,
 * else one parameterised update.
 */
public sealed interface Fixture {
    /** The words that name each adjustment, for messages. */
    List<String> WORDS = List.of(
            "account frozen",
            "account active",
            "login locked",
            "login unlocked",
            "pin locked",
            "pin attempts left <1-3>",
            "reset codes sent <n>");

    /** Applies the adjustment to the account, committed before returning. */
    void apply(Account account, Wallet wallet, DataSource ds, Clock clock);

    /** Frozen with a freeze, as if reported stolen earlier. */
    record Frozen() implements Fixture {
        @Override
        public void apply(Account account, Wallet wallet, DataSource ds, Clock clock) {
            wallet.freeze(account.id(), "fixture", "test-flows", "case fixture: account frozen");
        }
    }

    /** Any freeze released. */
    record Active() implements Fixture {
        @Override
        public void apply(Account account, Wallet wallet, DataSource ds, Clock clock) {
            if (account.status() == AccountStatus.FROZEN) {
                wallet.unfreeze(account.id(), "test-flows", "case fixture: account active");
            }
        }
    }

    /** The app login locked (or not) after wrong passwords. */
    record Login(boolean locked) implements Fixture {
        @Override
        public void apply(Account account, Wallet wallet, DataSource ds, Clock clock) {
            update(
                    ds,
                    "UPDATE accounts SET login_locked = ?, login_failed_count = ? WHERE id = ?",
                    locked,
                    locked ? 5 : 0,
                    account.id());
        }
    }

    /** PIN checks locked for the wallet's lock period from now. */
    record PinLocked() implements Fixture {
        @Override
        public void apply(Account account, Wallet wallet, DataSource ds, Clock clock) {
            Timestamp until = Timestamp.from(clock.instant().plus(Wallet.PIN_LOCK));
            update(
                    ds,
                    "UPDATE accounts SET pin_failed_count = ?, pin_locked_until = ?, pin_other_failed_count = ?,"
                            + " pin_other_locked_until = ? WHERE id = ?",
                    Wallet.PIN_ATTEMPTS,
                    until,
                    Wallet.OTHER_PHONE_PIN_ATTEMPTS,
                    until,
                    account.id());
        }
    }

    /** Wrong PINs already typed so that {@code left} tries remain. */
    record PinAttemptsLeft(int left) implements Fixture {
        @Override
        public void apply(Account account, Wallet wallet, DataSource ds, Clock clock) {
            update(
                    ds,
                    "UPDATE accounts SET pin_failed_count = ?, pin_locked_until = NULL, pin_other_failed_count = ?,"
                            + " pin_other_locked_until = NULL WHERE id = ?",
                    Wallet.PIN_ATTEMPTS - left,
                    Wallet.OTHER_PHONE_PIN_ATTEMPTS - left,
                    account.id());
        }
    }

    /** Reset codes already sent in the last hour (so the next one may be rate-limited). */
    record ResetCodesSent(int count) implements Fixture {
        @Override
        public void apply(Account account, Wallet wallet, DataSource ds, Clock clock) {
            for (int i = 0; i < count; i++) {
                wallet.sendResetCode(account.id(), "fixture");
            }
        }
    }

    /**
     * Reads one adjustment.
     *
     * @throws IllegalArgumentException naming the adjustments there are
     */
    static Fixture parse(String words) {
        String w = words.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        switch (w) {
            case "account frozen", "frozen" -> {
                return new Frozen();
            }
            case "account active", "active" -> {
                return new Active();
            }
            case "login locked" -> {
                return new Login(true);
            }
            case "login unlocked" -> {
                return new Login(false);
            }
            case "pin locked" -> {
                return new PinLocked();
            }
            default -> {
                // a counted fixture, below
            }
        }
        Matcher m = Pattern.compile("pin attempts left (\\d+)").matcher(w);
        if (m.matches()) {
            int left = Integer.parseInt(m.group(1));
            if (left < 1 || left > Wallet.PIN_ATTEMPTS) {
                throw new IllegalArgumentException(
                        "pin attempts left must be 1 to " + Wallet.PIN_ATTEMPTS + " (for none, write 'pin locked')");
            }
            return new PinAttemptsLeft(left);
        }
        m = Pattern.compile("reset codes sent (\\d+)").matcher(w);
        if (m.matches()) {
            return new ResetCodesSent(Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException(
                "unknown fixture '" + words + "' (one of: " + String.join(", ", WORDS) + ")");
    }

    private static void update(DataSource ds, String sql, Object... args) {
        Tx.inTransaction(ds, c -> execute(c, sql, args));
    }

    @SuppressFBWarnings(
            value = "SQL_INJECTION_JDBC",
            justification = "callers pass fixed SQL with ? placeholders; the values are bound")
    private static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
