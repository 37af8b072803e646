package io.hotline.wallet;

import io.hotline.db.SecretHash;
import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** Creates throw-away accounts so each test starts from a known state. */
final class TestAccounts {
    private static final AtomicLong NEXT = new AtomicLong(15_000_000_000L);

    private TestAccounts() {}

    /** A new active account with the given PIN; returns its id. */
    static long create(DataSource ds, String pin) {
        return create(ds, pin, false);
    }

    static long create(DataSource ds, String pin, boolean loginLocked) {
        String msisdn = Long.toString(NEXT.incrementAndGet());
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO accounts (msisdn, holder_name, status, pin_hash, login_locked, login_failed_count)
                    VALUES (?, 'Test Holder', 'active', ?, ?, ?) RETURNING id""")) {
                ps.setString(1, msisdn);
                ps.setString(2, SecretHash.hash(pin));
                ps.setBoolean(3, loginLocked);
                ps.setInt(4, loginLocked ? 5 : 0);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    static long count(DataSource ds, String sql, Object... args) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
