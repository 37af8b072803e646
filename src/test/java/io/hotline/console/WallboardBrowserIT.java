package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.CallInfo;
import io.hotline.call.QueueHandoff;
import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.reports.LiveSettings;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimQueues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The wallboard in headless Chromium at 1920x1080, after simulated calls on an injected clock. Worked out by
 * hand (target 30 s, goal 80 %): fraud answered w1 after 10 s and w4 after 20 s, w2 hung up after 40 s, so
 * service level 2 / (2 + 1) = 67 % (amber: within 15 points of the goal), ASA 15 s, abandon rate 1 / 3 = 33 %;
 * Agent X is on w4 (on call 1, available 0). recharge: w3 has waited 50 s with nobody to answer (red: beyond
 * the 30 s target).
 */
@DisplayName("The wallboard in headless Chromium")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WallboardBrowserIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final String TOKEN = "wallboard-token-0123456789";
    private static final String X = "Sim/x";

    private final MutableClock clock = MutableClock.now();
    private Hotline hotline;
    private Console console;
    private Browser browser;
    private String complaint;

    @BeforeAll
    void start() throws Exception {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), clock);
        var config = new ConsoleConfig(
                        "127.0.0.1",
                        0,
                        false,
                        Duration.ofHours(1),
                        1_000,
                        true,
                        java.util.List.of("fraud", "recharge", "account", "general-support"),
                        Duration.ofHours(1),
                        ZoneOffset.UTC)
                .withLive(LiveSettings.DEFAULTS.withToken(TOKEN));
        console = Console.start(
                hotline.consoleSetup(config, TestUsers.create(DB.dataSource())).withClock(clock));
        browser = new Browser(console.port());
        for (String keys : java.util.List.of("1 2468#", "0", "5")) { // three IVR calls for containment and the funnel
            var info = new CallInfo("ivr-" + keys.hashCode(), "13800138000", "", "en", "main", "sim", Map.of());
            hotline.engine()
                    .run(
                            new SimCall(info, new io.hotline.telephony.sim.ScriptedCaller(keys), null),
                            new io.hotline.telephony.sim.Transcript());
        }
        complaint = hotline.tickets()
                .openOrUpdate(new io.hotline.tickets.TicketDraft(
                        "cmp-1", "complaint", "account", 0, null, "*******8000", false, null, "{}", 1))
                .reference();
        assertThat(hotline.tickets().promise(complaint, Duration.ofSeconds(60), "{\"type\":\"complaint\"}"))
                .isPresent(); // a promise shorter than the day's 24 h, so that it is overdue by the time of the test
        SimQueues sim = console.simQueues();
        var agentX = new SimQueues.SimAgent(X, "Agent X", Set.of("fraud"));
        sim.agentReady(agentX);
        join(sim, "w1", "fraud");
        after(10);
        assertThat(sim.answer(X, "w1")).isTrue();
        after(60);
        assertThat(sim.agentHangsUp(X, "w1")).isTrue();
        sim.agentAway(X);
        join(sim, "w2", "fraud");
        after(40);
        sim.callerHangsUp("w2");
        sim.agentReady(agentX);
        join(sim, "w4", "fraud");
        after(20);
        assertThat(sim.answer(X, "w4")).isTrue();
        join(sim, "w3", "recharge");
        after(50);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            browser.close();
        } finally {
            console.close();
            hotline.close();
        }
    }

    @Test
    @DisplayName("a supervisor's wallboard shows each queue's figures, coloured, and fits 1920x1080 without scrolling")
    void supervisorWallboard() throws Exception {
        browser.signIn("sam", TestUsers.PASSWORD);
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
        browser.open("/wallboard.html");
        browser.until(d -> figure("fraud", "serviceLevel").equals("67%"));
        assertThat(figure("fraud", "asa")).isEqualTo("15 s");
        assertThat(figure("fraud", "abandonRate")).isEqualTo("33%");
        assertThat(figure("fraud", "answered")).isEqualTo("2");
        assertThat(figure("fraud", "abandoned")).isEqualTo("1");
        assertThat(figure("fraud", "onCall")).isEqualTo("1");
        assertThat(figure("fraud", "available")).isEqualTo("0");
        assertThat(figure("fraud", "waiting")).isEqualTo("0");
        assertThat(figure("fraud", "callbacksPending")).isEqualTo("0");
        assertThat(colour("fraud", "serviceLevel")).contains("warn");
        assertThat(figure("recharge", "waiting")).isEqualTo("1");
        browser.until(d -> figure("recharge", "longestWait").equals("0:50"));
        assertThat(colour("recharge", "longestWait")).contains("bad");
        assertThat(browser.find("#live").getText()).isEqualTo("live");
        Object fits = ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollHeight <= window.innerHeight"
                        + " && document.documentElement.scrollWidth <= window.innerWidth;");
        assertThat(fits).as("no scrolling at 1920x1080").isEqualTo(true);
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(
                dir.resolve("wallboard-1920.png"),
                browser.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    @Test
    @DisplayName(
            "a big screen with the wallboard token sees the same numbers without signing in; a wrong token does not")
    void tokenWallboard() {
        browser.signOutEverywhere();
        browser.open("/wallboard.html?token=" + TOKEN);
        browser.until(d -> figure("fraud", "serviceLevel").equals("67%"));
        browser.until(d -> browser.find("#live").getText().equals("live"));
        browser.open("/wallboard.html?token=wrong-token-0123456789");
        browser.until(d -> d.getCurrentUrl().contains("/signin.html"));
    }

    @Test
    @DisplayName("the reports page shows today's figures per queue, draws its charts, and exports the same as CSV")
    void reportsPage() throws Exception {
        browser.signIn("sam", TestUsers.PASSWORD);
        browser.open("/reports.html");
        browser.until(d ->
                !d.findElements(By.cssSelector("#table tr[data-key='fraud']")).isEmpty());
        assertThat(cellOf("fraud", "offered")).isEqualTo("3");
        assertThat(cellOf("fraud", "answered")).isEqualTo("2");
        assertThat(cellOf("fraud", "abandoned")).isEqualTo("1");
        assertThat(cellOf("fraud", "serviceLevel")).isEqualTo("66.7%");
        assertThat(cellOf("fraud", "asa")).isEqualTo("15.0 s");
        assertThat(cellOf("fraud", "aht")).isEqualTo("60.0 s"); // w1's 60 s; w4 is still talking
        assertThat(cellOf("total", "offered")).isEqualTo("4");
        assertThat(browser.driver().findElement(By.id("demo")).isDisplayed())
                .as("no demo history here")
                .isFalse();
        var js = (JavascriptExecutor) browser.driver();
        Object offered = js.executeScript(
                "return Chart.getChart('chart-calls').data.datasets[0].data" + ".reduce((a, b) => a + b, 0);");
        assertThat(((Number) offered).intValue())
                .as("offered over the day's chart")
                .isEqualTo(4);
        Object waits = js.executeScript("return Chart.getChart('chart-waits').data.datasets[0].data;");
        assertThat(waits.toString()).isEqualTo("[0, 1, 1, 0, 0, 0, 0]"); // answered after 10 s and 20 s
        assertThat(cellOf("total", "ivrCalls")).isEqualTo("3");
        browser.until(d -> js.executeScript("return Chart.getChart('chart-funnel') !== undefined"));
        Object reachedMost = js.executeScript("return Chart.getChart('chart-funnel').data.datasets[0].data[0];");
        assertThat(((Number) reachedMost).intValue())
                .as("every IVR call reached the main flow's first node")
                .isEqualTo(3);
        Object csv = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('csv').href, {credentials: 'same-origin'})
                  .then(r => r.text()).then(done, e => done('failed ' + e));""");
        assertThat(csv.toString().split("\\R"))
                .contains(
                        "group,offered,answered,answered_in_target,abandoned,short_abandoned,service_level,asa_s,aht_s,"
                                + "abandon_rate,transfers,callbacks,ivr_calls,containment,dispositions",
                        "fraud,3,2,2,1,0,66.7%,15.0,60.0,33.3%,0,0,,,");
        browser.until(d -> !d.findElements(By.cssSelector("#promise-list tr[data-ref='" + complaint + "']"))
                .isEmpty());
        assertThat(browser.find("#promise-list tr[data-ref='" + complaint + "'] [data-col='state']")
                        .getText())
                .as("the complaint's promise ran out 2 minutes after it was made")
                .isEqualTo("OVERDUE by 2m");
        assertThat(browser.find("#promise-tally tr[data-queue='account'] td[data-col='overdue']")
                        .getText())
                .isEqualTo("1");
        Object promisesCsv = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('promises-csv').href, {credentials: 'same-origin'})
                  .then(r => r.text()).then(done, e => done('failed ' + e));""");
        assertThat(promisesCsv.toString())
                .contains(complaint + ",complaint,account,")
                .contains(",overdue,");
        browser.screenshot("reports", 1440);
        browser.screenshot("reports", 390);
        js.executeScript("document.getElementById('promises').scrollIntoView()");
        browser.screenshot("reports-promises", 1440);
        assertThat(browser.api("GET", "/api/reports?from=yesterday", null))
                .isEqualTo("400 from: a date such as 2026-03-01, got 'yesterday'");
        assertThat(browser.api("GET", "/api/reports?by=week", null)).startsWith("400 by: one of queue, agent");
        // an agent (over HTTP only: a console page would make alice a simulated agent of the fraud queue)
        try (var alice = ConsoleClient.signedIn(console.port(), "alice", TestUsers.PASSWORD)) {
            var a = alice.get("/api/reports");
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body().getString("error")).isEqualTo("reports are for supervisors and admins");
        }
    }

    private String cellOf(String key, String col) {
        return browser.driver()
                .findElement(By.cssSelector("#table tr[data-key='" + key + "'] td[data-col='" + col + "']"))
                .getText();
    }

    private String figure(String queue, String name) {
        return browser.driver()
                .findElement(By.cssSelector("[data-queue='" + queue + "'] [data-figure='" + name + "'] .wb-val"))
                .getText();
    }

    private String colour(String queue, String name) {
        return browser.driver()
                .findElement(By.cssSelector("[data-queue='" + queue + "'] [data-figure='" + name + "']"))
                .getAttribute("class");
    }

    private void after(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    private void join(SimQueues sim, String id, String queue) {
        sim.accept(new SimCall.SimHandoff(
                new CallInfo(id, "13800000000", "100", "en", "main", "sim", Map.of()),
                new QueueHandoff(queue, 0, "", queue, "", false, "en", "")));
    }
}
