package io.hotline.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo accounts the flows, the simulator and the tests rely on. Dates are relative to the time of
 * loading, so "recent" stays recent. Demo PINs are stored as PBKDF2 ({@link SecretHash}), which every
 * server can check whatever its pepper; the first right PIN stores them again peppered.
 *
 * <table>
 *   <caption>Demo callers</caption>
 *   <tr><th>phone</th><th>holder</th><th>PIN</th><th>state</th></tr>
 *   <tr><td>13800138000</td><td>Li Wei</td><td>2468</td><td>active; last trusted login 5 days ago;
 *       failed recharges for every failure reason, the newest one debited but not credited; two
 *       transactions after the last trusted login that the owner would not recognise
 *       (transfer out 4,999.00 at 03:12, payment 1,288.00 to "Online Game Store"); outgoing money all fine
 *       (a withdrawal with the bank due within hours, a refunded transfer, an arrived withdrawal)</td></tr>
 *   <tr><td>13900139000</td><td>Zhang Min</td><td>1357</td><td>active; app login locked; outgoing money: a
 *       submitted transfer, one returned by the receiving bank, a withdrawal overdue at the payment
 *       channel</td></tr>
 *   <tr><td>13700137000</td><td>Wang Fang</td><td>8642</td><td>frozen (freeze F-100001 in a fresh
 *       database)</td></tr>
 *   <tr><td>13600136000</td><td>—</td><td>—</td><td>no account</td></tr>
 * </table>
 */
public final class DemoData {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    public static final String LI_WEI = "13800138000";
    public static final String ZHANG_MIN = "13900139000";
    public static final String WANG_FANG = "13700137000";
    public static final String NO_ACCOUNT = "13600136000";

    /** Where the demo customers live; "03:12" is a local time there. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private DemoData() {}

    /** Loads the demo data in one transaction unless its accounts exist; true when it loaded. */
    public static boolean load(DataSource ds) {
        return load(ds, Clock.systemUTC());
    }

    /** As {@link #load(DataSource)}, with "now" taken from {@code clock}. */
    public static boolean load(DataSource ds, Clock clock) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM accounts WHERE msisdn IN (?, ?, ?)")) {
                ps.setString(1, LI_WEI);
                ps.setString(2, ZHANG_MIN);
                ps.setString(3, WANG_FANG);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return false;
                    }
                }
            }
            new Loader(c, clock.instant()).load();
            log.info("demo data loaded: 3 accounts ({}, {}, {})", "Li Wei", "Zhang Min", "Wang Fang");
            return true;
        });
    }

    /**
     * Callers for {@code hotline bench agi}: {@code count} look-alikes of Li Wei (same PIN 2468,
     * same recharges and transactions, PIN stored as {@code pinHash}) under the numbers {@link #benchCaller(int)} 0..count-1, so
     * concurrent benchmark calls are spread over many accounts instead of all locking one.
     * Loads nothing if the first of them exists; returns how many accounts were added.
     */
    public static int loadBenchCallers(DataSource ds, Clock clock, int count, String pinHash) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM accounts WHERE msisdn = ?")) {
                ps.setString(1, benchCaller(0));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return 0;
                    }
                }
            }
            Loader loader = new Loader(c, clock.instant());
            for (int i = 0; i < count; i++) {
                loader.refTag = "B" + i + "-";
                long id = loader.accountWithHash(
                        benchCaller(i),
                        "Bench Caller " + i,
                        "active",
                        pinHash,
                        false,
                        0,
                        clock.instant().minus(Duration.ofDays(5)));
                loader.liWeiHistory(id);
            }
            return count;
        });
    }

    /** The phone number of bench caller {@code i}: {@code 155} and eight digits. */
    public static String benchCaller(int i) {
        return String.format("155%08d", i);
    }

    private static final class Loader {
        private static final DateTimeFormatter DAY =
                DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZONE);
        private final Connection c;
        private final Instant now;
        private int rechargeNo;
        private int txNo;
        private int transferNo;
        private String refTag = "";

        Loader(Connection c, Instant now) {
            this.c = c;
            this.now = now;
        }

        void load() throws SQLException {
            long li = account(LI_WEI, "Li Wei", "active", "2468", false, 0, now.minus(days(5)));
            liWeiHistory(li);

            long zhang = account(ZHANG_MIN, "Zhang Min", "active", "1357", true, 5, now.minus(days(30)));
            recharge(zhang, 30_000, "Alipay", null, "succeeded", null, ago(14, 11, 0));
            tx(zhang, ago(14, 11, 0), 30_000, "recharge", null, "Alipay");
            tx(zhang, ago(9, 13, 25), -4_200, "payment", "Meituan", "wallet balance");
            zhangMinTransfers(zhang);
            restOfLoad();
        }

        /** Li Wei's recharges and transactions (also given to the bench callers). */
        void liWeiHistory(long li) throws SQLException {
            recharge(li, 50_000, "ICBC debit card", "6217", "succeeded", null, ago(20, 10, 5));
            recharge(li, 20_000, "Alipay", null, "succeeded", null, ago(12, 19, 40));
            recharge(li, 30_000, "UnionPay", "4410", "failed", "card_declined", ago(9, 14, 22));
            recharge(li, 200_000, "ICBC debit card", "6217", "failed", "insufficient_funds", ago(7, 9, 15));
            recharge(li, 5_000_000, "ICBC debit card", "6217", "failed", "limit_exceeded", ago(6, 21, 3));
            recharge(li, 10_000, "Alipay", null, "failed", "network_timeout", ago(4, 12, 48));
            recharge(li, 80_000, "UnionPay", "4410", "failed", "channel_maintenance", ago(3, 23, 30));
            recharge(li, 100_000, "ICBC debit card", "6217", "debited_not_credited", null, ago(1, 8, 20));

            tx(li, ago(20, 10, 5), 50_000, "recharge", null, "ICBC debit card");
            tx(li, ago(15, 8, 31), -3_550, "payment", "Starbucks Coffee", "wallet balance");
            tx(li, ago(12, 19, 40), 20_000, "recharge", null, "Alipay");
            tx(li, ago(10, 18, 2), 30_000, "transfer_in", "Chen Jie", "wallet transfer");
            tx(li, ago(8, 12, 15), -12_800, "payment", "China Mobile", "wallet balance");
            tx(li, ago(6, 17, 45), -20_000, "withdrawal", "ICBC debit card ****6217", "bank withdrawal");
            // after the last trusted login: the two the owner does not recognise
            tx(li, ago(2, 3, 12), -499_900, "transfer_out", "Unknown account 6222****9031", "wallet transfer");
            tx(li, ago(2, 3, 40), -128_800, "payment", "Online Game Store", "wallet balance");
            liWeiTransfers(li);
        }

        /**
         * Li Wei's outgoing money, all fine: the newest three are a withdrawal with the bank that should arrive
         * within hours, a transfer that failed and was refunded, and a withdrawal that arrived.
         */
        void liWeiTransfers(long li) throws SQLException {
            transfer(
                    li,
                    "withdrawal",
                    200_000,
                    200,
                    "ICBC",
                    "6217",
                    now.minus(Duration.ofMinutes(50)),
                    "processing",
                    "bank",
                    now.plus(Duration.ofHours(3)),
                    null,
                    null);
            transfer(
                    li,
                    "transfer",
                    50_000,
                    0,
                    "China Construction Bank",
                    "4532",
                    ago(2, 9, 30),
                    "refunded",
                    null,
                    ago(2, 11, 30),
                    ago(2, 10, 5),
                    "channel_rejected");
            transfer(
                    li,
                    "withdrawal",
                    100_000,
                    100,
                    "ICBC",
                    "6217",
                    ago(4, 10, 0),
                    "completed",
                    null,
                    ago(4, 12, 0),
                    ago(4, 11, 20),
                    null);
            transfer(
                    li,
                    "withdrawal",
                    30_000,
                    100,
                    "ICBC",
                    "6217",
                    ago(11, 16, 0),
                    "completed",
                    null,
                    ago(11, 18, 0),
                    ago(11, 16, 40),
                    null);
        }

        /**
         * Zhang Min's: a transfer just submitted, one the receiving bank returned (the name did not match), and a
         * withdrawal still with the payment channel a day after it should have arrived (overdue: traced).
         */
        private void zhangMinTransfers(long zhang) throws SQLException {
            transfer(
                    zhang,
                    "transfer",
                    30_000,
                    0,
                    "Agricultural Bank of China",
                    "8841",
                    now.minus(Duration.ofMinutes(20)),
                    "submitted",
                    null,
                    now.plus(Duration.ofHours(26)),
                    null,
                    null);
            transfer(
                    zhang,
                    "transfer",
                    150_000,
                    0,
                    "Bank of China",
                    "2290",
                    ago(2, 14, 10),
                    "returned",
                    null,
                    ago(2, 16, 10),
                    ago(1, 9, 45),
                    "name_mismatch");
            transfer(
                    zhang,
                    "withdrawal",
                    80_000,
                    100,
                    "China Merchants Bank",
                    "5567",
                    ago(3, 16, 0),
                    "processing",
                    "channel",
                    ago(2, 18, 0),
                    null,
                    null);
        }

        private void restOfLoad() throws SQLException {
            long wang = account(WANG_FANG, "Wang Fang", "frozen", "8642", false, 0, now.minus(days(10)));
            recharge(wang, 100_000, "China Merchants Bank debit card", "3382", "succeeded", null, ago(11, 9, 30));
            tx(wang, ago(11, 9, 30), 100_000, "recharge", null, "China Merchants Bank debit card");
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO freezes (reference, account_id, frozen_at, frozen_by, reason, call_id)
                    VALUES ('F-' || nextval('freeze_ref_seq'), ?, ?, 'ivr', 'caller reported the phone stolen',
                            'demo-call-0001')""")) {
                ps.setLong(1, wang);
                ps.setTimestamp(2, Timestamp.from(ago(3, 22, 5)));
                ps.executeUpdate();
            }
        }

        private long account(
                String msisdn,
                String name,
                String status,
                String pin,
                boolean loginLocked,
                int loginFailed,
                Instant lastTrusted)
                throws SQLException {
            return accountWithHash(msisdn, name, status, SecretHash.hash(pin), loginLocked, loginFailed, lastTrusted);
        }

        long accountWithHash(
                String msisdn,
                String name,
                String status,
                String pinHash,
                boolean loginLocked,
                int loginFailed,
                Instant lastTrusted)
                throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO accounts (msisdn, holder_name, status, pin_hash, login_locked, login_failed_count,
                                          last_trusted_login, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                ps.setString(1, msisdn);
                ps.setString(2, name);
                ps.setString(3, status);
                ps.setString(4, pinHash);
                ps.setBoolean(5, loginLocked);
                ps.setInt(6, loginFailed);
                ps.setTimestamp(7, Timestamp.from(lastTrusted));
                ps.setTimestamp(8, Timestamp.from(now.minus(days(400))));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private void recharge(
                long account, long fen, String channel, String last4, String status, String reason, Instant at)
                throws SQLException {
            String ref = "R-" + DAY.format(at) + "-" + refTag + String.format("%04d", ++rechargeNo);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO recharges (reference, account_id, amount_fen, channel, card_last4, status,
                                           failure_reason, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, ref);
                ps.setLong(2, account);
                ps.setLong(3, fen);
                ps.setString(4, channel);
                ps.setString(5, last4);
                ps.setString(6, status);
                ps.setString(7, reason);
                ps.setTimestamp(8, Timestamp.from(at));
                ps.executeUpdate();
            }
        }

        private void transfer(
                long account,
                String kind,
                long fen,
                long feeFen,
                String bank,
                String last4,
                Instant submitted,
                String state,
                String processingAt,
                Instant expected,
                Instant settled,
                String reason)
                throws SQLException {
            String ref = (kind.equals("withdrawal") ? "W-" : "T-") + DAY.format(submitted) + "-" + refTag
                    + String.format("%04d", ++transferNo);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO outgoing_transfers (reference, account_id, kind, amount_fen, fee_fen, destination_bank,
                        destination_last4, submitted_at, state, processing_at, expected_by, settled_at, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, ref);
                ps.setLong(2, account);
                ps.setString(3, kind);
                ps.setLong(4, fen);
                ps.setLong(5, feeFen);
                ps.setString(6, bank);
                ps.setString(7, last4);
                ps.setTimestamp(8, Timestamp.from(submitted));
                ps.setString(9, state);
                ps.setString(10, processingAt);
                ps.setTimestamp(11, Timestamp.from(expected));
                ps.setTimestamp(12, settled == null ? null : Timestamp.from(settled));
                ps.setString(13, reason);
                ps.executeUpdate();
            }
        }

        private void tx(long account, Instant at, long fen, String kind, String counterparty, String channel)
                throws SQLException {
            String ref = "TX-" + DAY.format(at) + "-" + refTag + String.format("%05d", ++txNo);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO transactions (reference, account_id, at, amount_fen, kind, counterparty, channel,
                                              created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, ref);
                ps.setLong(2, account);
                ps.setTimestamp(3, Timestamp.from(at));
                ps.setLong(4, fen);
                ps.setString(5, kind);
                ps.setString(6, counterparty);
                ps.setString(7, channel);
                ps.setTimestamp(8, Timestamp.from(at));
                ps.executeUpdate();
            }
        }

        /** {@code daysAgo} days before today (local), at hh:mm local time. */
        private Instant ago(int daysAgo, int hour, int minute) {
            return now.atZone(ZONE)
                    .toLocalDate()
                    .minusDays(daysAgo)
                    .atTime(LocalTime.of(hour, minute))
                    .atZone(ZONE)
                    .toInstant();
        }

        private static Duration days(int n) {
            return Duration.ofDays(n);
        }
    }
}
