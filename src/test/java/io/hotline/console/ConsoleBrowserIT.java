package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.DemoData;
import io.hotline.db.TestDatabase;
import io.hotline.server.Hotline;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueuedCall;
import io.hotline.tickets.TicketDraft;
import io.hotline.users.Users;
import io.hotline.wallet.AccountStatus;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

@DisplayName("The console and the softphone in headless Chromium")
class ConsoleBrowserIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static Hotline hotline;
    static Console console;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        Users users = TestUsers.create(DB.dataSource());
        console = Console.start(hotline.consoleSetup(ConsoleConfig.forTests(1_000, Duration.ofSeconds(60)), users));
        browser = new Browser(console.port());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            browser.close();
        } finally {
            console.close();
            hotline.close();
        }
    }

    @Test
    @DisplayName(
            "the console sends a stranger to sign in, refuses a wrong password and shows an agent only their queues")
    void signIn() {
        browser.signOutEverywhere();
        browser.open("/console.html");
        browser.until(d -> d.getCurrentUrl().endsWith("/signin.html"));
        browser.type(By.id("login"), "alice");
        browser.type(By.id("password"), "wrong-password");
        browser.driver.findElement(By.id("signin")).click();
        assertThat(browser.text(By.id("error"))).contains("wrong login or password");

        browser.signIn("alice", TestUsers.PASSWORD);
        browser.find(".queue[data-queue='fraud']");
        browser.find(".queue[data-queue='general-support']");
        assertThat(browser.driver.findElements(By.cssSelector(".queue[data-queue='recharge']")))
                .isEmpty();
        assertThat(browser.driver.findElement(By.id("me")).getText()).contains("agent");
    }

    @Test
    @DisplayName("the queue board shows a caller joining and leaving, live")
    void boardUpdates() {
        browser.signIn("sam", TestUsers.PASSWORD);
        browser.find(".queue[data-queue='recharge'] .empty");
        var call = new QueuedCall(
                "PJSIP/trunk-0001",
                "board-1",
                "*******9000",
                Map.of(
                        QueuedCall.TICKET,
                        "T-999001",
                        QueuedCall.CATEGORY,
                        "recharge",
                        QueuedCall.PRIORITY,
                        "5",
                        QueuedCall.VERIFIED,
                        "yes"));
        console.events().publish(new QueueEvent.CallerJoined("recharge", call, 1, Instant.now()));
        WebElement row = browser.find(".queue[data-queue='recharge'] tr.caller[data-ticket='T-999001']");
        assertThat(row.getText()).contains("recharge").contains("*******9000").contains("yes");

        console.events().publish(new QueueEvent.CallerLeft("recharge", call, 1, Instant.now()));
        browser.until(d -> d.findElements(By.cssSelector("tr.caller[data-ticket='T-999001']"))
                .isEmpty());
    }

    /** In the softphone tab: calls from {@code number}, reports the account stolen (2, then 1) and waits for an agent to ring. */
    private void reportStolenOnTheSoftphone(String number) {
        browser.open("/softphone.html?fast=1");
        new Select(browser.find("#number")).selectByValue(number);
        browser.until(d -> d.findElement(By.id("dial")).isEnabled());
        browser.driver.findElement(By.id("dial")).click();
        browser.until(d -> d.findElement(By.id("prompt")).getText().contains("press 2"));
        browser.find(".key[data-key='2']").click();
        browser.until(d -> d.findElement(By.id("prompt")).getText().contains("To freeze your wallet now, press 1"));
        browser.find(".key[data-key='1']").click();
        browser.until(d -> d.findElement(By.id("state")).getText().contains("Ringing agent"));
    }

    @Test
    @DisplayName("a softphone caller reports a stolen account (2 then 1) and alice gets the pop, answers and closes it")
    void softphoneJourney() throws Exception {
        browser.signIn("alice", TestUsers.PASSWORD);
        String consoleTab = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        String phoneTab = browser.driver.getWindowHandle();
        try {
            reportStolenOnTheSoftphone(DemoData.LI_WEI);

            browser.driver.switchTo().window(consoleTab);
            WebElement pop = browser.find(".pop[data-state='ringing']");
            assertThat(pop.findElement(By.cssSelector(".path")).getText())
                    .contains("pressed 2, account stolen")
                    .contains("account frozen")
                    .contains("F-");
            assertThat(pop.getText()).contains("Li Wei").contains("*******8000").contains("frozen");
            assertThat(pop.findElements(By.cssSelector("button.unfreeze")))
                    .as("agents cannot unfreeze")
                    .isEmpty();
            // one time format on the card, words instead of codes, the agent's name and role said once
            assertThat(pop.getText())
                    .doesNotContainPattern("(?i)\\b[AP]M\\b")
                    .doesNotContain("transfer_out")
                    .contains("transfer out")
                    .doesNotContain("read out");
            assertThat(browser.find("#me").getText()).isEqualTo("Alice · agent");
            assertThat(pop.findElements(By.cssSelector(".server-name")))
                    .as("no server label with one server")
                    .noneMatch(WebElement::isDisplayed);
            browser.screenshot("pop-ringing", 1440);
            // on a phone the columns stack with the calls first: the pop and its Answer button on screen
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            WebElement answer = pop.findElement(By.cssSelector("button.answer"));
            var at = answer.getRect();
            long viewport = ((Number) browser.driver.executeScript("return window.innerWidth")).longValue();
            assertThat(at.getX() + at.getWidth())
                    .as("Answer inside the 390 px viewport")
                    .isLessThanOrEqualTo((int) viewport);
            assertThat(at.getY() + at.getHeight()).as("Answer above the fold").isLessThan(844);
            browser.screenshot("pop-ringing", 390);
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
            pop.findElement(By.cssSelector("button.answer")).click();
            WebElement active = browser.find(".pop[data-state='active']");

            browser.driver.switchTo().window(phoneTab);
            browser.until(d -> d.findElement(By.id("state")).getText().contains("Talking to"));

            browser.driver.switchTo().window(consoleTab);
            String ticket = active.getAttribute("data-ticket");
            // the handling agent reveals the caller's full number with one click (audited); nobody else may
            assertThat(browser.text(active, ".caller")).isEqualTo("*******8000");
            active.findElement(By.cssSelector("button.reveal-number")).click();
            browser.until(d -> d.findElement(By.cssSelector(".pop[data-state='active'] .caller"))
                    .getText()
                    .equals(DemoData.LI_WEI));
            assertThat(browser.text(active, ".revealed-note")).contains("audited");
            browser.screenshot("pop-number-revealed", 1440);
            assertThat(one("SELECT actor || ' ' || subject FROM audit_log WHERE action = 'caller_number_revealed'"
                            + " ORDER BY id DESC LIMIT 1"))
                    .isEqualTo("console:alice ticket:" + ticket);
            assertThat(one("SELECT count(*)::text FROM caller_numbers WHERE sealed LIKE 'v1:%' AND sealed NOT LIKE '%"
                            + DemoData.LI_WEI + "%'"))
                    .isNotEqualTo("0");
            try (var sam = ConsoleClient.signedIn(console.port(), "sam", TestUsers.PASSWORD)) {
                var refused =
                        sam.post("/api/calls/" + active.getAttribute("data-call") + "/reveal-number", new JsonObject());
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.body().encode()).doesNotContain(DemoData.LI_WEI);
            }
            // wrap-up written during the call survives the hang-up (the card is drawn again) and a reload
            active.findElement(By.cssSelector("textarea.note")).sendKeys("advised police report");
            new Select(active.findElement(By.cssSelector("select.disposition"))).selectByValue("fraud-case-opened");
            assertThat(new Select(active.findElement(By.cssSelector("select.disposition")))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo("fraud case opened");
            active.findElement(By.cssSelector("button.hangup")).click();
            WebElement ended = browser.find(".pop[data-state='ended']");
            assertThat(ended.findElement(By.cssSelector("textarea.note")).getAttribute("value"))
                    .isEqualTo("advised police report");
            browser.driver.navigate().refresh();
            ended = browser.find(".pop[data-state='ended'][data-ticket='" + ticket + "']");
            assertThat(ended.findElement(By.cssSelector("textarea.note")).getAttribute("value"))
                    .isEqualTo("advised police report");
            assertThat(new Select(ended.findElement(By.cssSelector("select.disposition")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("fraud-case-opened");
            ended.findElement(By.cssSelector("button.close-ticket")).click();
            browser.until(d -> d.findElements(By.cssSelector(".pop[data-ticket='" + ticket + "']"))
                    .isEmpty());
            assertThat(hotline.tickets().byReference(ticket).orElseThrow().status())
                    .isEqualTo("closed");
        } finally {
            browser.driver.switchTo().window(phoneTab);
            browser.driver.close();
            browser.driver.switchTo().window(consoleTab);
        }
    }

    @Test
    @DisplayName(
            "closing the ticket during the call keeps the call on screen with Hang up, and the ticket does not come back after it")
    void closeDuringTheCall() throws Exception {
        browser.signIn("alice", TestUsers.PASSWORD);
        String consoleTab = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        String phoneTab = browser.driver.getWindowHandle();
        try {
            reportStolenOnTheSoftphone(DemoData.WANG_FANG);
            browser.driver.switchTo().window(consoleTab);
            browser.find(".pop[data-state='ringing']")
                    .findElement(By.cssSelector("button.answer"))
                    .click();
            WebElement active = browser.find(".pop[data-state='active']");
            String ticket = active.getAttribute("data-ticket");
            WebElement close = active.findElement(By.cssSelector("button.close-ticket"));
            close.click();
            assertThat(active.findElement(By.cssSelector(".status-msg")).getText())
                    .as("no disposition chosen")
                    .contains("Choose a disposition");
            new Select(active.findElement(By.cssSelector("select.disposition"))).selectByValue("resolved");
            active.findElement(By.cssSelector("button.close-ticket")).click();
            browser.until(d -> !d.findElements(By.cssSelector(".pop[data-ticket='" + ticket + "'] .ticket-closed"))
                    .isEmpty());
            WebElement still = browser.find(".pop[data-state='active'][data-ticket='" + ticket + "']");
            assertThat(still.getText()).contains("Ticket " + ticket + " is closed.");
            still.findElement(By.cssSelector("button.hangup")).click();
            browser.until(d -> d.findElements(By.cssSelector(".pop[data-ticket='" + ticket + "']"))
                    .isEmpty());
            assertThat(hotline.tickets().byReference(ticket).orElseThrow().status())
                    .isEqualTo("closed");
            // a fresh page gets the live pops from the server: the closed ticket is not among them
            browser.driver.navigate().refresh();
            browser.until(d ->
                    d.findElement(By.cssSelector("#agents tbody")).getText().contains("Alice"));
            assertThat(browser.driver.findElements(By.cssSelector(".pop[data-ticket='" + ticket + "']")))
                    .isEmpty();
        } finally {
            browser.driver.switchTo().window(phoneTab);
            browser.driver.close();
            browser.driver.switchTo().window(consoleTab);
        }
    }

    @Test
    @DisplayName("a supervisor unfreezes an account from its ticket, giving a reason")
    void supervisorUnfreezes() {
        long account =
                hotline.wallet().findByMsisdn(DemoData.WANG_FANG).orElseThrow().id();
        hotline.wallet().freeze(account, null, "it", "browser test");
        String ref = hotline.tickets()
                .openOrUpdate(new TicketDraft(
                        "browser-unfreeze", "fraud", "fraud", 9, account, "*******7000", true, "PIN", "{}", 1))
                .reference();
        browser.signIn("sam", TestUsers.PASSWORD);
        browser.type(By.id("lookup-ref"), ref);
        browser.driver.findElement(By.cssSelector("#lookup button")).click();
        WebElement pop = browser.find(".pop[data-ticket='" + ref + "']");
        pop.findElement(By.cssSelector("button.unfreeze")).click();
        assertThat(browser.text(pop, ".account .status-msg")).contains("say why");
        pop.findElement(By.cssSelector(".unfreeze-reason")).sendKeys("identity confirmed by video call");
        pop.findElement(By.cssSelector("button.unfreeze")).click();
        browser.until(d ->
                pop.findElement(By.cssSelector(".account-status")).getText().equals("active"));
        assertThat(hotline.wallet().findById(account).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
    }

    private static String one(String sql) {
        return io.hotline.db.Tx.withConnection(DB.dataSource(), c -> {
            try (var st = c.createStatement();
                    var rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    @DisplayName(
            "the pop says \"login locked\": a supervisor unlocks it there with a reason (audited, noted); an agent may not")
    void supervisorUnlocksTheLogin() throws Exception {
        long account =
                hotline.wallet().findByMsisdn(DemoData.ZHANG_MIN).orElseThrow().id();
        assertThat(hotline.wallet().findById(account).orElseThrow().loginLocked())
                .isTrue();
        String ref = hotline.tickets()
                .openOrUpdate(new TicketDraft(
                        "browser-unlock", "account", "account", 5, account, "*******9000", true, "PIN", "{}", 1))
                .reference();
        browser.signIn("alice", TestUsers.PASSWORD);
        assertThat(browser.api(
                        "POST", "/api/accounts/" + account + "/unlock-login", "{\"reason\":\"he asked nicely\"}"))
                .startsWith("403")
                .contains("supervisor");
        assertThat(hotline.wallet().findById(account).orElseThrow().loginLocked())
                .isTrue();

        browser.signIn("sam", TestUsers.PASSWORD);
        browser.type(By.id("lookup-ref"), ref);
        browser.driver.findElement(By.cssSelector("#lookup button")).click();
        WebElement pop = browser.find(".pop[data-ticket='" + ref + "']");
        assertThat(browser.text(pop, ".account .login-state")).contains("login locked");
        pop.findElement(By.cssSelector("button.unlock-login")).click();
        assertThat(browser.text(pop, ".account .status-msg")).contains("say why");
        pop.findElement(By.cssSelector(".unlock-reason")).sendKeys("verified by his ID card photo");
        browser.screenshot("pop-unlock-login", 1440);
        browser.screenshot("pop-unlock-login", 390);
        pop.findElement(By.cssSelector("button.unlock-login")).click();
        browser.until(d -> pop.findElement(By.cssSelector(".account .login-state"))
                .getText()
                .contains("login unlocked"));
        assertThat(pop.findElements(By.cssSelector("button.unlock-login"))).isEmpty();
        assertThat(hotline.wallet().findById(account).orElseThrow().loginLocked())
                .isFalse();
        assertThat(one("SELECT actor || ' ' || (detail->>'reason') FROM audit_log WHERE action = 'unlock_login'"
                        + " ORDER BY id DESC LIMIT 1"))
                .isEqualTo("console:sam verified by his ID card photo");
        assertThat(one("SELECT notes::text FROM tickets WHERE reference = '" + ref + "'"))
                .contains("Unlocked the app login: verified by his ID card photo");
    }

    @Test
    @DisplayName("an agent is refused what they may not do: other queues' tickets and unfreezing")
    void agentRefusals() {
        long account =
                hotline.wallet().findByMsisdn(DemoData.ZHANG_MIN).orElseThrow().id();
        hotline.wallet().freeze(account, null, "it", "browser test");
        String recharge = hotline.tickets()
                .openOrUpdate(new TicketDraft(
                        "browser-recharge", "recharge", "recharge", 5, account, "*******9000", false, null, "{}", 1))
                .reference();
        browser.signIn("alice", TestUsers.PASSWORD);
        browser.type(By.id("lookup-ref"), recharge);
        browser.driver.findElement(By.cssSelector("#lookup button")).click();
        assertThat(browser.text(By.id("lookup-error"))).contains("no such ticket");
        assertThat(browser.api("POST", "/api/accounts/" + account + "/unfreeze", "{\"reason\":\"please, it is fine\"}"))
                .startsWith("403")
                .contains("supervisor");
        assertThat(hotline.wallet().findById(account).orElseThrow().status()).isEqualTo(AccountStatus.FROZEN);
    }

    @Test
    @DisplayName("an agent of the queue plays a complaint's voice message in the console; nobody else gets the file")
    void voiceMessagePlays() throws Exception {
        // a complaint about an agent's service with a voice message, over the simulator (the caller speaks a tone)
        String callId = "browser-voice-" + System.nanoTime();
        var info =
                new io.hotline.call.CallInfo(callId, DemoData.ZHANG_MIN, "", "en", "main", "sim", java.util.Map.of());
        hotline.engine()
                .run(
                        new io.hotline.telephony.sim.SimCall(
                                info, new io.hotline.telephony.sim.ScriptedCaller("5 3 1 ~"), h -> {}),
                        io.hotline.engine.CallListener.NONE);
        var ticket = hotline.tickets().byCallId(callId).orElseThrow();
        var message = hotline.recordings().latestOf(callId).orElseThrow();
        byte[] stored =
                hotline.recordings().audio(callId, message.id()).orElseThrow().audio();

        browser.signIn("alice", TestUsers.PASSWORD);
        browser.type(By.id("lookup-ref"), ticket.reference());
        browser.driver.findElement(By.cssSelector("#lookup button")).click();
        WebElement pop = browser.find(".pop[data-ticket='" + ticket.reference() + "']");
        assertThat(browser.text(pop, ".due")).contains("answer by");
        WebElement audio = pop.findElement(By.cssSelector("audio.voice-message-audio"));
        String src = audio.getAttribute("src");
        assertThat(src).endsWith("/api/tickets/" + ticket.reference() + "/voice-message");
        // the element loads the file with alice's session and decodes it: the caller's 3 seconds
        var js = (org.openqa.selenium.JavascriptExecutor) browser.driver;
        Object seconds = js.executeAsyncScript("""
                const a = arguments[0], done = arguments[arguments.length - 1];
                a.addEventListener("loadedmetadata", () => done(a.duration), { once: true });
                a.addEventListener("error", () => done(-1), { once: true });
                a.load();""", audio);
        assertThat(((Number) seconds).doubleValue()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.1));
        // and what it gets is the stored file itself
        Object bytes = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then((r) => r.arrayBuffer()).then((b) => done(b.byteLength), () => done(-1));""", src);
        assertThat(((Number) bytes).longValue()).isEqualTo(stored.length);

        // never public: without a session the URL answers 401
        var http = java.net.http.HttpClient.newHttpClient();
        var anonymous = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(src)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        // and an agent who may not see the ticket's queue gets 404, as if it had none
        String fraud = hotline.tickets()
                .openOrUpdate(new TicketDraft(
                        "browser-voice-fraud", "fraud", "fraud", 9, null, "*******9000", false, null, "{}", 1))
                .reference();
        hotline.recordings()
                .keep("browser-voice-fraud", "complaint.message", stored, "audio/wav", Duration.ofSeconds(3), "key");
        browser.signIn("bob", TestUsers.PASSWORD);
        assertThat(browser.api("GET", "/api/tickets/" + fraud + "/voice-message", null))
                .startsWith("404");
        assertThat(browser.api("GET", "/api/tickets/" + ticket.reference() + "/voice-message", null))
                .startsWith("200");
    }
}
