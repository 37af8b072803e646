package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.Hotline;
import io.hotline.db.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Signing in to the console")
class SignInIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    static Hotline hotline;
    static Users users;

    @BeforeAll
    static void start() {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        users = TestUsers.create(DB.dataSource());
    }

    @AfterAll
    static void stop() {
        hotline.close();
    }

    private static Console console(int perMinute) {
        return Console.start(null, hotline, users, ConsoleConfig.forTests(perMinute, Duration.ofSeconds(20)),
                Optional.empty(), false, Clock.systemUTC());
    }

    @Test
    @DisplayName("after five wrong passwords the login is locked, even for the right password")
    void lockAfterFailures() {
        users.add(new Users.NewUser("lockme", "Lock Me", Role.AGENT, null, List.of("fraud")), TestUsers.PASSWORD);
        try (Console console = console(100); var c = new ConsoleClient(console.port())) {
            for (int i = 0; i < Users.MAX_FAILURES - 1; i++) {
                assertThat(c.signIn("lockme", "wrong-" + i).status()).isEqualTo(401);
            }
            assertThat(c.signIn("lockme", "wrong-last").status()).isEqualTo(423);
            assertThat(c.signIn("lockme", TestUsers.PASSWORD).status()).isEqualTo(423);
            assertThat(c.signIn("alice", TestUsers.PASSWORD).status()).as("other logins are not affected")
                    .isEqualTo(200);
        }
    }

    @Test
    @DisplayName("too many attempts from one address in a minute are refused with 429 and Retry-After")
    void rateLimited() {
        try (Console console = console(3); var c = new ConsoleClient(console.port())) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.signIn("nobody", "guess-" + i).status()).isEqualTo(401);
            }
            var refused = c.signIn("alice", TestUsers.PASSWORD);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.body().getString("error")).contains("too many");
        }
    }

    @Test
    @DisplayName("signing in needs the CSRF token of the sign-in page, and gives a new session")
    void freshSession() {
        try (Console console = console(100); var c = new ConsoleClient(console.port())) {
            c.session();
            String anonymous = c.sessionCookie();
            assertThat(c.post("/api/signin", new io.vertx.core.json.JsonObject().put("login", "alice")
                    .put("password", TestUsers.PASSWORD), "not-the-token").status()).isEqualTo(403);
            assertThat(c.signIn("alice", TestUsers.PASSWORD).status()).isEqualTo(200);
            assertThat(c.sessionCookie()).isNotEqualTo(anonymous).isNotEmpty();
            assertThat(c.get("/api/board").status()).isEqualTo(200);
            assertThat(c.post("/api/signout", new io.vertx.core.json.JsonObject()).status()).isEqualTo(200);
            assertThat(c.get("/api/board").status()).isEqualTo(401);
        }
    }

    @Test
    @DisplayName("users need a proper login, role, interface and password; logins and interfaces are unique")
    void addingUsers() {
        assertThatThrownBy(() -> new Users.NewUser("Bad Login", null, Role.AGENT, null, List.of()))
                .hasMessageContaining("login");
        assertThatThrownBy(() -> new Users.NewUser("x1", null, Role.AGENT, "not an interface", List.of()))
                .hasMessageContaining("interface");
        assertThatThrownBy(() -> new Users.NewUser("x2", null, Role.AGENT, null, List.of("general")))
                .hasMessageContaining("queue");
        assertThatThrownBy(() -> Role.parse("boss")).hasMessageContaining("agent, supervisor or admin");
        assertThatThrownBy(() -> users.add(new Users.NewUser("shorty", null, Role.AGENT, null, List.of()), "short"))
                .hasMessageContaining("8 characters");
        assertThatThrownBy(() -> users.add(new Users.NewUser("alice", null, Role.AGENT, null, List.of()),
                TestUsers.PASSWORD)).isInstanceOf(Users.UserExists.class).hasMessageContaining("login alice");
        assertThatThrownBy(() -> users.add(new Users.NewUser("alice2", null, Role.AGENT, "Local/agent1@agents",
                List.of()), TestUsers.PASSWORD)).isInstanceOf(Users.UserExists.class).hasMessageContaining("interface");
        assertThat(users.byInterface("Local/agent1@agents")).map(ConsoleUser::login).contains("alice");
    }
}
