package io.hotline.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hotline.call.CallEnded;
import io.hotline.call.CallInfo;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.config.Settings;
import io.hotline.db.StoppablePostgres;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallEnding.Reason;
import io.hotline.engine.CallListener;
import io.hotline.journeys.Listeners;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimCaller;
import io.hotline.telephony.sim.Transcript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The database server goes away and comes back while the hotline runs. The hotline talks to a
 * PostgreSQL of this test's own as an external database, so stopping it is a real outage.
 */
@DisplayName("A database outage")
class DatabaseOutageIT {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String LI_WEI = "13800138000";

    @TempDir
    Path dir;

    StoppablePostgres pg;
    Hotline hotline;

    /** The engine's warnings: "session start not recorded" is the database attempt giving up. */
    private final ListAppender<ILoggingEvent> engineLog = new ListAppender<>();

    @BeforeEach
    void start() {
        engineLog.start();
        ((Logger) LoggerFactory.getLogger("io.hotline.engine")).addAppender(engineLog);
        pg = StoppablePostgres.start(dir);
        hotline = Hotline.start(settings(pg, "node-a"));
    }

    /**
     * Whether a database call of this call had already waited out the pool's connection timeout: what a
     * greeting that waited for the database would come after. (A call on a connection the stopped server
     * had just killed fails at once instead, before or after the greeting: that proves nothing.)
     */
    private boolean waitedForTheDatabase(String callId) {
        synchronized (engineLog) {
            return engineLog.list.stream()
                    .anyMatch(e -> callId.equals(e.getMDCPropertyMap().get("call"))
                            && (e.getFormattedMessage().contains("timed out")
                                    || e.getFormattedMessage().contains("took longer than")));
        }
    }

    private boolean startGaveUp(String callId) {
        synchronized (engineLog) { // logback appends under the appender's lock
            return engineLog.list.stream()
                    .anyMatch(e -> callId.equals(e.getMDCPropertyMap().get("call"))
                            && e.getFormattedMessage().startsWith("session start not recorded"));
        }
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("io.hotline.engine")).detachAppender(engineLog);
        if (hotline != null) {
            hotline.close();
        }
        pg.close();
    }

    static Settings settings(StoppablePostgres pg, String node) {
        return Settings.from(Map.of(
                "HOTLINE_DB_URL", pg.jdbcUrl(),
                "HOTLINE_DB_USER", "postgres",
                "HOTLINE_DB_POOL_SIZE", "5",
                "HOTLINE_DB_DEMO", "true",
                "HOTLINE_DATA_DIR", pg.config().dataDir().toString(),
                "HOTLINE_FLOWS_DIR", "ivr-flows",
                "HOTLINE_NODE_ID", node));
    }

    /** {@code databaseGaveUpBeforeGreeting}: whether a database call of the call had timed out when the first prompt played. */
    record Result(
            String callId,
            Transcript transcript,
            CallEnding ending,
            SimCall call,
            Boolean databaseGaveUpBeforeGreeting) {
        String said() {
            return String.join("\n", transcript.prompts());
        }
    }

    Result call(String ani, SimCaller caller, CallListener extra) {
        String id = "outage-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
        var atGreeting = new AtomicReference<Boolean>();
        SimCaller timed = new SimCaller() {
            @Override
            public Key hear(List<PromptPart> parts, String language, String interruptKeys) {
                atGreeting.compareAndSet(null, waitedForTheDatabase(id));
                return caller.hear(parts, language, interruptKeys);
            }

            @Override
            public Key nextKey(Duration timeout) {
                return caller.nextKey(timeout);
            }
        };
        var call = new SimCall(new CallInfo(id, ani, "", "en", "main", "sim", Map.of()), timed, null);
        var transcript = new Transcript();
        CallEnding ending = hotline.engine().run(call, Listeners.both(extra, transcript));
        return new Result(id, transcript, ending, call, atGreeting.get());
    }

    Result call(String ani, String keys) {
        return call(ani, new ScriptedCaller(keys), CallListener.NONE);
    }

    @Test
    @DisplayName(
            "with the database down when the call starts, the caller is greeted at once, told the wallet cannot be reached and put through to the general queue")
    void downWhenTheCallStarts() {
        pg.stop();
        Result r = call(LI_WEI, "2 1");

        // greeted at once: before any database call of the call had waited out the pool's connection timeout
        // (which a greeting waiting for the database would come after); no clock is read
        assertThat(r.databaseGaveUpBeforeGreeting())
                .as("the greeting waited for the database")
                .isFalse();
        // the attempt was made, on the side, and gives up later; the minute is a safety net, not a limit
        await("the session start was attempted and gave up")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> startGaveUp(r.callId()));
        assertThat(r.said())
                .startsWith("Welcome to Wallet customer service.")
                .contains("our systems cannot look up your wallet right now")
                .doesNotContain("frozen");
        assertThat(r.ending().reason()).isEqualTo(Reason.QUEUED);
        assertThat(r.ending().queue()).isEqualTo("general-support");
        assertThat(r.ending().ticket()).as("no ticket can be written").isEmpty();
        assertThat(r.call().channelVariables())
                .containsEntry("HOTLINE_QUEUE", "general-support")
                .containsEntry("HOTLINE_CATEGORY", "general")
                .containsEntry("HOTLINE_VERIFIED", "no")
                .containsKey("HOTLINE_ACTIONS")
                .doesNotContainKey("HOTLINE_TICKET");
        assertThat(r.call().channelVariables().get("HOTLINE_ACTIONS")).startsWith("identify_caller=");

        pg.startAgain();
        awaitPoolRecovered();
        Result after = call(LI_WEI, "2 1");
        assertThat(after.said()).as("the pool reconnected by itself").contains("Your wallet is now frozen");
        assertThat(after.ending().ticket()).startsWith("T-");
        assertThat(query("select status from accounts where msisdn = ?", LI_WEI))
                .isEqualTo("frozen");
        assertThat(query("select end_reason from call_sessions where call_id = ?", after.callId()))
                .isEqualTo("queued");
    }

    @Test
    @DisplayName(
            "with the database gone in the middle of a call, the IVR never says the account is frozen, and the agent gets what is known through channel variables")
    void downInTheMiddleOfTheCall() {
        CallListener outage = new CallListener() {
            @Override
            public void nodeEntered(String flowId, String nodeId, String type) {
                if (flowId.equals("stolen") && nodeId.equals("freeze")) {
                    pg.stop();
                }
            }
        };
        Result r = call(LI_WEI, new ScriptedCaller("2 1"), outage);

        assertThat(r.said())
                .contains("we could not freeze your wallet automatically")
                .doesNotContain("Your wallet is now frozen")
                .doesNotContain("already frozen");
        assertThat(r.ending().reason()).isEqualTo(Reason.QUEUED);
        assertThat(r.ending().queue()).isEqualTo("fraud");
        assertThat(r.transcript().entries())
                .anyMatch(e -> e instanceof Transcript.Entry.Acted a
                        && a.name().equals("freeze_account")
                        && (a.outcome().equals("error") || a.outcome().equals("timeout")));
        Map<String, String> vars = r.call().channelVariables();
        assertThat(vars)
                .containsEntry("HOTLINE_QUEUE", "fraud")
                .containsEntry("HOTLINE_CATEGORY", "fraud")
                .containsKey("HOTLINE_ACCOUNT")
                .doesNotContainKey("HOTLINE_TICKET");
        assertThat(vars.get("HOTLINE_ACTIONS")).contains("identify_caller=ok").contains("freeze_account=");

        pg.startAgain();
        assertThat(query("select status from accounts where msisdn = ?", LI_WEI))
                .as("nothing was frozen that the caller was not told about")
                .isEqualTo("active");
        assertThat(query(FREEZES_OF_LI_WEI)).isEqualTo("0");
        assertThat(query("select count(*) from tickets where call_id = ?", r.callId()))
                .isEqualTo("0");

        awaitPoolRecovered();
        Result after = call(LI_WEI, "2 1");
        assertThat(after.said()).contains("Your wallet is now frozen");
        assertThat(query(FREEZES_OF_LI_WEI)).isEqualTo("1");
    }

    @Test
    @DisplayName(
            "a server restarted while calls are in progress marks its own interrupted calls and their open tickets, and leaves other nodes' calls alone")
    void restartDuringCalls() throws Exception {
        // another node on the same database has a call in progress
        var nodeB = new io.hotline.tickets.CallSessions(
                hotline.database().dataSource(), java.time.Clock.systemUTC(), "node-b");
        nodeB.started("node-b-call", "agi", "main", 1, "*******9000", "en", java.time.Instant.now());

        // a complaint call: its ticket is committed, then the server dies while the reference is read out
        var readingReference = new java.util.concurrent.CountDownLatch(1);
        var crashed = new java.util.concurrent.CountDownLatch(1);
        SimCaller caller = new SimCaller() {
            final ScriptedCaller keys = new ScriptedCaller("5 2 2");

            @Override
            public Key hear(List<PromptPart> parts, String language, String interruptKeys) {
                if (parts.stream().anyMatch(p -> p.text().contains("complaint has been recorded"))) {
                    readingReference.countDown();
                    try {
                        crashed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new CallEnded("the line dropped with the server");
                }
                return keys.hear(parts, language, interruptKeys);
            }

            @Override
            public Key nextKey(Duration timeout) {
                return keys.nextKey(timeout);
            }
        };
        var inFlight = new java.util.concurrent.atomic.AtomicReference<Result>();
        Thread callThread =
                Thread.ofVirtual().start(() -> inFlight.set(call("13700137000", caller, CallListener.NONE)));
        assertThat(readingReference.await(30, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        // the session's start is written in the background, the ticket before the reference is read: wait
        // for both rows rather than expect them at once on a busy machine
        String callId = org.awaitility.Awaitility.await("the in-progress session row")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> query(
                                "select call_id from call_sessions where end_reason = 'in_progress' and node = 'node-a'"),
                        java.util.Objects::nonNull);
        String ticket = org.awaitility.Awaitility.await("the call's ticket")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> query("select reference from tickets where call_id = ?", callId),
                        java.util.Objects::nonNull);
        assertThat(ticket).startsWith("T-");

        // the crash: the process is gone with its pool; nothing more is written for the call
        Hotline dead = hotline;
        hotline = null;
        dead.close();
        crashed.countDown();
        callThread.join(Duration.ofSeconds(30));

        hotline = Hotline.start(settings(pg, "node-a"));
        assertThat(query("select end_reason from call_sessions where call_id = ?", callId))
                .isEqualTo("interrupted");
        assertThat(query("select ended_at is not null from call_sessions where call_id = ?", callId))
                .isEqualTo("t");
        assertThat(query("select context->>'interrupted' from tickets where reference = ?", ticket))
                .isEqualTo("true");
        assertThat(query("select count(*) from tickets where call_id = ?", callId))
                .isEqualTo("1");
        assertThat(query("select end_reason from call_sessions where call_id = 'node-b-call'"))
                .as("node B's live call is not node A's to close")
                .isEqualTo("in_progress");

        Result after = call(LI_WEI, "5 2 2");
        assertThat(after.said()).contains("Your complaint has been recorded");
        assertThat(query("select end_reason from call_sessions where call_id = ?", after.callId()))
                .isEqualTo("hangup");
    }

    static final String FREEZES_OF_LI_WEI = "select count(*) from freezes f join accounts a on a.id = f.account_id "
            + "where a.msisdn = '" + LI_WEI + "'";

    /**
     * The pool reconnects by itself; HikariCP retries with a back-off of up to five seconds, so allow
     * that plus PostgreSQL's start. Each probe waits up to the pool's two-second timeout.
     */
    void awaitPoolRecovered() {
        long t0 = System.nanoTime();
        await("pool reconnected")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> hotline.database().reachable());
        System.out.printf(
                "pool usable again %d ms after the database was back%n", (System.nanoTime() - t0) / 1_000_000);
    }

    String query(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
