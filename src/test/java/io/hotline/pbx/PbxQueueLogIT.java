package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallListener;
import io.hotline.pbx.PbxDialer.Transport;
import io.hotline.reports.QueueCall;
import io.hotline.reports.Report;
import io.hotline.reports.ReportRules;
import io.hotline.reports.Reports;
import io.hotline.telephony.queue.LinkStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real Asterisk writes its queue_log into PostgreSQL (realtime, res_config_pgsql, the shipped
 * extconfig.conf / res_pgsql.conf pointed at the tests' database) and Hotline's reports read it: an
 * answered call, an abandoned one, and a call that went through the queue while Hotline's AMI link
 * was down (relayed through {@link AmiProxy}, cut as the IVR hands the call to the queue).
 */
// signs agents into the lab's shared queues (Hotline adds them as members): one such class at a time
@org.junit.jupiter.api.parallel.ResourceLock("lab-queue-agents")
@DisplayName("Reports from a real Asterisk's queue_log")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.SAME_THREAD) // one cuts the link
class PbxQueueLogIT {
    private static final String LI_WEI = "13800138000";
    private static final String WANG_FANG = "13700137000";
    private Database db;
    private AmiProxy proxy;
    private PbxDialer dialer;
    private Reports reports;
    private final AtomicBoolean cutAtQueue = new AtomicBoolean();

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.open(Lab.QUEUE_LOG_DB);
        proxy = AmiProxy.to(Lab.asterisk().amiPort);
        dialer = new PbxDialer(db, Transport.AGI, Map.of("HOTLINE_AMI_PORT", Integer.toString(proxy.port())));
        dialer.hotline().engine().addListener(new CallListener() {
            @Override
            public void ended(CallEnding ending) {
                if (ending.reason() == CallEnding.Reason.QUEUED && cutAtQueue.getAndSet(false)) {
                    proxy.cut();
                }
            }
        });
        reports = new Reports(db.dataSource(), ReportRules.DEFAULTS, ZoneOffset.UTC);
        // queues.conf has no static members: the fraud agent signs in, and Hotline adds her to fraud
        alice = io.hotline.console.ConsoleClient.signedIn(dialer.consolePort(), "alice", "alice-demo")
                .connect();
        org.awaitility.Awaitility.await("alice a member of fraud")
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> PbxAgentStatesIT.members("fraud").containsKey("Local/agent1@agents"));
    }

    private io.hotline.console.ConsoleClient alice;

    @AfterAll
    void stop() throws Exception {
        if (alice != null) {
            alice.post("/api/signout", new io.vertx.core.json.JsonObject());
            alice.close();
        }
        try (Database closing = db;
                AmiProxy p = proxy) {
            if (dialer != null) {
                dialer.close();
            }
        }
    }

    @Test
    @DisplayName("a call the fraud agent answers is one answered history with its ticket, agent and wait")
    void answered() throws Exception {
        Instant from = Instant.now().minusSeconds(5);
        var r = dialer.callMeetingAgent(WANG_FANG, "2 1");
        assertThat(r.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);
        QueueCall call =
                awaitCall(from, r.callId(), c -> c.segments().getFirst().completed());
        assertThat(call.ticket()).isEqualTo(r.ending().ticket());
        assertThat(call.language()).isEqualTo("en");
        assertThat(call.source()).isEqualTo("asterisk");
        assertThat(call.segments()).singleElement().satisfies(s -> {
            assertThat(s.queue()).isEqualTo("fraud");
            assertThat(s.outcome()).isEqualTo(QueueCall.Outcome.ANSWERED);
            assertThat(s.agent())
                    .as("the member name Hotline gave alice's QueueAdd")
                    .isEqualTo("Alice");
            // the lab's agent rings for 2 s (extensions.conf [agents]) before answering
            assertThat(s.waitSeconds()).isBetween(1L, 30L);
        });
        Report rep = reports.report(from, Instant.now().plusSeconds(1), Report.By.QUEUE);
        var fraud = rep.rows().stream()
                .filter(row -> row.key().equals("fraud"))
                .findFirst()
                .orElseThrow();
        assertThat(fraud.figures().answered()).isGreaterThanOrEqualTo(1);
        // and Prometheus has it: today's answered calls of the fraud queue, from the same record
        var http = java.net.http.HttpClient.newHttpClient();
        var metrics = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + dialer.served.console().port() + "/metrics"))
                .build();
        await("fraud's answered calls on /metrics")
                .atMost(Duration.ofSeconds(30))
                .until(() -> http.send(metrics, java.net.http.HttpResponse.BodyHandlers.ofString())
                        .body()
                        .lines()
                        .filter(l -> l.startsWith("hotline_queue_answered_today{queue=\"fraud\"}"))
                        .anyMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1));
    }

    @Test
    @DisplayName("a caller who hangs up in the queue is an abandon, short (under 5 s) as it waited no time")
    void abandoned() throws Exception {
        Instant from = Instant.now().minusSeconds(5);
        var r = dialer.call(LI_WEI, "1 2468#");
        assertThat(r.ending().queue()).isEqualTo("recharge");
        QueueCall call =
                awaitCall(from, r.callId(), c -> c.segments().getFirst().outcome() == QueueCall.Outcome.ABANDONED);
        assertThat(call.ticket()).isEqualTo(r.ending().ticket());
        assertThat(call.segments().getFirst().waitSeconds()).isLessThan(5);
    }

    @Test
    @DisplayName("a call answered while Hotline's AMI link is down is in the report all the same")
    void amiLinkDropped() throws Exception {
        Instant from = Instant.now().minusSeconds(5);
        cutAtQueue.set(true);
        QueueCall call;
        PbxDialer.Result r;
        try {
            r = dialer.callMeetingAgent(WANG_FANG, "2 1");
            // the whole queue part (join, ring, answer, hang-up) happened while the link was down
            assertThat(dialer.served.console().amiStatus().map(LinkStatus::state))
                    .isNotEqualTo(Optional.of(LinkStatus.State.CONNECTED));
            call = awaitCall(from, r.callId(), c -> c.segments().getFirst().completed());
        } finally {
            proxy.restore();
        }
        assertThat(call.ticket()).isEqualTo(r.ending().ticket());
        assertThat(call.segments().getFirst().outcome()).isEqualTo(QueueCall.Outcome.ANSWERED);
        assertThat(call.segments().getFirst().agent()).isEqualTo("Alice");
        await("Hotline's AMI link back")
                .atMost(Duration.ofSeconds(30))
                .until(() -> dialer.served
                        .console()
                        .amiStatus()
                        .map(s -> s.state() == LinkStatus.State.CONNECTED)
                        .orElse(false));
    }

    @Test
    @DisplayName("a member paused over AMI counts as paused in the live figures, and queue_log keeps the pause")
    void memberPaused() throws Exception {
        Instant from = Instant.now().minusSeconds(5);
        String member = "Local/agent3@agents";
        // a member of the site's own (not one of Hotline's agents), added as queues.conf's member => would
        var added = Lab.ami()
                .action(
                        "QueueAdd",
                        java.util.Map.of("Interface", member, "Queue", "account", "MemberName", "Agent Account 3"));
        assertThat(added.get("Response")).as("QueueAdd: %s", added).isEqualTo("Success");
        try {
            var r = Lab.ami()
                    .action(
                            "QueuePause",
                            java.util.Map.of(
                                    "Interface", member, "Queue", "account", "Paused", "true", "Reason", "lunch"));
            assertThat(r.get("Response")).as("QueuePause: %s", r).isEqualTo("Success");
            await("account shows a paused member")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> account()
                            .map(f -> f.paused() == 1 && f.available() == 0)
                            .orElse(false));
        } finally {
            Lab.ami()
                    .action("QueuePause", java.util.Map.of("Interface", member, "Queue", "account", "Paused", "false"));
        }
        try {
            await("account's member available again")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> account().map(f -> f.paused() == 0).orElse(false));
            await("queue_log PAUSE row").atMost(Duration.ofSeconds(30)).until(() -> {
                try (var c = db.dataSource().getConnection();
                        var ps = c.prepareStatement(
                                "SELECT count(*) FROM queue_log WHERE event = 'PAUSE' AND queuename = 'account' AND agent = ? "
                                        + "AND data1 = 'lunch' AND time >= ?")) {
                    ps.setString(1, "Agent Account 3");
                    ps.setObject(2, java.time.LocalDateTime.ofInstant(from, ZoneOffset.UTC));
                    try (var rs = ps.executeQuery()) {
                        return rs.next() && rs.getInt(1) >= 1;
                    }
                }
            });
        } finally {
            Lab.ami().action("QueueRemove", java.util.Map.of("Interface", member, "Queue", "account"));
        }
    }

    private Optional<io.hotline.reports.QueueFigures> account() {
        return dialer.served.console().queueFigures().stream()
                .filter(f -> f.queue().equals("account"))
                .findFirst();
    }

    private QueueCall awaitCall(Instant from, String callId, java.util.function.Predicate<QueueCall> done) {
        return await("queue_log rows of " + callId)
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> reports.calls(from, Instant.now().plusSeconds(1)).stream()
                                .filter(c -> c.callId().equals(callId))
                                .filter(c -> !c.segments().isEmpty() && done.test(c))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
