package io.hotline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotline.agents.AgentState;
import io.hotline.agents.AgentStatus;
import io.hotline.agents.AgentStore;
import io.hotline.call.CallInfo;
import io.hotline.call.QueueHandoff;
import io.hotline.contact.CallbackConfig;
import io.hotline.contact.CallbackDesk;
import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallSnapshot;
import io.hotline.secrets.NumberVault;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimQueues;
import io.hotline.tickets.CallSessions;
import io.hotline.tickets.TicketDraft;
import io.hotline.tickets.Tickets;
import io.hotline.users.Role;
import io.hotline.users.Users;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A day of simulated calls with chosen waits, answers and abandons on an injected clock, written to
 * {@code queue_log} by the simulator as app_queue would write it, and the agents' after-call work as the
 * agent desk records it ({@code agent_state_changes}); every figure is checked against a value worked out by
 * hand below (targets: recharge 30 s, fraud 20 s; short abandon under 5 s).
 *
 * <pre>
 *  call queue    lang  entered   what happened                               wait  talk  after-call work
 *  c1   recharge en    09:00:00  Ann answers                                   10   120   20 (then Ready)
 *  c2   recharge zh    09:05:00  Ann answers                                   40   200    0 (none recorded)
 *  c3   recharge en    09:20:00  caller hangs up (short abandon)                3
 *  c4   recharge en    09:30:00  caller hangs up (within target)               20
 *  c5   recharge en    10:10:00  caller hangs up (after target)                45
 *  c6   fraud    en    10:20:00  Bo answers                                    15    60   30 (then Ready)
 *  c7   fraud    zh    10:40:00  Bo does not answer once, then answers         25   100    0 (still in wrap-up)
 *  b1   recharge en    10:50:00  caller books a callback instead of waiting (still pending)
 *  i8   (IVR only)     11:00:00  flow hangs up: contained
 *  i9   (IVR only)     11:05:00  caller hangs up in the menu: contained
 * </pre>
 */
@DisplayName("Queue reports of a known day of calls")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueDayReportIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final String ANN = "Sim/ann";
    private static final String BO = "Sim/bo";

    private final MutableClock clock = new MutableClock(DAY.plusSeconds(9 * 3600 - 60));
    private Reports reports;
    private String ticketC1;

    @BeforeAll
    void aDayOfCalls() {
        var writer = new QueueLogWriter(new QueueLogStore(DB.dataSource()));
        var sessions = new CallSessions(DB.dataSource(), clock);
        var tickets = new Tickets(DB.dataSource(), clock);
        try (writer;
                var sim = new SimQueues(writer, clock, Duration.ofHours(1))) {
            sim.agentReady(new SimQueues.SimAgent(ANN, "Agent Ann", Set.of("recharge")));
            sim.agentReady(new SimQueues.SimAgent(BO, "Agent Bo", Set.of("fraud")));
            agent("ann", "Agent Ann");
            agent("bo", "Agent Bo");

            at("09:00:00");
            ticketC1 = tickets.openOrUpdate(
                            new TicketDraft("c1", "recharge", "recharge", 0, null, "*******8000", false, null, "{}", 1))
                    .reference();
            join(sim, sessions, "c1", "recharge", "en", ticketC1);
            after(10);
            assertThat(sim.answer(ANN, "c1")).isTrue();
            after(120);
            assertThat(sim.agentHangsUp(ANN, "c1")).isTrue();
            wrapUp("ann", 20);

            at("09:05:00");
            join(sim, sessions, "c2", "recharge", "zh", "");
            after(40);
            assertThat(sim.answer(ANN, "c2")).isTrue();
            after(200);
            sim.callerHangsUp("c2");
            sim.agentAway(ANN); // Ann takes no more calls today

            at("09:20:00");
            join(sim, sessions, "c3", "recharge", "en", "");
            after(3);
            sim.callerHangsUp("c3");

            at("09:30:00");
            join(sim, sessions, "c4", "recharge", "en", "");
            after(20);
            sim.callerHangsUp("c4");

            at("10:10:00");
            join(sim, sessions, "c5", "recharge", "en", "");
            after(45);
            sim.callerHangsUp("c5");

            at("10:20:00");
            join(sim, sessions, "c6", "fraud", "en", "");
            after(15);
            assertThat(sim.answer(BO, "c6")).isTrue();
            after(60);
            assertThat(sim.agentHangsUp(BO, "c6")).isTrue();
            wrapUp("bo", 30);

            at("10:40:00");
            join(sim, sessions, "c7", "fraud", "zh", "");
            after(12);
            sim.agentAway(BO); // the ring goes unanswered
            after(8);
            sim.agentReady(new SimQueues.SimAgent(BO, "Agent Bo", Set.of("fraud")));
            after(5);
            assertThat(sim.answer(BO, "c7")).isTrue();
            after(100);
            assertThat(sim.agentHangsUp(BO, "c7")).isTrue();
            wrapUp("bo", -1); // still in wrap-up when the report is read

            at("10:50:00");
            bookCallback(tickets, "b1", "recharge", "en");

            at("11:00:00");
            ivrOnly(sessions, "i8", "hangup");
            at("11:05:00");
            ivrOnly(sessions, "i9", "caller_hangup");
            writer.awaitWritten(Duration.ofSeconds(30));
        }
        closeWithDisposition(ticketC1, "resolved");
        reports = new Reports(
                DB.dataSource(),
                new ReportRules(Duration.ofSeconds(30), Map.of("fraud", Duration.ofSeconds(20)), Duration.ofSeconds(5)),
                ZoneOffset.UTC);
    }

    @Test
    @DisplayName("per queue: offered, answered, abandoned apart from short abandons, service level, ASA, AHT")
    void perQueue() {
        Map<String, Report.Row> rows = rows(Report.By.QUEUE);
        assertThat(rows).containsOnlyKeys("fraud", "recharge");
        Figures r = rows.get("recharge").figures();
        assertThat(r.offered()).isEqualTo(5);
        assertThat(r.answered()).isEqualTo(2);
        assertThat(r.answeredInTarget()).isEqualTo(1); // c1 (10 s); c2 waited 40 s
        assertThat(r.shortAbandoned()).isEqualTo(1); // c3 (3 s)
        assertThat(r.abandoned()).isEqualTo(2); // c4, c5
        assertThat(r.serviceLevel()).isCloseTo(1.0 / 3, within(1e-9)); // 1 / (2 answered + 1 abandoned after 30 s)
        assertThat(r.asa()).isEqualTo(25.0); // (10 + 40) / 2
        assertThat(r.aht()).isEqualTo(170.0); // (120 + 20 + 200) / 2
        assertThat(r.abandonRate()).isEqualTo(0.5); // 2 / (5 - 1 short)
        assertThat(r.dispositions()).containsExactly(Map.entry("resolved", 1));
        assertThat(r.callbacks()).isEqualTo(1); // b1
        assertThat(rows.get("fraud").figures().callbacks()).isZero();
        Figures f = rows.get("fraud").figures();
        assertThat(f.offered()).isEqualTo(2);
        assertThat(f.answered()).isEqualTo(2);
        assertThat(f.serviceLevel()).isEqualTo(0.5); // c6 within 20 s, c7 at 25 s
        assertThat(f.asa()).isEqualTo(20.0); // (15 + 25) / 2
        assertThat(f.aht()).isEqualTo(95.0); // (60 + 30 + 100) / 2
        assertThat(f.abandonRate()).isEqualTo(0.0);
    }

    @Test
    @DisplayName("the whole day: totals, and containment over all IVR calls")
    void total() {
        Report rep = report(Report.By.QUEUE);
        Figures t = rep.total().figures();
        assertThat(t.offered()).isEqualTo(7);
        assertThat(t.answered()).isEqualTo(4);
        assertThat(t.serviceLevel()).isEqualTo(0.4); // 2 / (4 + 1)
        assertThat(t.asa()).isEqualTo(22.5); // (10 + 40 + 15 + 25) / 4
        assertThat(t.aht()).isEqualTo(132.5); // (140 + 200 + 90 + 100) / 4
        assertThat(t.abandonRate()).isCloseTo(1.0 / 3, within(1e-9)); // 2 / (7 - 1)
        assertThat(t.transfers()).isZero();
        assertThat(t.callbacks()).isEqualTo(1); // b1
        assertThat(rep.total().sessions()).isEqualTo(9);
        assertThat(rep.total().containment()).isCloseTo(2.0 / 9, within(1e-9)); // i8, i9
        assertThat(rep.demo()).isFalse();
    }

    @Test
    @DisplayName("per hour and per 15 minutes, intervals by the time the caller entered the queue")
    void perInterval() {
        Map<String, Report.Row> hours = rows(Report.By.HOUR);
        assertThat(hours).containsOnlyKeys("2026-03-02T09:00", "2026-03-02T10:00", "2026-03-02T11:00");
        Figures nine = hours.get("2026-03-02T09:00").figures();
        assertThat(nine.offered()).isEqualTo(4);
        assertThat(nine.serviceLevel()).isEqualTo(0.5); // c1 / (c1, c2 answered + none abandoned after target)
        Figures ten = hours.get("2026-03-02T10:00").figures();
        assertThat(ten.offered()).isEqualTo(3);
        assertThat(ten.serviceLevel()).isCloseTo(1.0 / 3, within(1e-9)); // c6 / (c6, c7 + c5)
        Report.Row eleven = hours.get("2026-03-02T11:00");
        assertThat(eleven.figures().offered()).isZero();
        assertThat(eleven.containment()).isEqualTo(1.0); // i8, i9
        Map<String, Report.Row> quarters = rows(Report.By.INTERVAL_15M);
        assertThat(quarters.get("2026-03-02T09:00").figures().offered()).isEqualTo(2); // c1, c2
        assertThat(quarters.get("2026-03-02T09:15").figures().shortAbandoned()).isEqualTo(1); // c3
        assertThat(quarters.get("2026-03-02T09:30").figures().abandoned()).isEqualTo(1); // c4
        assertThat(rows(Report.By.DAY).get("2026-03-02").figures().offered()).isEqualTo(7);
        assertThat(ten.callbacks()).isEqualTo(1); // b1 at 10:50
        assertThat(nine.callbacks()).isZero();
        assertThat(quarters.get("2026-03-02T10:45").figures().callbacks()).isEqualTo(1);
    }

    @Test
    @DisplayName("per agent and per language")
    void perAgentAndLanguage() {
        Map<String, Report.Row> agents = rows(Report.By.AGENT);
        assertThat(agents.get("Agent Ann").figures().answered()).isEqualTo(2);
        assertThat(agents.get("Agent Ann").figures().aht()).isEqualTo(170.0);
        assertThat(agents.get("Agent Bo").figures().answered()).isEqualTo(2);
        assertThat(agents.get(Reports.NONE).figures().offered()).isEqualTo(3); // c3, c4, c5
        Map<String, Report.Row> langs = rows(Report.By.LANGUAGE);
        assertThat(langs.get("en").figures().offered()).isEqualTo(5);
        assertThat(langs.get("zh").figures().offered()).isEqualTo(2);
        assertThat(langs.get("zh").figures().asa()).isEqualTo(32.5); // (40 + 25) / 2
    }

    @Test
    @DisplayName("one history per call, tied to its ticket, with the unanswered ring of c7")
    void histories() {
        var calls = reports.calls(DAY, DAY.plus(Duration.ofDays(1)));
        assertThat(calls).hasSize(7);
        var c1 = calls.stream().filter(c -> c.callId().equals("c1")).findFirst().orElseThrow();
        assertThat(c1.ticket()).isEqualTo(ticketC1);
        assertThat(c1.source()).isEqualTo("sim");
        var c7 = calls.stream().filter(c -> c.callId().equals("c7")).findFirst().orElseThrow();
        assertThat(c7.segments()).singleElement().satisfies(s -> {
            assertThat(s.ringNoAnswers()).isEqualTo(1);
            assertThat(s.agent()).isEqualTo("Agent Bo");
            assertThat(s.waitSeconds()).isEqualTo(25);
            assertThat(s.talkSeconds()).isEqualTo(100);
            assertThat(s.wrapSeconds()).isZero(); // Bo's wrap-up has not ended
        });
        var c6 = calls.stream().filter(c -> c.callId().equals("c6")).findFirst().orElseThrow();
        assertThat(c6.segments()).singleElement().satisfies(s -> {
            assertThat(s.completedAt()).isEqualTo(Instant.parse("2026-03-02T10:21:15Z"));
            assertThat(s.wrapSeconds()).isEqualTo(30);
        });
    }

    @Test
    @DisplayName(
            "one call's whole life in one record: its IVR session, its queue segment with after-call work, its ticket")
    void oneCallsHistory() {
        CallHistory c1 = reports.history("c1").orElseThrow();
        assertThat(c1.ivr()).hasValueSatisfying(i -> {
            assertThat(i.transport()).isEqualTo("sim");
            assertThat(i.endReason()).isEqualTo("queued");
            assertThat(i.contained()).isFalse();
            assertThat(i.queue()).isEqualTo("recharge");
            assertThat(i.path())
                    .extracting(p -> p.flow() + "/" + p.node())
                    .containsExactly("main/main_menu", "recharge/to_agent");
        });
        assertThat(c1.queues()).singleElement().satisfies(s -> {
            assertThat(s.queue()).isEqualTo("recharge");
            assertThat(s.entered()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
            assertThat(s.outcome()).isEqualTo(QueueCall.Outcome.ANSWERED);
            assertThat(s.agent()).isEqualTo("Agent Ann");
            assertThat(s.waitSeconds()).isEqualTo(10);
            assertThat(s.talkSeconds()).isEqualTo(120);
            assertThat(s.wrapSeconds()).isEqualTo(20);
        });
        assertThat(c1.handleSeconds()).isEqualTo(140);
        assertThat(c1.ticket()).hasValueSatisfying(t -> {
            assertThat(t.reference()).isEqualTo(ticketC1);
            assertThat(t.status()).isEqualTo("closed");
            assertThat(t.disposition()).isEqualTo("resolved");
        });

        CallHistory i8 = reports.history("i8").orElseThrow();
        assertThat(i8.ivr()).hasValueSatisfying(i -> assertThat(i.contained()).isTrue());
        assertThat(i8.queues()).isEmpty();
        assertThat(i8.ticket()).isEmpty();
        assertThat(reports.history("no-such-call")).isEmpty();
    }

    @Test
    @DisplayName("hotline report's table and CSV carry the same figures")
    void tableAndCsv() {
        Report rep = report(Report.By.QUEUE);
        String csv = ReportFormat.csv(rep);
        assertThat(csv.split("\r\n"))
                .containsExactly(
                        "group,offered,answered,answered_in_target,abandoned,short_abandoned,service_level,asa_s,aht_s,"
                                + "abandon_rate,transfers,callbacks,ivr_calls,containment,dispositions",
                        "fraud,2,2,1,0,0,50.0%,20.0,95.0,0.0%,0,0,,,",
                        "recharge,5,2,1,2,1,33.3%,25.0,170.0,50.0%,0,1,,,resolved=1",
                        "total,7,4,2,2,1,40.0%,22.5,132.5,33.3%,0,1,9,22.2%,resolved=1");
        String table = ReportFormat.table(rep);
        assertThat(table).startsWith("queue report by queue, 2026-03-02T00:00:00Z to 2026-03-03T00:00:00Z\n");
        assertThat(table.lines()
                        .filter(l -> l.startsWith("recharge"))
                        .findFirst()
                        .orElseThrow())
                .matches("recharge\\s+5\\s+2\\s+2\\s+1\\s+33\\.3%\\s+25\\.0\\s+170\\.0\\s+50\\.0%.*");
    }

    private Report report(Report.By by) {
        return reports.report(DAY, DAY.plus(Duration.ofDays(1)), by);
    }

    private Map<String, Report.Row> rows(Report.By by) {
        return report(by).rows().stream().collect(Collectors.toMap(Report.Row::key, Function.identity()));
    }

    private void at(String time) {
        clock.set(Instant.parse("2026-03-02T" + time + "Z"));
    }

    private void after(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    private void join(SimQueues sim, CallSessions sessions, String id, String queue, String lang, String ticket) {
        Instant ivrStart = clock.instant(); // the IVR part is not what is measured here
        sessions.started(id, "sim", "main", 1, "*******0000", lang, ivrStart);
        sessions.ended(id, "queued", queue, ticket, path(queue), "[]", null, clock.instant());
        sim.accept(new SimCall.SimHandoff(
                new CallInfo(id, "13800000000", "100", lang, "main", "sim", Map.of()),
                new QueueHandoff(queue, 0, ticket, queue, "", false, lang, "")));
    }

    private void ivrOnly(CallSessions sessions, String id, String how) {
        sessions.started(id, "sim", "main", 1, "*******0000", "en", clock.instant());
        sessions.ended(
                id,
                how,
                null,
                null,
                "[{\"flow\":\"main\",\"node\":\"main_menu\",\"type\":\"menu\"," + "\"input\":\"\",\"exit\":\"" + how
                        + "\"}]",
                "[]",
                null,
                clock.instant().plusSeconds(20));
    }

    private static String path(String journey) {
        return "[{\"flow\":\"main\",\"node\":\"main_menu\",\"type\":\"menu\",\"input\":\"1\",\"exit\":\"call "
                + journey + "\"},{\"flow\":\"" + journey + "\",\"node\":\"to_agent\",\"type\":\"queue\",\"input\":\"\","
                + "\"exit\":\"queued\"}]";
    }

    @Test
    @DisplayName("a callback booked and not yet made is pending in its queue")
    void callbacksPending() {
        assertThat(reports.callbacksPending()).containsExactly(Map.entry("recharge", 1));
    }

    /**
     * A caller who chose to be called back (the queue node's offer), booked through the callback desk as the IVR
     * books it; no PBX is attached, so it stays pending.
     */
    private void bookCallback(Tickets tickets, String id, String queue, String lang) {
        var info = new CallInfo(id, "13800000000", "100", lang, "main", "sim", Map.of());
        try (var desk = new CallbackDesk(
                DB.dataSource(),
                clock,
                CallbackConfig.defaults(),
                NumberVault.random(),
                tickets,
                (ticket, number, text) -> {},
                account -> java.util.Optional.empty(),
                "test",
                io.hotline.hours.OpeningHours.of(io.hotline.flow.Calendar.NONE))) {
            desk.book(
                    new CallSnapshot(info, "main", 1, lang, Map.of(), java.util.List.of(), java.util.List.of()),
                    queue,
                    0,
                    "",
                    "13800000000");
        }
    }

    /** A console user the agent desk keeps states for (the member name is the display name). */
    private static void agent(String login, String name) {
        Users.withIterations(DB.dataSource(), java.time.Clock.systemUTC(), 1_000)
                .add(new Users.NewUser(login, name, Role.AGENT, null, java.util.List.of()), "test-password");
    }

    /**
     * After-call work as the agent desk records it: wrap-up from now, then Ready after {@code seconds} (negative:
     * not yet). Ann's and Bo's clocks are the simulator's.
     */
    private void wrapUp(String login, int seconds) {
        var store = new AgentStore(DB.dataSource());
        Instant now = clock.instant();
        store.save(
                new AgentStatus(login, AgentState.WRAP_UP, "", now, now.plusSeconds(60), "hotline"),
                AgentState.AVAILABLE,
                false);
        if (seconds >= 0) {
            store.save(
                    new AgentStatus(
                            login, AgentState.AVAILABLE, "", now.plusSeconds(seconds), null, "console:" + login),
                    AgentState.WRAP_UP,
                    false);
        }
    }

    private static void closeWithDisposition(String ref, String disposition) {
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE tickets SET status = 'closed', disposition = ? WHERE reference = ?")) {
            ps.setString(1, disposition);
            ps.setString(2, ref);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
