package io.hotline.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of JDBC work run by {@link Tx} on a connection it owns. The work must not commit, roll
 * back or close the connection; it may be run more than once when a serializable transaction is
 * retried, so it must not have effects outside the database.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
