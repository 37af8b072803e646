package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.db.TestDatabase;
import io.hotline.server.Hotline;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.hotline.users.Users;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
        return console(perMinute, Clock.systemUTC());
    }

    private static Console console(int perMinute, Clock clock) {
        return Console.start(hotline.consoleSetup(ConsoleConfig.forTests(perMinute, Duration.ofSeconds(20)), users)
                .withClock(clock));
    }

    static final java.net.InetAddress ELSEWHERE = address("127.0.0.2");

    static java.net.InetAddress address(String a) {
        try {
            return java.net.InetAddress.getByName(a);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName(
            "after five wrong passwords the same login from the same address must wait, even with the right password")
    void delayAfterFailures() {
        users.add(new Users.NewUser("lockme", "Lock Me", Role.AGENT, null, List.of("fraud")), TestUsers.PASSWORD);
        try (Console console = console(100);
                var c = new ConsoleClient(console.port())) {
            for (int i = 0; i < SignInThrottle.FREE_FAILURES - 1; i++) {
                assertThat(c.signIn("lockme", "wrong-" + i).status()).isEqualTo(401);
            }
            var fifth = c.signIn("lockme", "wrong-last");
            assertThat(fifth.status()).isEqualTo(429);
            assertThat(fifth.body().getString("error")).contains("wrong login or password");
            assertThat(c.signIn("lockme", TestUsers.PASSWORD).status()).isEqualTo(429);
            assertThat(c.signIn("alice", TestUsers.PASSWORD).status())
                    .as("other logins are not affected")
                    .isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a stranger's wrong passwords from another address do not lock the owner out")
    void noLockOutForStrangers() {
        users.add(new Users.NewUser("victim", "Victim", Role.AGENT, null, List.of("fraud")), TestUsers.PASSWORD);
        try (Console console = console(100);
                var stranger = new ConsoleClient(console.port(), ELSEWHERE);
                var owner = new ConsoleClient(console.port())) {
            for (int i = 0; i < 10; i++) {
                assertThat(stranger.signIn("victim", "guess-" + i).status()).isIn(401, 429);
            }
            assertThat(stranger.signIn("victim", "guess-again").status())
                    .as("the stranger is slowed down")
                    .isEqualTo(429);
            assertThat(owner.signIn("victim", TestUsers.PASSWORD).status())
                    .as("the owner signs in")
                    .isEqualTo(200);
        }
    }

    @Test
    @DisplayName("an unknown login gets exactly the answers a real one gets, so logins cannot be told apart")
    void noEnumeration() {
        users.add(new Users.NewUser("realone", "Real One", Role.AGENT, null, List.of("fraud")), TestUsers.PASSWORD);
        // a clock that stands still, so that both logins are told to wait the same number of seconds
        try (Console console = console(100, io.hotline.db.MutableClock.now());
                var c = new ConsoleClient(console.port())) {
            List<String> real = new java.util.ArrayList<>();
            List<String> unknown = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                var r = c.signIn("realone", "guess-" + i);
                real.add(r.status() + " " + r.body().getString("error"));
                var u = c.signIn("nosuchone", "guess-" + i);
                unknown.add(u.status() + " " + u.body().getString("error"));
            }
            assertThat(real).contains("429 " + real.getLast().substring(4));
            assertThat(unknown).isEqualTo(real);
        }
    }

    @Test
    @DisplayName(
            "the right password sent at the same moment as the fifth wrong one cannot undo the wait the wrong one set")
    void racingRightPassword() throws Exception {
        try (Console console = console(10_000)) {
            for (int round = 0; round < 8; round++) {
                String login = "racer" + round;
                users.add(new Users.NewUser(login, "Racer", Role.AGENT, null, List.of("fraud")), TestUsers.PASSWORD);
                try (var c = new ConsoleClient(console.port()).session();
                        var owner = new ConsoleClient(console.port()).session()) {
                    for (int i = 0; i < SignInThrottle.FREE_FAILURES - 1; i++) {
                        assertThat(c.signIn(login, "wrong-" + i).status()).isEqualTo(401);
                    }
                    var start = new java.util.concurrent.CountDownLatch(1);
                    var wrong = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return c.signIn(login, "wrong-last").status();
                    });
                    var right = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return owner.signIn(login, TestUsers.PASSWORD).status();
                    });
                    start.countDown();
                    int w = wrong.join();
                    int r = right.join();
                    // one after the other: right first (200, then the wrong one is the first of a new run: 401),
                    // or wrong first (it sets the wait: 429, and the right one waits too: 429)
                    assertThat(List.of(r, w))
                            .as("round %d: right %d, wrong %d", round, r, w)
                            .isIn(List.of(200, 401), List.of(429, 429));
                }
            }
        }
    }

    @Test
    @DisplayName("wrong passwords sent all at once get no more tries than sent one by one")
    void burst() {
        users.add(new Users.NewUser("burst", "Burst", Role.AGENT, null, List.of("fraud")), TestUsers.PASSWORD);
        try (Console console = console(10_000);
                var c = new ConsoleClient(console.port()).session()) {
            List<Integer> statuses = java.util.stream.IntStream.range(0, 30)
                    .parallel()
                    .mapToObj(i -> c.signIn("burst", "guess-" + i).status())
                    .toList();
            assertThat(statuses.stream().filter(s -> s == 401).count())
                    .as("%s", statuses)
                    .isLessThan(SignInThrottle.FREE_FAILURES);
        }
    }

    @Test
    @DisplayName("10,000 anonymous page loads from one client keep no state and do not stop anyone signing in")
    void anonymousLoads() throws Exception {
        try (Console console = console(100)) {
            var http = java.net.http.HttpClient.newHttpClient(); // no cookies: every load is a new visitor
            var uri = java.net.URI.create("http://127.0.0.1:" + console.port() + "/api/session");
            var loads = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Integer>>();
            var slots = new java.util.concurrent.Semaphore(16);
            for (int i = 0; i < 10_000; i++) {
                slots.acquire();
                loads.add(http.sendAsync(
                                java.net.http.HttpRequest.newBuilder(uri).GET().build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding())
                        .thenApply(java.net.http.HttpResponse::statusCode)
                        .whenComplete((s, e) -> slots.release()));
            }
            assertThat(loads.stream()
                            .map(java.util.concurrent.CompletableFuture::join)
                            .distinct()
                            .toList())
                    .containsExactly(200);
            try (var visitor = new ConsoleClient(console.port())) {
                assertThat(visitor.signIn("alice", TestUsers.PASSWORD).status()).isEqualTo(200);
            }
            http.shutdownNow();
        }
    }

    @Test
    @DisplayName("the console pages need sign-in with or without a trailing slash")
    void trailingSlash() {
        try (Console console = console(100);
                var anon = new ConsoleClient(console.port())) {
            for (String page : List.of(
                    "/console.html",
                    "/console.html/",
                    "/console.html//",
                    "/softphone.html/",
                    "/admin.html/",
                    "/admin.html")) {
                assertThat(anon.status(page)).as(page).isEqualTo(302);
            }
        }
    }

    @Test
    @DisplayName("each sign-in is written to the audit log with the login")
    void audited() {
        try (Console console = console(100);
                var c = new ConsoleClient(console.port())) {
            assertThat(c.signIn("bob", TestUsers.PASSWORD).status()).isEqualTo(200);
        }
        Long rows = io.hotline.db.Tx.withConnection(DB.dataSource(), conn -> {
            try (var ps = conn.prepareStatement(
                            "SELECT count(*) FROM audit_log WHERE action = 'signin' AND actor = 'console:bob'");
                    var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(rows).isPositive();
    }

    static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("too many attempts from one address in a minute are refused with 429 and Retry-After")
    void rateLimited() {
        try (Console console = console(3);
                var c = new ConsoleClient(console.port())) {
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
        try (Console console = console(100);
                var c = new ConsoleClient(console.port())) {
            c.session();
            String anonymous = c.sessionCookie();
            assertThat(c.post(
                                    "/api/signin",
                                    new io.vertx.core.json.JsonObject()
                                            .put("login", "alice")
                                            .put("password", TestUsers.PASSWORD),
                                    "not-the-token")
                            .status())
                    .isEqualTo(403);
            assertThat(c.signIn("alice", TestUsers.PASSWORD).status()).isEqualTo(200);
            assertThat(c.sessionCookie()).isNotEqualTo(anonymous).isNotEmpty();
            assertThat(c.get("/api/board").status()).isEqualTo(200);
            assertThat(c.post("/api/signout", new io.vertx.core.json.JsonObject())
                            .status())
                    .isEqualTo(200);
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
        assertThatThrownBy(() ->
                        users.add(new Users.NewUser("alice", null, Role.AGENT, null, List.of()), TestUsers.PASSWORD))
                .isInstanceOf(Users.UserExists.class)
                .hasMessageContaining("login alice");
        assertThatThrownBy(() -> users.add(
                        new Users.NewUser("alice2", null, Role.AGENT, "Local/agent1@agents", List.of()),
                        TestUsers.PASSWORD))
                .isInstanceOf(Users.UserExists.class)
                .hasMessageContaining("interface");
        assertThat(users.byInterface("Local/agent1@agents"))
                .map(ConsoleUser::login)
                .contains("alice");
    }
}
