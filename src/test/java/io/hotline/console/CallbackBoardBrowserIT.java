package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.call.CallInfo;
import io.hotline.contact.CallbackConfig;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimPlaceholders;
import io.hotline.telephony.sim.Transcript;
import io.hotline.users.Users;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Queued callbacks on the board, in headless Chromium and over the API: callers booked through the shipped flow on
 * the console's simulated queues, whose placeholders hold their places; a supervisor sees each with its position,
 * moves one up, down and to another queue, and cancels one; all audited. Agents get 403, an unknown callback 404,
 * one being dialled or done 409, a bad field 400 naming it. Screenshots at 1440 and 390 px in target/screenshots.
 */
@DisplayName("Queued callbacks on the board: positions, move and cancel")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallbackBoardBrowserIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final String QUEUE = "general-support";
    private static final AtomicInteger SEQ = new AtomicInteger();
    static Hotline hotline;
    static Console console;
    static SimPlaceholders line;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        hotline = Hotline.onDatabase(
                DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone(), "node-a", CallbackConfig.defaults());
        Users users = TestUsers.create(DB.dataSource());
        console = Console.start(hotline.consoleSetup(ConsoleConfig.forTests(1_000, Duration.ofSeconds(60)), users));
        line = new SimPlaceholders(console.simQueues(), n -> SimPlaceholders.Phone.PRESSES_1);
        hotline.callbacks()
                .attach(
                        line,
                        q -> line.estimatedWait(q, CallbackConfig.defaults().handleTime()));
        browser = new Browser(console.port());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            browser.close();
        } finally {
            line.close();
            console.close();
            hotline.close();
        }
    }

    private static CallEnding call(String ani, String keys) {
        String id = "cbb-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
        var call = new SimCall(
                new CallInfo(id, ani, "", "en", "main", "sim", Map.of()),
                new ScriptedCaller(keys),
                console.simQueues());
        return hotline.engine().run(call, new Transcript());
    }

    /** A callback booked behind whoever waits in general support (the flow offers it once someone is ahead). */
    private static String book(String ani) {
        CallEnding e = call(ani, "0 1 1.");
        assertThat(e.reason()).isEqualTo(CallEnding.Reason.CALLBACK);
        return e.detail();
    }

    private static String single(String sql, Object... args) throws Exception {
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void update(String sql, Object... args) throws Exception {
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private static String row(String ref) {
        return "#board .queue.card tr.callback[data-ref='" + ref + "']";
    }

    @Test
    @Order(1)
    @DisplayName("a supervisor sees callbacks with their places, moves one up and down, to fraud, and cancels one;"
            + " the placeholders follow in the simulated queue and every change is audited")
    void moveAndCancelOnTheBoard() throws Exception {
        assertThat(call("13600136000", "0").reason()).isEqualTo(CallEnding.Reason.QUEUED);
        String first = book("13800138000");
        String second = book("13300133001");
        await().until(() -> line.position(first) == 2 && line.position(second) == 3);

        browser.signIn("sam", TestUsers.PASSWORD);
        browser.find(row(first) + "[data-position='2']");
        browser.find(row(second) + "[data-position='3']");
        assertThat(browser.text(By.cssSelector(row(first) + " .cb-state"))).isEqualTo("holding its place");
        browser.screenshot("console-callbacks", 1440, "#board");
        browser.screenshot("console-callbacks", 390, "#board");

        // the second one place up: it is now ahead of the first, in the queue itself too
        browser.find(row(second) + " button.cb-up").click();
        browser.find(row(second) + "[data-position='2']");
        browser.find(row(first) + "[data-position='3']");
        await().until(() -> line.position(second) == 2 && line.position(first) == 3);
        // and down again
        browser.find(row(second) + " button.cb-down").click();
        browser.find(row(second) + "[data-position='3']");
        await().until(() -> line.position(second) == 3 && line.position(first) == 2);
        // one up takes the place of the caller ahead; then it is first
        browser.find(row(first) + " button.cb-up").click();
        browser.find(row(first) + "[data-position='1']");
        await().until(() -> line.position(first) == 1);
        browser.find(row(first) + " button.cb-up").click();
        assertThat(browser.text(By.cssSelector(row(first) + " .status-msg")))
                .isEqualTo("the callback is already first in its line");

        // to fraud, keeping its time of place: first (and only) there
        WebElement to = browser.find(row(second) + " select.cb-queue");
        new org.openqa.selenium.support.ui.Select(to).selectByValue("fraud");
        browser.find(row(second) + " button.cb-move").click();
        browser.find(
                "#board .queue.card[data-queue='fraud'] tr.callback[data-ref='" + second + "'][data-position='1']");
        await().until(() -> line.position(second) == 1
                && "fraud".equals(single("select queue from callbacks where reference = ?", second)));

        browser.find(row(first) + " button.cb-cancel").click();
        browser.until(d -> d.findElements(By.cssSelector(row(first))).isEmpty());
        await().until(() -> line.position(first) == 0);
        assertThat(single("select status from callbacks where reference = ?", first))
                .isEqualTo("cancelled");
        assertThat(single("select number_sealed from callbacks where reference = ?", first))
                .isNull();
        browser.screenshot("console-callbacks-moved", 1440, "#board");

        assertThat(single(
                        "select count(*) from audit_log where actor = 'sam' and action = 'callback.move'"
                                + " and subject = ?",
                        second))
                .isEqualTo("3");
        assertThat(single(
                        "select count(*) from audit_log where actor = 'sam' and action = 'callback.cancel'"
                                + " and subject = ?",
                        first))
                .isEqualTo("1");
    }

    @Test
    @Order(2)
    @DisplayName("the API answers 403 to agents, 404 for an unknown callback, 409 for one not waiting, 400 naming"
            + " the field")
    void apiAnswers() throws Exception {
        if (console.simQueues().waiting(QUEUE) == 0) {
            call("13600136001", "0");
        }
        String ref = book("13500135000");
        try (var sam = ConsoleClient.signedIn(console.port(), "sam", TestUsers.PASSWORD);
                var alice = ConsoleClient.signedIn(console.port(), "alice", TestUsers.PASSWORD)) {
            String move = "/api/callbacks/" + ref + "/move";
            assertThat(alice.post(move, new JsonObject().put("direction", "up")).status())
                    .isEqualTo(403);
            assertThat(alice.post("/api/callbacks/" + ref + "/cancel", new JsonObject())
                            .status())
                    .isEqualTo(403);
            assertThat(sam.post("/api/callbacks/CB-999999/cancel", new JsonObject())
                            .status())
                    .isEqualTo(404);
            var bad = sam.post("/api/callbacks/nope/cancel", new JsonObject());
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body().getString("field")).isEqualTo("reference");
            var sideways = sam.post(move, new JsonObject().put("direction", "sideways"));
            assertThat(sideways.status()).isEqualTo(400);
            assertThat(sideways.body().getString("field")).isEqualTo("direction");
            var nowhere = sam.post(move, new JsonObject());
            assertThat(nowhere.body().getString("field")).isEqualTo("direction");
            var noQueue = sam.post(move, new JsonObject().put("queue", "bakery"));
            assertThat(noQueue.status()).isEqualTo(400);
            assertThat(noQueue.body().getString("field")).isEqualTo("queue");
            var notText = sam.post(move, new JsonObject().put("queue", 7));
            assertThat(notText.body().getString("field")).isEqualTo("queue");
            var reason = sam.post("/api/callbacks/" + ref + "/cancel", new JsonObject().put("reason", "x".repeat(201)));
            assertThat(reason.body().getString("field")).isEqualTo("reason");

            // being dialled: an agent took its place
            String other = book("13500135001");
            await().until(() -> line.position(other) > 0);
            update("update callbacks set status = 'dialing' where reference = ?", other);
            var dialling = sam.post("/api/callbacks/" + other + "/cancel", new JsonObject());
            assertThat(dialling.status()).isEqualTo(409);
            assertThat(dialling.body().getString("error")).contains("being dialled");

            assertThat(sam.post("/api/callbacks/" + ref + "/cancel", new JsonObject())
                            .status())
                    .isEqualTo(200);
            var again = sam.post("/api/callbacks/" + ref + "/cancel", new JsonObject());
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body().getString("error")).contains("was cancelled");
            assertThat(sam.post(move, new JsonObject().put("direction", "up")).status())
                    .isEqualTo(409);
            update("update callbacks set status = 'waiting' where reference = ?", other);
            assertThat(sam.post("/api/callbacks/" + other + "/cancel", new JsonObject())
                            .status())
                    .isEqualTo(200);
        }
    }
}
