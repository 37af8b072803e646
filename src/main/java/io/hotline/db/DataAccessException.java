package io.hotline.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * A database operation failed. Unchecked, so the wallet and tickets APIs stay plain; callers at the
 * edge (actions, the console) map it to an {@code error} outcome. {@link #isUnavailable()} tells an
 * outage (no connection within the pool timeout, connection lost) from a bug.
 */
public class DataAccessException extends RuntimeException {
    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /** The SQLState of the cause, or null. */
    public String sqlState() {
        return getCause() instanceof SQLException e ? e.getSQLState() : null;
    }

    /** True when the database could not be reached, as opposed to a statement failing. */
    public boolean isUnavailable() {
        if (getCause() instanceof SQLTransientConnectionException) {
            return true;
        }
        String state = sqlState();
        return state != null && state.startsWith("08");
    }
}
