package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.console.ConsoleClient;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.pbx.PbxDialer.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What callers and agents notice on a real Asterisk beyond the journeys themselves: the agent's screen
 * pop from app_queue's events, the prompt audio reaching the caller's ear, a caller hanging up in the
 * menu, and a real SIP caller. Independent calls run at the same time.
 */
// signs agents into the lab's shared queues (Hotline adds them as members): one such class at a time
@org.junit.jupiter.api.parallel.ResourceLock("lab-queue-agents")
@DisplayName("Real calls through a real Asterisk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class PbxCallsIT {
    private static final String LI_WEI = "13800138000";
    private static final String WANG_FANG = "13700137000";
    private Database db;
    private PbxDialer agi;
    private PbxDialer ari;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.fresh();
        agi = new PbxDialer(db, Transport.AGI);
        ari = new PbxDialer(db, Transport.ARI);
    }

    @AfterAll
    void stop() {
        try (Database closing = db) {
            if (agi != null) {
                agi.close();
            }
            if (ari != null) {
                ari.close();
            }
        }
    }

    private PbxDialer dialer(Transport t) {
        return t == Transport.AGI ? agi : ari;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    @DisplayName("the fraud agent's console pops the stolen-account caller when app_queue connects them")
    void screenPop(Transport t) throws Exception {
        PbxDialer d = dialer(t);
        try (ConsoleClient alice =
                ConsoleClient.signedIn(d.consolePort(), "alice", "alice-demo").connect()) {
            var r = d.callMeetingAgent(WANG_FANG, "2 1");
            assertThat(r.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);
            assertThat(r.queueJoin()).containsEntry("Queue", "fraud");
            var pop = alice.awaitPop("active", r.ending().ticket(), Duration.ofSeconds(60));
            assertThat(pop.getString("queue")).isEqualTo("fraud");
            assertThat(pop.getString("caller")).isEqualTo("*******7000");
            assertThat(pop.getJsonObject("account").getString("holder")).isEqualTo("Wang Fang");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    @DisplayName("the caller hears the greeting as it was generated: the recorded caller leg matches its audio")
    void greetingReachesTheCaller(Transport t) throws Exception {
        Path rec = Files.createTempDirectory("pbx-rec").resolve("heard-" + t + ".wav");
        // the caller hangs up as the menu starts: what it heard until then is the whole greeting
        dialer(t).callRecorded(LI_WEI, "", "main/main_menu", rec);
        Path greeting = Lab.sounds().resolve("en/main.welcome.prompt.wav");
        await("the recording is closed")
                .atMost(Duration.ofSeconds(20))
                .until(() -> Lab.asterisk().logLines().stream()
                        .anyMatch(l -> l.contains("End MixMonitor Recording") && Files.exists(rec)));
        Audio.Match m = Audio.find(Audio.read(greeting), Audio.read(rec));
        assertThat(m.correlation())
                .as("correlation of the heard audio with the greeting")
                .isGreaterThan(0.9);
        assertThat(m.heardSeconds())
                .as("seconds of the greeting heard")
                .isCloseTo(m.expectedSeconds(), org.assertj.core.data.Offset.offset(0.25));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    @DisplayName("a caller hanging up in the main menu leaves a session that says so, and no ticket")
    void callerHangsUpInTheMenu(Transport t) throws Exception {
        var r = dialer(t).callHangingUpAt(LI_WEI, "", "main/main_menu");
        assertThat(r.ending().reason()).isEqualTo(CallEnding.Reason.CALLER_HANGUP);
        await("the session is closed")
                .atMost(Duration.ofSeconds(20))
                .until(() -> "caller_hangup"
                        .equals(single("select end_reason from call_sessions where call_id = ?", r.callId())));
        assertThat(single("select count(*) from tickets where call_id = ?", r.callId()))
                .isEqualTo("0");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    @DisplayName(
            "a real SIP caller (SIPp, keys as RFC 4733 events) is told about failed recharges and queued to recharge")
    void sipCaller(Transport t) throws Exception {
        var r = dialer(t).callOverSip(LI_WEI, "1 2468#");
        assertThat(r.channel()).startsWith("PJSIP/hotline-test-sip-");
        assertThat(r.said()).contains("Here are your most recent failed recharges");
        assertThat(r.ending().queue()).isEqualTo("recharge");
        assertThat(r.queueJoin())
                .containsEntry("Queue", "recharge")
                .containsEntry("ChanVariable.HOTLINE_VERIFIED", "yes");
        // the keys came as RTP events on the SIP channel
        assertThat(Lab.asterisk().linesOf(r.channel())).anyMatch(l -> l.contains("DTMF end '#' received"));
    }

    private String single(String sql, Object... args) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
