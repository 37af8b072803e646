package io.hotline.db;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one transaction helper. Every JDBC use in {@code wallet} and {@code tickets} goes through it:
 * it borrows a connection, runs the work, commits (or rolls back on any exception) and returns the
 * connection. SQL errors come out as {@link DataAccessException}.
 *
 * <p>Threading: blocking; call on a virtual thread, never on an event loop.
 */
public final class Tx {
    private static final Logger log = LoggerFactory.getLogger(Tx.class);

    /** How many times a serializable transaction is tried when PostgreSQL reports a conflict. */
    static final int SERIALIZABLE_ATTEMPTS = 5;

    /** The isolation level of a transaction. */
    public enum Isolation {
        /** PostgreSQL's default; use row locks ({@code SELECT ... FOR UPDATE}) for read-modify-write. */
        READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
        /** Retried on serialization failure (40001) and deadlock (40P01), so the work must be repeatable. */
        SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

        private final int jdbc;

        Isolation(int jdbc) {
            this.jdbc = jdbc;
        }
    }

    private Tx() {}

    /** Runs {@code work} in one READ COMMITTED transaction, committed before this returns. */
    public static <T> T inTransaction(DataSource ds, SqlWork<T> work) {
        return inTransaction(ds, Isolation.READ_COMMITTED, work);
    }

    /**
     * Runs {@code work} in one transaction at {@code isolation}. SERIALIZABLE transactions that fail
     * with a serialization failure or deadlock are run again, up to {@value #SERIALIZABLE_ATTEMPTS}
     * times in all.
     */
    public static <T> T inTransaction(DataSource ds, Isolation isolation, SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        int attempts = isolation == Isolation.SERIALIZABLE ? SERIALIZABLE_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return once(ds, isolation, work);
            } catch (SQLException e) {
                if (attempt < attempts && isRetryable(e)) {
                    log.debug(
                            "serializable transaction conflict ({}), attempt {} of {}",
                            e.getSQLState(),
                            attempt,
                            attempts);
                    backOff(attempt);
                    continue;
                }
                throw new DataAccessException("transaction failed", e);
            }
        }
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode (each statement its own transaction). */
    public static <T> T withConnection(DataSource ds, SqlWork<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException("database call failed", e);
        }
    }

    private static <T> T once(DataSource ds, Isolation isolation, SqlWork<T> work) throws SQLException {
        // A pool (HikariCP) puts auto-commit and isolation back when the connection is returned, and
        // Database's pool hands out read-committed connections: asking the connection its isolation would
        // cost a round trip to the server (pgjdbc sends SHOW TRANSACTION ISOLATION LEVEL) per transaction.
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            if (isolation != Isolation.READ_COMMITTED) {
                c.setTransactionIsolation(isolation.jdbc);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * A short random pause before trying again, growing with the attempt: transactions that collided
     * and retried at once would mostly collide again.
     */
    @SuppressFBWarnings(value = "PREDICTABLE_RANDOM", justification = "back-off jitter, not a secret")
    private static void backOff(int attempt) {
        long maxMicros = 2_000L << Math.min(attempt, 5);
        try {
            Thread.sleep(java.time.Duration.ofNanos(
                    1_000 * java.util.concurrent.ThreadLocalRandom.current().nextLong(maxMicros / 4, maxMicros)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }
}
