package io.hotline.console;

import static io.hotline.console.CallbackBoardRig.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.flow.Calendar;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Callbacks waiting for their queue's opening on the board, in headless Chromium and over the API, on a clock the
 * test sets (Thursday 07:30 in Shanghai; general support opens at 08:00, recharge at 10:00, account never): callers
 * booked through the shipped flow outside the hours; a supervisor moves one up among those waiting, one to
 * recharge (it then waits for recharge's opening), and cancels one, which disappears and is not called at 08:00.
 * Agents get 403, a queue that never opens 409, first already first 409. Screenshots at 1440 px in
 * target/screenshots.
 */
@DisplayName("Callbacks waiting for the opening on the board: move and cancel")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhenOpenCallbackBoardBrowserIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @TempDir
    static Path flows;

    private static final String QUEUE = "general-support";
    private static final String CALENDAR = """
            time-zone: Asia/Shanghai
            hours:
              fraud: always
              general-support:
                mon-fri: "08:00-22:00"
              recharge:
                mon-fri: "10:00-18:00"
              account: closed
            """;
    static final MutableClock CLOCK = new MutableClock(at("2026-12-03T07:30"));
    static CallbackBoardRig rig;
    static Browser browser;

    static Instant at(String shanghai) {
        return ZonedDateTime.parse(shanghai + "+08:00[Asia/Shanghai]").toInstant();
    }

    @BeforeAll
    static void start() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("ivr-flows"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, flows.resolve(p.getFileName().toString()));
            }
        }
        Files.writeString(flows.resolve(Calendar.FILE), CALENDAR);
        rig = new CallbackBoardRig(DB.database(), flows, CLOCK);
        browser = rig.browser;
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    /** The callbacks listed on {@code queue}'s card, top to bottom. */
    private static List<String> listed(String queue) {
        return browser
                .driver()
                .findElements(By.cssSelector("#board .queue.card[data-queue='" + queue + "'] tr.callback"))
                .stream()
                .map(e -> e.getDomAttribute("data-ref"))
                .toList();
    }

    @Test
    @Order(1)
    @DisplayName("a supervisor sees the callbacks waiting for the opening, moves one up among them and one to"
            + " recharge (it waits for 10:00 there), cancels one and it disappears; at 08:00 the others join the"
            + " queue, the cancelled one is never called; every change is audited")
    void moveAndCancelBeforeTheOpening() throws Exception {
        String first = rig.book("13800138000");
        String second = rig.book("13300133001");
        String third = rig.book("13500135000");
        assertThat(rig.single("select status from callbacks where reference = ?", first))
                .isEqualTo("pending");

        browser.signIn("sam", TestUsers.PASSWORD);
        browser.find(row(third) + "[data-status='pending']");
        assertThat(listed(QUEUE)).containsExactly(first, second, third);
        assertThat(browser.text(By.cssSelector(row(first) + " .cb-state"))).startsWith("waiting for opening (");
        assertThat(browser.text(By.cssSelector("#board .queue.card[data-queue='general-support'] .cb-opening-count")))
                .isEqualTo("3");
        browser.screenshot("console-callbacks-opening", 1440, "#board .queue.card[data-queue='general-support']");

        // the second one up among those waiting: it starts first at the opening
        browser.find(row(second) + " button.cb-up").click();
        browser.until(d -> listed(QUEUE).equals(List.of(second, first, third)));
        browser.find(row(second) + " button.cb-up").click();
        browser.until(d -> browser.text(By.cssSelector(row(second) + " .status-msg"))
                .equals("the callback is already first of those waiting for general-support to open"));

        // the third to recharge: it waits for recharge's opening (10:00 Shanghai), shown on its card
        WebElement to = browser.find(row(third) + " select.cb-queue");
        new org.openqa.selenium.support.ui.Select(to).selectByValue("recharge");
        browser.find(row(third) + " button.cb-move").click();
        browser.find("#board .queue.card[data-queue='recharge'] tr.callback[data-ref='" + third
                + "'][data-status='pending']");
        assertThat(rig.single("select next_attempt_at at time zone 'UTC' from callbacks where reference = ?", third))
                .startsWith("2026-12-03 02:00");

        // the first cancelled: gone from the board, its number removed
        rig.cancelOnBoard(first, "sam");
        assertThat(listed(QUEUE)).containsExactly(second);
        browser.screenshot("console-callbacks-opening-cancelled", 1440, "#board");

        assertThat(rig.single(
                        "select count(*) from audit_log where actor = 'sam' and action = 'callback.move'"
                                + " and subject in (?, ?)",
                        second,
                        third))
                .isEqualTo("2");

        // 08:00: general support opens; the second joins it (the board shows its place), the third waits on
        CLOCK.set(at("2026-12-03T08:00"));
        await().until(() -> rig.line.position(second) == 1);
        browser.find(row(second) + "[data-status='waiting'][data-position='1']");
        assertThat(rig.single("select status from callbacks where reference = ?", third))
                .isEqualTo("pending");
        assertThat(rig.line.position(first)).isZero();
        assertThat(rig.rung).isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName("the API answers 403 to agents for one waiting for the opening, 409 for a queue that never opens or"
            + " the one it is in, 400 naming the field")
    void apiAnswers() throws Exception {
        CLOCK.set(at("2026-12-03T07:40"));
        String ref = rig.book("13900139000");
        try (var sam = ConsoleClient.signedIn(rig.console.port(), "sam", TestUsers.PASSWORD);
                var alice = ConsoleClient.signedIn(rig.console.port(), "alice", TestUsers.PASSWORD)) {
            String move = "/api/callbacks/" + ref + "/move";
            assertThat(alice.post(move, new JsonObject().put("queue", "fraud")).status())
                    .isEqualTo(403);
            assertThat(alice.post("/api/callbacks/" + ref + "/cancel", new JsonObject())
                            .status())
                    .isEqualTo(403);
            var never = sam.post(move, new JsonObject().put("queue", "account"));
            assertThat(never.status()).isEqualTo(409);
            assertThat(never.body().getString("error"))
                    .isEqualTo("account does not open within a year by the calendar: the callback would never be made");
            var same = sam.post(move, new JsonObject().put("queue", QUEUE));
            assertThat(same.status()).isEqualTo(409);
            var sideways = sam.post(move, new JsonObject().put("direction", "sideways"));
            assertThat(sideways.status()).isEqualTo(400);
            assertThat(sideways.body().getString("field")).isEqualTo("direction");
            assertThat(rig.single("select status || ' ' || queue from callbacks where reference = ?", ref))
                    .isEqualTo("pending general-support");

            var moved = sam.post(move, new JsonObject().put("queue", "fraud"));
            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.body().getString("queue")).isEqualTo("fraud");
            // fraud is open: it joins fraud's line at the next round, in the place of when it was booked
            await().until(() -> rig.line.position(ref) == 1);
            assertThat(rig.single("select status from callbacks where reference = ?", ref))
                    .isEqualTo("waiting");
            assertThat(sam.post("/api/callbacks/" + ref + "/cancel", new JsonObject())
                            .status())
                    .isEqualTo(200);
        }
    }
}
