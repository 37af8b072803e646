package io.hotline.console;

import io.hotline.users.DemoUsers;
import io.hotline.users.Users;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/** The demo's console users with one test password and cheap hashing, for ITs. */
final class TestUsers {
    static final String PASSWORD = "test-password";
    /** Cheap PBKDF2 for tests: the iteration count is stored with each hash, so checks stay correct. */
    static final int ITERATIONS = 1_000;

    private TestUsers() {}

    static Users create(DataSource ds) {
        Users users = Users.withIterations(ds, Clock.systemUTC(), ITERATIONS);
        for (DemoUsers.Demo d : DemoUsers.USERS) {
            if (users.byLogin(d.user().login()).isEmpty()) {
                users.add(d.user(), PASSWORD);
            }
        }
        return users;
    }

    static List<String> logins() {
        return DemoUsers.USERS.stream().map(d -> d.user().login()).toList();
    }
}
