package io.hotline.users;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.db.AuditLog;
import io.hotline.db.DataAccessException;
import io.hotline.db.SecretHash;
import io.hotline.db.Tx;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The console's users ({@code users} table): passwords hashed with PBKDF2 ({@link SecretHash}, with
 * {@value #PASSWORD_ITERATIONS} iterations: more than for PINs, since a sign-in is rare and a
 * password is worth more), roles, the Asterisk interface each agent answers on and their queues.
 * Sign-ins are audited; guessing is slowed per login and client address by the console (its {@code SignInThrottle}).
 *
 * <p>Threading: blocking (JDBC and PBKDF2); call on a virtual or worker thread, never on an event loop.
 * Thread-safe.
 */
public final class Users {
    /** PBKDF2 iterations for new passwords. */
    public static final int PASSWORD_ITERATIONS = 210_000;

    private static final String COLUMNS = "id, login, display_name, role, interface, queues";
    // Checked against when the login is unknown, so that an unknown login costs as much time as a known one.
    private static final String DUMMY_HASH = SecretHash.hash("no such user", PASSWORD_ITERATIONS);

    private final DataSource ds;
    private final Clock clock;
    private final int iterations;

    public Users(DataSource ds, Clock clock) {
        this(ds, clock, PASSWORD_ITERATIONS);
    }

    /**
     * Users whose new passwords get {@code iterations} PBKDF2 rounds, for tests and benchmarks that create
     * many users. Checking stays correct for any hash: each stores its own count.
     */
    public static Users withIterations(DataSource ds, Clock clock, int iterations) {
        return new Users(ds, clock, iterations);
    }

    Users(DataSource ds, Clock clock, int iterations) {
        this.ds = Objects.requireNonNull(ds);
        this.clock = Objects.requireNonNull(clock);
        this.iterations = iterations;
    }

    /** A user to create. */
    public record NewUser(String login, String displayName, Role role, String agentInterface, List<String> queues) {
        public NewUser {
            Objects.requireNonNull(login, "login");
            if (!login.matches("[a-z][a-z0-9._-]{1,31}")) {
                throw new IllegalArgumentException("login must be 2-32 characters: a lower-case letter, then "
                        + "letters, digits, '.', '_' or '-'; got '" + login + "'");
            }
            displayName = displayName == null || displayName.isBlank() ? login : displayName.trim();
            Objects.requireNonNull(role, "role");
            agentInterface = agentInterface == null || agentInterface.isBlank() ? null : agentInterface.trim();
            if (agentInterface != null && !agentInterface.matches("[A-Za-z0-9]+/[^\\s,]+")) {
                throw new IllegalArgumentException(
                        "interface must look like PJSIP/1001 or Local/agent1@agents, got '" + agentInterface + "'");
            }
            queues = queues == null
                    ? List.of()
                    : queues.stream()
                            .map(String::trim)
                            .filter(q -> !q.isEmpty())
                            .distinct()
                            .toList();
            for (String q : queues) {
                if (q.equals("general") || !q.matches("[a-z0-9][a-z0-9_-]*")) {
                    throw new IllegalArgumentException("not a usable queue name: '" + q + "'");
                }
            }
        }
    }

    /** Thrown by {@link #add} when the login or the interface is taken. */
    public static final class UserExists extends RuntimeException {
        UserExists(String message) {
            super(message);
        }
    }

    /** Checks a password against the policy: at least 8 characters. */
    public static void checkPassword(String password) {
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("the password must have at least 8 characters");
        }
    }

    /** Creates a user; {@link UserExists} when the login or interface is already used. */
    public ConsoleUser add(NewUser u, String password) {
        checkPassword(password);
        String hash = SecretHash.hash(password, iterations);
        try {
            return Tx.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO users (login, display_name, password_hash, role, interface, queues, created_at,
                                           updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING\s""" + COLUMNS)) {
                    Timestamp now = Timestamp.from(clock.instant());
                    ps.setString(1, u.login());
                    ps.setString(2, u.displayName());
                    ps.setString(3, hash);
                    ps.setString(4, u.role().wire());
                    ps.setString(5, u.agentInterface());
                    ps.setArray(6, c.createArrayOf("text", u.queues().toArray()));
                    ps.setTimestamp(7, now);
                    ps.setTimestamp(8, now);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return user(rs);
                    }
                }
            });
        } catch (DataAccessException e) {
            if ("23505".equals(e.sqlState())) {
                throw new UserExists(
                        e.getMessage().contains("interface")
                                ? "the interface " + u.agentInterface() + " already belongs to another user"
                                : "the login " + u.login() + " already exists");
            }
            throw e;
        }
    }

    /**
     * Checks a sign-in from {@code address}. A right password of a user who is not disabled is recorded
     * ({@code last_signin_at}) and audited ({@code signin}, actor {@code console:<login>}) in one
     * transaction; anything else is {@link SignInOutcome.Rejected}, an unknown login after as much work as
     * a known one. Guessing is slowed by the console (its {@code SignInThrottle}), per login and address, not here: a lock on
     * the login itself would let anyone lock anyone out.
     */
    public SignInOutcome signIn(String login, String password, String address) {
        record Row(ConsoleUser user, String hash, boolean disabled) {}
        String name = login == null ? "" : login.trim().toLowerCase(java.util.Locale.ROOT);
        Optional<Row> found = Tx.withConnection(ds, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + ", password_hash, disabled FROM users WHERE login = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Row(user(rs), rs.getString(7), rs.getBoolean(8)));
                }
            }
        });
        if (found.isEmpty()) {
            SecretHash.matches(password == null ? "" : password, DUMMY_HASH);
            return new SignInOutcome.Rejected();
        }
        Row row = found.get();
        boolean ok = SecretHash.matches(password == null ? "" : password, row.hash()) && !row.disabled();
        if (!ok) {
            return new SignInOutcome.Rejected();
        }
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET last_signin_at = ? WHERE id = ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setLong(2, row.user().id());
                ps.executeUpdate();
            }
            AuditLog.append(
                    c,
                    now,
                    "console:" + row.user().login(),
                    "signin",
                    "user:" + row.user().login(),
                    new io.vertx.core.json.JsonObject()
                            .put("address", address == null ? "?" : address)
                            .put("role", row.user().role().wire())
                            .encode(),
                    null);
            return new SignInOutcome.Accepted(row.user());
        });
    }

    public Optional<ConsoleUser> byLogin(String login) {
        return one("login = ?", login);
    }

    public Optional<ConsoleUser> byInterface(String agentInterface) {
        return one("interface = ?", agentInterface);
    }

    /** Every user that is not disabled, by login. */
    public List<ConsoleUser> all() {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE NOT disabled ORDER BY login");
                    ResultSet rs = ps.executeQuery()) {
                List<ConsoleUser> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(user(rs));
                }
                return out;
            }
        });
    }

    public boolean isEmpty() {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM users)");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    private Optional<ConsoleUser> one(String where, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = selectEnabled(c, where)) {
                ps.setString(1, value.trim());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(user(rs)) : Optional.empty();
                }
            }
        });
    }

    @SuppressFBWarnings(
            value = "SQL_INJECTION_JDBC",
            justification = "callers pass fixed column conditions ('login = ?'); the value is bound")
    private static PreparedStatement selectEnabled(Connection c, String where) throws SQLException {
        return c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE " + where + " AND NOT disabled");
    }

    private static ConsoleUser user(ResultSet rs) throws SQLException {
        Array queues = rs.getArray(6);
        List<String> q = queues == null ? List.of() : Arrays.asList((String[]) queues.getArray());
        return new ConsoleUser(
                rs.getLong(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)), rs.getString(5), q);
    }
}
