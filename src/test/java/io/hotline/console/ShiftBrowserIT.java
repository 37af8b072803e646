package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.agents.AgentsConfig;
import io.hotline.call.CallInfo;
import io.hotline.db.DemoData;
import io.hotline.db.TestDatabase;
import io.hotline.db.Tx;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.users.Role;
import io.hotline.users.Users;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A whole shift in headless Chromium: Lena (fraud) signs in and is available, takes a call, holds and resumes
 * it, transfers it with her note to the account queue (Omar's pop shows it), ends after-call work with Ready,
 * wraps up a second call (draft kept through hang-up and reload, disposition and follow-up), pauses for a
 * break; Sam the supervisor makes her available, she misses the call (missed card, paused), Sam gives the next
 * ring to Pia instead, and Lena signs out. Screenshots at 1440 and 390 px in target/screenshots.
 */
@DisplayName("A shift on the console, in a browser")
class ShiftBrowserIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger SEQ = new AtomicInteger();

    static Hotline hotline;
    static Console console;
    static Browser lena;
    static Browser sam;

    @BeforeAll
    static void start() throws Exception {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        Users users = TestUsers.create(DB.dataSource());
        users.add(new Users.NewUser("lena", "Lena", Role.AGENT, null, List.of("fraud")), TestUsers.PASSWORD);
        users.add(new Users.NewUser("pia", "Pia", Role.AGENT, null, List.of("fraud")), TestUsers.PASSWORD);
        users.add(new Users.NewUser("omar", "Omar", Role.AGENT, null, List.of("account")), TestUsers.PASSWORD);
        var agents = AgentsConfig.defaults().withWrapUp(Duration.ofMinutes(5));
        console = Console.start(hotline.consoleSetup(
                ConsoleConfig.forTests(1_000, Duration.ofSeconds(15)).withAgents(agents), users));
        lena = new Browser(console.port());
        sam = new Browser(console.port());
    }

    @AfterAll
    static void stop() throws Exception {
        try (Browser a = lena;
                Browser b = sam) {
            // both closed
        } finally {
            console.close();
            hotline.close();
        }
    }

    private static CallInfo stolenCall() {
        var info =
                new CallInfo("sim-shift-" + SEQ.incrementAndGet(), DemoData.LI_WEI, "", "en", "main", "sim", Map.of());
        CallEnding end = hotline.engine().run(new SimCall(info, new ScriptedCaller("2 1"), console.simQueues()));
        assertThat(end.queue()).isEqualTo("fraud");
        return info;
    }

    private static String one(String sql, String arg) {
        return Tx.withConnection(DB.dataSource(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private static void badgeIs(Browser b, String text) {
        b.until(d -> d.findElement(By.id("state-badge")).getText().equals(text));
    }

    private static WebElement card(Browser b, String ticket, String state) {
        return b.find(".pop[data-ticket='" + ticket + "'][data-state='" + state + "']");
    }

    @Test
    @DisplayName(
            "sign in, available, a call held and transferred with context, wrap-up, a break, a missed call, a reassigned caller, sign out")
    void shift() throws Exception {
        lena.signIn("lena", TestUsers.PASSWORD);
        badgeIs(lena, "AVAILABLE");

        // 1. a call: the ring alert, answer, hold and resume, a note, transfer to the account queue
        CallInfo first = stolenCall();
        String t1 = one("SELECT reference FROM tickets WHERE call_id = ?", first.callId());
        try (var omar = ConsoleClient.signedIn(console.port(), "omar", TestUsers.PASSWORD)
                .connect()) {
            WebElement ringing = card(lena, t1, "ringing");
            lena.until(d -> d.getTitle().startsWith("☎ Incoming call"));
            lena.until(d -> d.findElement(By.tagName("body")).getAttribute("data-tones") != null);
            lena.screenshot("shift-ringing", 1440);
            lena.screenshot("shift-ringing", 390);
            badgeIs(lena, "RINGING");
            ringing.findElement(By.cssSelector("button.answer")).click();
            WebElement active = card(lena, t1, "active");
            lena.until(d -> !d.getTitle().startsWith("☎"));
            assertThat(lena.text(active, ".call-timer")).startsWith("on the call for 0:0");
            // the line says what she is doing; her queue state (available once this call is over) follows
            badgeIs(lena, "ON A CALL");
            assertThat(lena.find("#state-reason").getText()).isEqualTo("· then available");
            active.findElement(By.cssSelector("button.hold")).click();
            active = lena.find(".pop[data-ticket='" + t1 + "'] .on-hold").findElement(By.xpath("ancestor::article"));
            assertThat(active.getText()).contains("ON HOLD");
            badgeIs(lena, "ON HOLD");
            assertThat(active.findElements(By.cssSelector("select.transfer-to")))
                    .as("no transfer while the caller is on hold")
                    .isEmpty();
            lena.screenshot("shift-on-hold", 1440);
            lena.screenshot("shift-on-hold", 390);
            active.findElement(By.cssSelector("button.resume")).click();
            lena.find(".pop[data-ticket='" + t1 + "'] button.hold");
            badgeIs(lena, "ON A CALL");
            // Omar works account, not fraud: Lena may still transfer to him by name
            lena.until(d -> !d.findElements(By.cssSelector(
                            ".pop[data-ticket='" + t1 + "'] select.transfer-to option[value='agent:omar']"))
                    .isEmpty());
            lena.addNote(t1, "two payments he does not recognise");
            lena.transfer(t1, "please reset his password", "queue:account");
            lena.until(d -> d.findElements(By.cssSelector(".pop[data-ticket='" + t1 + "']"))
                    .isEmpty());
            JsonObject next = omar.awaitPop("ringing", t1, WAIT);
            assertThat(next.getJsonArray("notes").encode())
                    .contains("two payments he does not recognise")
                    .contains("Transferred from fraud to queue account by lena: please reset his password");
            omar.post("/api/calls/" + next.getString("call") + "/answer", new JsonObject());
            omar.awaitPop("active", t1, WAIT);
            omar.post("/api/calls/" + next.getString("call") + "/hangup", new JsonObject());
            omar.post("/api/signout", new JsonObject());
        }

        // 2. after-call work until Ready
        badgeIs(lena, "AFTER-CALL WORK");
        assertThat(lena.find("#go-available").getText()).isEqualTo("Ready");
        lena.find("#go-available").click();
        badgeIs(lena, "AVAILABLE");

        // 3. a call wrapped up: the draft survives hang-up and reload; disposition and follow-up
        CallInfo second = stolenCall();
        String t2 = one("SELECT reference FROM tickets WHERE call_id = ?", second.callId());
        card(lena, t2, "ringing").findElement(By.cssSelector("button.answer")).click();
        WebElement talking = card(lena, t2, "active");
        talking.findElement(By.cssSelector("textarea.note")).sendKeys("advised a police report");
        new Select(talking.findElement(By.cssSelector("select.disposition"))).selectByValue("fraud-case-opened");
        talking.findElement(By.cssSelector("input.follow-up")).click();
        talking.findElement(By.cssSelector("button.hangup")).click();
        card(lena, t2, "ended"); // the card turns to "ended" with the draft still in it, then survives a reload
        lena.driver.navigate().refresh();
        WebElement ended = card(lena, t2, "ended");
        assertThat(ended.findElement(By.cssSelector("textarea.note")).getAttribute("value"))
                .isEqualTo("advised a police report");
        assertThat(ended.findElement(By.cssSelector("input.follow-up")).isSelected())
                .isTrue();
        ended.findElement(By.cssSelector("button.close-ticket")).click();
        lena.until(d ->
                d.findElements(By.cssSelector(".pop[data-ticket='" + t2 + "']")).isEmpty());
        assertThat(one("SELECT follow_up::text FROM tickets WHERE reference = ?", t2))
                .isEqualTo("true");
        badgeIs(lena, "AFTER-CALL WORK");
        lena.find("#go-available").click();
        badgeIs(lena, "AVAILABLE");

        // 4. a break: the next caller waits
        new Select(lena.find("#pause-reason")).selectByValue("break");
        lena.find("#go-pause").click();
        badgeIs(lena, "PAUSED");
        assertThat(lena.find("#state-reason").getText()).isEqualTo("(break)");
        CallInfo third = stolenCall();
        String t3 = one("SELECT reference FROM tickets WHERE call_id = ?", third.callId());
        try {
            await().atMost(WAIT).until(() -> console.simQueues().waiting("fraud") == 1);

            // 5. the supervisor makes her available; she misses the call
            sam.signIn("sam", TestUsers.PASSWORD);
            WebElement row = sam.find("#agents tr.agent[data-login='lena']");
            assertThat(sam.text(row, ".agent-state")).isEqualTo("paused (break)");
            sam.screenshot("shift-supervisor", 1440);
            sam.screenshot("shift-supervisor", 390);
            new Select(row.findElement(By.cssSelector("select.set-state"))).selectByValue("available");
            row.findElement(By.cssSelector("button.apply-state")).click();
            // available in the queue; the waiting call rings her at once, so the badge may say RINGING already
            lena.until(d -> "available".equals(d.findElement(By.id("my-state")).getAttribute("data-state")));
            card(lena, t3, "ringing");
            WebElement missed = card(lena, t3, "missed");
            assertThat(missed.getText()).contains("MISSED CALL").contains("not answered");
            lena.screenshot("shift-missed", 1440);
            badgeIs(lena, "PAUSED");
            assertThat(lena.find("#state-reason").getText()).isEqualTo("(missed)");
            assertThat(one(
                            "SELECT count(*) FROM audit_log WHERE actor = 'console:sam' AND action = 'agent.state'"
                                    + " AND subject = ?",
                            "user:lena"))
                    .isEqualTo("1");

            // 6. back, the call rings her again; Pia comes in and Sam gives the caller to Pia
            missed.findElement(By.cssSelector("button.dismiss")).click();
            lena.find("#go-available").click();
            card(lena, t3, "ringing");
            try (var pia = ConsoleClient.signedIn(console.port(), "pia", TestUsers.PASSWORD)
                    .connect()) {
                await().atMost(WAIT)
                        .until(() -> "available"
                                .equals(pia.get("/api/agents/me").body().getString("state")));
                String row3 = "#board .queue[data-queue='fraud'] tr.caller[data-ticket='" + t3 + "']";
                sam.give(row3, "pia");
                JsonObject toPia = pia.awaitPop("ringing", t3, WAIT);
                lena.until(d -> d.findElements(By.cssSelector(".pop[data-ticket='" + t3 + "']"))
                        .isEmpty());
                pia.post("/api/calls/" + toPia.getString("call") + "/answer", new JsonObject());
                pia.awaitPop("active", t3, WAIT);
                pia.post("/api/signout", new JsonObject());
            }
        } finally {
            console.simQueues().callerHangsUp(third.callId());
        }

        // 7. sign out: off the queues
        lena.find("#signout").click();
        lena.until(d -> d.getCurrentUrl().endsWith("/signin.html"));
        await().atMost(WAIT)
                .until(() -> "offline".equals(one("SELECT state FROM agent_states WHERE login = ?", "lena")));
    }
}
