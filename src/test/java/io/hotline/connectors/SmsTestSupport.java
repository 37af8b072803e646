package io.hotline.connectors;

import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** Accounts and outbox reads for the SMS tests. */
final class SmsTestSupport {
    private static final AtomicLong NEXT = new AtomicLong(16_000_000_000L + (System.nanoTime() % 1_000_000) * 1000);

    private SmsTestSupport() {}

    /** Settings for a gateway under test: short timeouts and back-offs, so faults settle quickly. */
    static SmsConfig quick() {
        return new SmsConfig(
                "log",
                "Hotline",
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                Duration.ofMillis(100),
                5,
                Duration.ofMillis(50),
                Duration.ofMillis(400),
                Duration.ofSeconds(30),
                null,
                null);
    }

    /** A new active account; returns {id, msisdn}. */
    static Object[] account(DataSource ds) {
        String msisdn = Long.toString(NEXT.incrementAndGet());
        long id = Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO accounts (msisdn, holder_name, status) VALUES (?, 'Test Holder', 'active') RETURNING id""")) {
                ps.setString(1, msisdn);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Object[] {id, msisdn};
    }

    /** A fresh recipient number with no account (for plain texts). */
    static String number() {
        return Long.toString(NEXT.incrementAndGet());
    }

    /** Closes whatever a test left open in the outbox, so the next test's sender does not pick it up. */
    static void settleAll(DataSource ds) {
        Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE sms_outbox SET status = 'cancelled', sealed_code = NULL, lease_token = NULL,
                           lease_until = NULL WHERE status IN ('pending', 'sending')""")) {
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Awaitility with a generous ceiling: it only stops a test that would otherwise hang; nothing is asserted
     * about how long anything takes.
     */
    static org.awaitility.core.ConditionFactory eventually() {
        return org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20));
    }

    /** The first column of the first row as text (null if no row). */
    static String single(DataSource ds, String sql, Object... args) {
        return io.hotline.db.TestDatabase.single(ds, sql, args);
    }
}
