package io.hotline.tickets;

import io.hotline.db.DataAccessException;
import io.hotline.db.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Group commit for single-row writes that many calls make at the same time (a session's start and end): each
 * writer queues its row and waits until it is committed, as before, but whoever gets to write first writes every
 * row queued by then, in one transaction with one JDBC batch per statement. With one call at a time that is one
 * row per transaction, as without it; with thousands of calls in progress a handful of round trips and one
 * durable commit serve dozens of calls, instead of a pooled connection and a commit each.
 *
 * <p>A row is never reported written when it was not: the writer's own call returns only after the transaction
 * holding its row has committed, and throws when it failed. When a batch fails for a reason other than the
 * database being unreachable, its rows are written again one by one, so that one bad row fails only its own
 * writer.
 *
 * <p>Threading: thread-safe; {@link #write} blocks (virtual threads).
 */
final class GroupWrites {
    /** Most rows in one transaction. */
    static final int MAX_BATCH = 256;

    /** One row: the statement it goes through and how it fills the statement's parameters. */
    interface Row {
        String sql();

        void bind(PreparedStatement ps) throws SQLException;
    }

    private static final class Pending {
        final Row row;
        volatile boolean done;
        volatile RuntimeException failure;

        Pending(Row row) {
            this.row = row;
        }
    }

    private final DataSource ds;
    private final List<String> statements;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    /**
     * @param statements every statement a row may name, in the order a transaction runs them (a session's start
     *     before any end, so a call that starts and ends in the same batch keeps its start)
     */
    GroupWrites(DataSource ds, List<String> statements) {
        this.ds = ds;
        this.statements = List.copyOf(statements);
    }

    /**
     * Writes {@code row}, together with the rows other threads queued meanwhile, and returns once it is committed.
     *
     * @throws DataAccessException when its transaction failed
     */
    void write(Row row) {
        Pending mine = new Pending(row);
        queue.add(mine);
        writing.lock();
        try {
            // the thread before us may have written our row along with its own
            while (!mine.done) {
                writeBatch();
            }
        } finally {
            writing.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Writes up to {@link #MAX_BATCH} queued rows. Under the lock. */
    private void writeBatch() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            if (batch.size() == 1) { // auto-commit: one round trip, no COMMIT
                Tx.withConnection(ds, c -> execute(c, batch));
            } else {
                Tx.inTransaction(ds, c -> execute(c, batch));
            }
            batch.forEach(p -> p.done = true);
        } catch (DataAccessException e) {
            if (batch.size() == 1 || unreachable(e)) {
                batch.forEach(p -> fail(p, e));
            } else {
                batch.forEach(this::writeAlone);
            }
        }
    }

    private void writeAlone(Pending p) {
        try {
            Tx.withConnection(ds, c -> execute(c, List.of(p)));
            p.done = true;
        } catch (DataAccessException e) {
            fail(p, e);
        }
    }

    private static void fail(Pending p, RuntimeException e) {
        p.failure = e;
        p.done = true;
    }

    /** The rows, one JDBC batch per statement, the statements in their given order. */
    private Void execute(Connection c, List<Pending> batch) throws SQLException {
        Map<String, List<Row>> bySql = new LinkedHashMap<>();
        statements.forEach(sql -> bySql.put(sql, new ArrayList<>()));
        for (Pending p : batch) {
            List<Row> rows = bySql.get(p.row.sql());
            if (rows == null) {
                throw new IllegalArgumentException("statement not given to GroupWrites: " + p.row.sql());
            }
            rows.add(p.row);
        }
        for (Map.Entry<String, List<Row>> e : bySql.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(e.getKey())) {
                if (e.getValue().size() == 1) {
                    e.getValue().getFirst().bind(ps);
                    ps.executeUpdate();
                } else {
                    for (Row r : e.getValue()) {
                        r.bind(ps);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        }
        return null;
    }

    /** The pool had no connection or the connection broke: writing the rows one by one would only wait longer. */
    private static boolean unreachable(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || (t instanceof SQLException s
                            && s.getSQLState() != null
                            && s.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
