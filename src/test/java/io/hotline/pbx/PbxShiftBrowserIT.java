package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.console.Browser;
import io.hotline.console.ConsoleClient;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.db.Tx;
import io.hotline.pbx.PbxDialer.Transport;
import io.hotline.users.Role;
import io.hotline.users.Users;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The shift of {@code console.ShiftBrowserIT} on a real Asterisk: Lena (fraud) works it in headless Chromium and
 * Sam supervises in another; each step is checked in Asterisk too ({@code QueueStatus}, and the app_queue and
 * music-on-hold events it sends). Lena signs in (a dynamic member of fraud), takes a call (the lab agent answers
 * after 2 s and stays 30 s), holds and resumes it, transfers it with her note to the account queue (Omar rings, his pop
 * has her notes), ends after-call work with Ready, wraps up a second call (note, disposition, follow-up, hang-up,
 * close), pauses for a break (paused with the reason in app_queue; the next caller waits and rings nobody), Sam
 * gives that caller to Omar from the board and makes Lena available, and Lena signs out (no member any more).
 * Screenshots at 1440 and 390 px in target/screenshots ({@code pbx-shift-*}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A shift on the console against a real Asterisk, in a browser")
// Lena and Omar become members of the lab's shared queues: no other class that signs agents in runs meanwhile
@org.junit.jupiter.api.parallel.ResourceLock("lab-queue-agents")
class PbxShiftBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    // [agents] answers agent0..agent9; 9 and 4 are no other class's
    private static final String LENA = "Local/agent9@agents";
    private static final String OMAR = "Local/agent4@agents";
    private static final String PASSWORD = "desk-password";
    private static final String WANG_FANG = "13700137000";
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final LabEvents events = LabEvents.start(WAIT);
    private Database db;
    private PbxDialer dialer;
    private Browser lena;
    private Browser sam;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.fresh();
        Users users = Users.withIterations(db.dataSource(), Clock.systemUTC(), 1_000);
        for (var desk : List.of(
                new Users.NewUser("lena", "Lena", Role.AGENT, LENA, List.of("fraud")),
                new Users.NewUser("omar", "Omar", Role.AGENT, OMAR, List.of("account")))) {
            users.add(desk, PASSWORD);
        }
        dialer = new PbxDialer(db, Transport.AGI, Map.of("HOTLINE_WRAP_UP", "5m"));
        lena = new Browser(dialer.consolePort());
        sam = new Browser(dialer.consolePort());
    }

    @AfterEach
    void leaveTheLabAsFound() {
        // a failed check must not leave a caller (and a lab agent) on the line, nor Lena or Omar in the queues
        events.all(e -> "QueueCallerJoin".equals(e.get("Event")) && ours(e.get("ChanVariable.HOTLINE_TICKET"))).stream()
                .map(e -> e.get("Channel"))
                .distinct()
                .forEach(ch -> Lab.ami().action("Hangup", Map.of("Channel", ch)));
        for (String login : List.of("lena", "omar")) {
            try (var c = ConsoleClient.signedIn(dialer.consolePort(), login, PASSWORD)) {
                c.post("/api/signout", new JsonObject());
            }
        }
        await("Lena and Omar in none of the lab's queues").atMost(WAIT).until(() -> {
            for (String q : List.of("fraud", "account", "hotline-agent")) {
                var m = PbxAgentStatesIT.members(q);
                if (m.containsKey(LENA) || m.containsKey(OMAR)) {
                    return false;
                }
            }
            return true;
        });
    }

    @AfterAll
    void stop() throws Exception {
        try (LabEvents heard = events;
                ExecutorService ended = callers;
                Database closing = db;
                Browser a = lena;
                Browser b = sam) {
            if (dialer != null) {
                dialer.close();
            }
        }
    }

    /** A caller whose account was stolen (fraud), on the line until someone hangs up; done when the call is over. */
    private Future<PbxDialer.Result> stolenAccountCaller() {
        return callers.submit(() -> dialer.callStayingWithAgent(WANG_FANG, "2 1"));
    }

    /** Whether {@code ticket} is in this class's database (the lab's queues are shared by every class's server). */
    private boolean ours(String ticket) {
        return ticket != null
                && !ticket.isEmpty()
                && one("SELECT count(*) FROM tickets WHERE reference = ?", ticket)
                        .equals("1");
    }

    private String one(String sql, String arg) {
        return Tx.withConnection(db.dataSource(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** app_queue answered a caller on {@code iface} in {@code queue} (from index {@code from} on). */
    private Map<String, String> connected(int from, String queue, String iface) {
        return events.awaitOne(
                iface + " connected in " + queue,
                from,
                LabEvents.named("AgentConnect", "Interface", iface).and(e -> queue.equals(e.get("Queue"))));
    }

    /** The entry of {@code iface} in {@code queue} as QueueStatus reports it, once {@code until} holds for it. */
    private Map<String, String> member(String queue, String iface, Predicate<Map<String, String>> until) {
        return await(iface + " in " + queue)
                .atMost(WAIT)
                .until(() -> PbxAgentStatesIT.members(queue).get(iface), m -> m != null && until.test(m));
    }

    private static Predicate<Map<String, String>> paused(String reason) {
        return m -> "1".equals(m.get("Paused")) && reason.equals(m.get("PausedReason"));
    }

    private static boolean free(Map<String, String> m) {
        return "0".equals(m.get("Paused"));
    }

    private static void badgeIs(Browser b, String text) {
        b.until(d -> d.findElement(By.id("state-badge")).getText().equals(text));
    }

    private static WebElement card(Browser b, String ticket, String state) {
        return b.find(".pop[data-ticket='" + ticket + "'][data-state='" + state + "']");
    }

    private static void gone(Browser b, String ticket) {
        b.until(d -> d.findElements(By.cssSelector(".pop[data-ticket='" + ticket + "']"))
                .isEmpty());
    }

    @Test
    @DisplayName(
            "sign in, available, a call held, resumed and transferred to the account queue with notes, wrap-up, a break that rings nobody, Sam gives the caller to Omar and makes Lena available, sign out")
    void shift() throws Exception {
        lena.signIn("lena", PASSWORD);
        badgeIs(lena, "AVAILABLE");
        assertThat(member("fraud", LENA, PbxShiftBrowserIT::free))
                .containsEntry("Membership", "dynamic")
                .containsEntry("Name", "Lena");
        member("hotline-agent", LENA, PbxShiftBrowserIT::free);
        try (var omar =
                ConsoleClient.signedIn(dialer.consolePort(), "omar", PASSWORD).connect()) {
            member("hotline-agent", OMAR, PbxShiftBrowserIT::free);
            lenaTakesHoldsAndTransfers(omar);
            lenaWrapsUp();
            lenaPausesAndSamGivesHerCaller(omar);
        }

        // sign out: off the queues in Asterisk
        int mark = events.mark();
        lena.find("#signout").click();
        lena.until(d -> d.getCurrentUrl().endsWith("/signin.html"));
        events.awaitOne("Lena removed from fraud", mark, LabEvents.named("QueueMemberRemoved", "Interface", LENA));
        await("Lena no member of fraud nor hotline-agent")
                .atMost(WAIT)
                .until(() -> !PbxAgentStatesIT.members("fraud").containsKey(LENA)
                        && !PbxAgentStatesIT.members("hotline-agent").containsKey(LENA));
    }

    private void lenaTakesHoldsAndTransfers(ConsoleClient omar) throws Exception {
        int mark = events.mark();
        var call = stolenAccountCaller();
        Map<String, String> connect = connected(mark, "fraud", LENA);
        String t1 = connect.get("ChanVariable.HOTLINE_TICKET");
        String channel = connect.get("Channel");
        assertThat(ours(t1)).as("ticket " + t1).isTrue();
        WebElement active = card(lena, t1, "active");
        assertThat(lena.text(active, ".call-timer")).startsWith("on the call for 0:");
        badgeIs(lena, "ON A CALL");

        // Hold: the caller hears music (Asterisk's MusicOnHoldStart for the caller's channel); Resume stops it
        int held = events.mark();
        active.findElement(By.cssSelector("button.hold")).click();
        active = lena.find(".pop[data-ticket='" + t1 + "'] .on-hold").findElement(By.xpath("ancestor::article"));
        assertThat(active.getText()).contains("ON HOLD");
        badgeIs(lena, "ON HOLD");
        events.awaitOne("music for the held caller", held, LabEvents.named("MusicOnHoldStart", "Channel", channel));
        lena.screenshot("pbx-shift-on-hold", 1440);
        lena.screenshot("pbx-shift-on-hold", 390, ".pop[data-ticket='" + t1 + "']");
        int resumed = events.mark();
        active.findElement(By.cssSelector("button.resume")).click();
        lena.find(".pop[data-ticket='" + t1 + "'] button.hold");
        badgeIs(lena, "ON A CALL");
        events.awaitOne("the music stopped", resumed, LabEvents.named("MusicOnHoldStop", "Channel", channel));

        // a note, then a transfer to the account queue with a second one: Omar rings there, his pop has both (an
        // agent's transfer list names only the agents of her own queues, and Omar works account only)
        lena.addNote(t1, "two payments he does not recognise");
        int moved = events.mark();
        lena.transfer(t1, "please replace his card", "queue:account");
        gone(lena, t1);
        Map<String, String> toOmar = connected(moved, "account", OMAR);
        assertThat(toOmar).containsEntry("ChanVariable.HOTLINE_TICKET", t1).containsEntry("Channel", channel);
        assertThat(events.rung("account", channel)).containsExactly(OMAR);
        JsonObject next = omar.awaitPop("active", t1, WAIT);
        assertThat(next.getJsonArray("notes").encode())
                .contains("two payments he does not recognise")
                .contains("Transferred from fraud to queue account by lena: please replace his card");
        var hung = omar.post("/api/calls/" + next.getString("call") + "/hangup", new JsonObject());
        assertThat(hung.status()).as(hung.body().encode()).isEqualTo(200);
        assertThat(call.get(2, TimeUnit.MINUTES).ending().ticket()).isEqualTo(t1);
        // Omar is ready for the next caller at once
        omar.seenOrAwait(
                m -> "agent-state".equals(m.getString("type"))
                        && "wrap-up".equals(m.getJsonObject("state").getString("state")),
                WAIT);
        assertThat(omar.post("/api/agents/me/state", new JsonObject().put("state", "available"))
                        .status())
                .isEqualTo(200);

        // Lena's after-call work pauses her in app_queue until she is Ready
        badgeIs(lena, "AFTER-CALL WORK");
        member("fraud", LENA, paused("wrap-up"));
        assertThat(lena.find("#go-available").getText()).isEqualTo("Ready");
        lena.find("#go-available").click();
        badgeIs(lena, "AVAILABLE");
        member("fraud", LENA, PbxShiftBrowserIT::free);
    }

    private void lenaWrapsUp() throws Exception {
        int mark = events.mark();
        var call = stolenAccountCaller();
        String t2 = connected(mark, "fraud", LENA).get("ChanVariable.HOTLINE_TICKET");
        card(lena, t2, "active");
        lena.screenshot("pbx-shift-active", 1440);
        lena.screenshot("pbx-shift-active", 390, ".pop[data-ticket='" + t2 + "']");
        WebElement talking = card(lena, t2, "active");
        talking.findElement(By.cssSelector("textarea.note")).sendKeys("advised a police report");
        new Select(talking.findElement(By.cssSelector("select.disposition"))).selectByValue("fraud-case-opened");
        talking.findElement(By.cssSelector("input.follow-up")).click();
        talking.findElement(By.cssSelector("button.hangup")).click();
        assertThat(call.get(2, TimeUnit.MINUTES).ending().ticket()).isEqualTo(t2);
        card(lena, t2, "ended"); // the draft survives the hang-up and a reload
        lena.driver().navigate().refresh();
        WebElement ended = card(lena, t2, "ended");
        assertThat(ended.findElement(By.cssSelector("textarea.note")).getAttribute("value"))
                .isEqualTo("advised a police report");
        assertThat(ended.findElement(By.cssSelector("input.follow-up")).isSelected())
                .isTrue();
        lena.screenshot("pbx-shift-wrap-up", 1440);
        ended.findElement(By.cssSelector("button.close-ticket")).click();
        gone(lena, t2);
        assertThat(one(
                        "SELECT status || ' ' || disposition || ' ' || follow_up::text FROM tickets WHERE reference = ?",
                        t2))
                .isEqualTo("closed fraud-case-opened true");
        badgeIs(lena, "AFTER-CALL WORK");
        member("fraud", LENA, paused("wrap-up"));
        lena.find("#go-available").click();
        badgeIs(lena, "AVAILABLE");
        member("fraud", LENA, PbxShiftBrowserIT::free);
    }

    private void lenaPausesAndSamGivesHerCaller(ConsoleClient omar) throws Exception {
        int pausing = events.mark();
        new Select(lena.find("#pause-reason")).selectByValue("break");
        lena.find("#go-pause").click();
        badgeIs(lena, "PAUSED");
        assertThat(lena.find("#state-reason").getText()).isEqualTo("(break)");
        member("fraud", LENA, paused("break"));
        events.awaitOne(
                "QueueMemberPause for Lena's break",
                pausing,
                LabEvents.named("QueueMemberPause", "Interface", LENA).and(paused("break")));
        lena.screenshot("pbx-shift-paused", 1440);

        int mark = events.mark();
        var call = stolenAccountCaller();
        Map<String, String> join = events.awaitOne(
                "our caller waiting in fraud",
                mark,
                LabEvents.named("QueueCallerJoin", "Queue", "fraud")
                        .and(e -> ours(e.get("ChanVariable.HOTLINE_TICKET"))));
        String t3 = join.get("ChanVariable.HOTLINE_TICKET");
        String channel = join.get("Channel");

        sam.signIn("sam", "sam-demo");
        WebElement row = sam.find("#agents tr.agent[data-login='lena']");
        assertThat(sam.text(row, ".agent-state")).isEqualTo("paused (break)");
        String caller = "#board .queue[data-queue='fraud'] tr.caller[data-ticket='" + t3 + "']";
        sam.find(caller);
        sam.screenshot("pbx-shift-supervisor", 1440);
        sam.screenshot("pbx-shift-supervisor", 390, caller);
        sam.screenshot("pbx-shift-supervisor-agents", 1440, "#agents");
        assertThat(lena.driver().findElements(By.cssSelector(".pop[data-ticket='" + t3 + "']")))
                .isEmpty();

        int given = events.mark();
        sam.give(caller, "omar");
        assertThat(connected(given, "hotline-agent", OMAR)).containsEntry("ChanVariable.HOTLINE_TICKET", t3);
        // app_queue rang nobody in fraud for this caller while Lena was on her break; only Omar, through Sam
        assertThat(events.rung("fraud", channel)).isEmpty();
        assertThat(events.rung("hotline-agent", channel)).containsExactly(OMAR);
        JsonObject pop = omar.awaitPop("active", t3, WAIT);
        assertThat(pop.getJsonArray("notes").encode()).contains("Transferred from fraud to Omar (account) by sam");
        assertThat(one("SELECT status FROM tickets WHERE reference = ?", t3)).isNotEqualTo("abandoned");
        var hung = omar.post("/api/calls/" + pop.getString("call") + "/hangup", new JsonObject());
        assertThat(hung.status()).as(hung.body().encode()).isEqualTo(200);
        assertThat(call.get(2, TimeUnit.MINUTES).ending().ticket()).isEqualTo(t3);

        // Sam makes Lena available from the board: unpaused in app_queue, audited
        sam.until(d -> {
            WebElement r = d.findElement(By.cssSelector("#agents tr.agent[data-login='lena']"));
            new Select(r.findElement(By.cssSelector("select.set-state"))).selectByValue("available");
            r.findElement(By.cssSelector("button.apply-state")).click();
            return true;
        });
        lena.until(d -> "available".equals(d.findElement(By.id("my-state")).getAttribute("data-state")));
        badgeIs(lena, "AVAILABLE");
        member("fraud", LENA, PbxShiftBrowserIT::free);
        assertThat(one(
                        "SELECT count(*) FROM audit_log WHERE actor = 'console:sam' AND action = 'agent.state'"
                                + " AND subject = ?",
                        "user:lena"))
                .isEqualTo("1");
    }
}
