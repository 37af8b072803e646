package io.hotline.console;

import static io.hotline.console.CallbackBoardRig.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.telephony.sim.SimPlaceholders;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
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
    static CallbackBoardRig rig;
    static Console console;
    static SimPlaceholders line;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        rig = new CallbackBoardRig(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        console = rig.console;
        line = rig.line;
        browser = rig.browser;
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @Test
    @Order(1)
    @DisplayName("a supervisor sees callbacks with their places, moves one up and down, to fraud, and cancels one;"
            + " the placeholders follow in the simulated queue and every change is audited")
    void moveAndCancelOnTheBoard() throws Exception {
        assertThat(rig.call("13600136000", "0").reason()).isEqualTo(CallEnding.Reason.QUEUED);
        String first = rig.book("13800138000");
        String second = rig.book("13300133001");
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
                && "fraud".equals(rig.single("select queue from callbacks where reference = ?", second)));

        rig.cancelOnBoard(first, "sam");
        await().until(() -> line.position(first) == 0);
        browser.screenshot("console-callbacks-moved", 1440, "#board");

        assertThat(rig.single(
                        "select count(*) from audit_log where actor = 'sam' and action = 'callback.move'"
                                + " and subject = ?",
                        second))
                .isEqualTo("3");
    }

    @Test
    @Order(2)
    @DisplayName("the API answers 403 to agents, 404 for an unknown callback, 409 for one not waiting, 400 naming"
            + " the field")
    void apiAnswers() throws Exception {
        if (console.simQueues().waiting(QUEUE) == 0) {
            rig.call("13600136001", "0");
        }
        String ref = rig.book("13500135000");
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
            String other = rig.book("13500135001");
            await().until(() -> line.position(other) > 0);
            rig.update("update callbacks set status = 'dialing' where reference = ?", other);
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
            rig.update("update callbacks set status = 'waiting' where reference = ?", other);
            assertThat(sam.post("/api/callbacks/" + other + "/cancel", new JsonObject())
                            .status())
                    .isEqualTo(200);
        }
    }
}
