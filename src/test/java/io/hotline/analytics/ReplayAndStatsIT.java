package io.hotline.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.actions.ActionNames;
import io.hotline.call.CallInfo;
import io.hotline.db.TestDatabase;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Recorded calls of the shipped flows, replayed against candidates and counted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Replay and statistics from recorded sessions")
class ReplayAndStatsIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static final AtomicInteger SEQ = new AtomicInteger();
    static final Path FLOWS = Path.of("ivr-flows");

    List<RecordedSession> sessions;

    @BeforeAll
    void recordCalls() {
        Instant before = Instant.now().minusSeconds(1);
        try (Hotline h = Hotline.onDatabase(DB.database(), FLOWS, Clock.systemDefaultZone())) {
            call(h, "13800138000", "1 2468#"); // recharge, escalated
            call(h, "13800138000", "1 1111# 2468#"); // recharge, one wrong PIN
            call(h, "13900139000", "1 1357# ."); // recharge, none failed, thanked: contained
            call(h, "13900139000", "3 1357# 2"); // password, unlock, then the caller hangs up
            call(h, "13700137000", "2 1"); // stolen, already frozen
            call(h, "13800138000", "7 . 5 5 2"); // invalid key, silence, complaint
            call(h, "13800138000", "..."); // silence to agent
            call(h, "13800138000", ""); // hangs up at the menu
            call(h, "13600136000", "2 13900139000# 0"); // unknown caller types a number
        }
        sessions = new SessionHistory(DB.dataSource()).since(before, null, 1000);
    }

    @Test
    @DisplayName("replayed against the flows they ran on, every recorded call takes the same path")
    void sameFlowsSamePaths() {
        assertThat(sessions).hasSize(9);
        try (Replay replay = new Replay(load(FLOWS), Clock.systemDefaultZone())) {
            for (RecordedSession s : sessions) {
                ReplayResult r = replay.replay(s);
                assertThat(r.differs()).as(r.differs() ? r.render("same") : "").isFalse();
            }
        }
    }

    @Test
    @DisplayName("a candidate that sends key 1 to an agent differs exactly for the recharge calls, at the main menu")
    void changedMenuDiffersWhereItShould() throws IOException {
        FlowSet candidate = load(edited("main.yaml", "\"1\": recharge", "\"1\": agent\n      \"8\": recharge"));
        try (Replay replay = new Replay(candidate, Clock.systemDefaultZone())) {
            for (RecordedSession s : sessions) {
                ReplayResult r = replay.replay(s);
                boolean recharge = FlowStats.journey(s).equals("recharge");
                assertThat(r.differs()).as(s.callId() + " " + s.path()).isEqualTo(recharge);
                if (recharge) {
                    RecordedSession.Step at = s.path().get(r.firstDifference());
                    assertThat(at.where()).isEqualTo("main/main_menu");
                    assertThat(r.replayed().get(r.firstDifference()).exit()).isEqualTo("agent");
                    assertThat(r.render("candidate"))
                            .contains("* ")
                            .contains("main/main_menu [1] -> recharge")
                            .contains("main/main_menu [1] -> agent");
                }
            }
        }
    }

    @Test
    @DisplayName("a candidate that only rewords prompts changes no path")
    void rewordingChangesNoPath() throws IOException {
        FlowSet candidate = load(edited("recharge.yaml", "It failed because", "This one failed because"));
        try (Replay replay = new Replay(candidate, Clock.systemDefaultZone())) {
            assertThat(sessions).noneMatch(s -> replay.replay(s).differs());
        }
    }

    @Test
    @DisplayName(
            "statistics count calls per journey with containment, and per node entries, exits, timeouts and hang-ups")
    void stats() {
        FlowStats stats = FlowStats.of(sessions);

        assertThat(stats.calls()).isEqualTo(9);
        FlowStats.JourneyStats recharge = stats.journeys().get("recharge");
        assertThat(recharge.calls()).isEqualTo(3);
        assertThat(recharge.toAgent()).isEqualTo(2);
        assertThat(recharge.flowHungUp()).isEqualTo(1);
        assertThat(recharge.containment()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(0.001));
        assertThat(stats.journeys().get("password").callerHungUp()).isEqualTo(1);
        assertThat(stats.journeys().get(FlowStats.MENU_ONLY).calls()).isEqualTo(2); // silence and the hang-up

        FlowStats.NodeStats menu = stats.nodes().get("main/main_menu");
        assertThat(menu.calls()).isEqualTo(9);
        assertThat(menu.exits())
                .containsEntry("recharge", 3)
                .containsEntry("stolen", 2)
                .containsEntry("agent", 1)
                .containsEntry("caller_hangup", 1)
                .containsEntry("complaint", 1)
                .containsEntry("password", 1);
        assertThat(menu.timedOut()).isEqualTo(2); // "7 . 5 5 2" and "..."
        assertThat(menu.hungUp()).isEqualTo(1);
        FlowStats.NodeStats rechargeSubflow = stats.nodes().get("main/recharge");
        assertThat(rechargeSubflow.visits()).isEqualTo(3);
        assertThat(rechargeSubflow.exits()).containsEntry("done", 1);
        assertThat(stats.nodes().get("verify-identity/check_pin").exits())
                .containsEntry("ok", 4)
                .containsEntry("wrong", 1);
        assertThat(stats.render())
                .contains("recharge")
                .contains("main/main_menu")
                .contains("33%");
    }

    static void call(Hotline h, String ani, String keys) {
        var info = new CallInfo("rec-" + SEQ.incrementAndGet(), ani, "", "en", "main", "sim", Map.of());
        h.engine().run(new SimCall(info, new ScriptedCaller(keys), null), new Transcript());
    }

    static FlowSet load(Path dir) {
        return new FlowLoader().load(dir, ActionNames.catalog()).flowSet().orElseThrow();
    }

    static FlowSet load(SortedMap<String, byte[]> files) {
        var r = new FlowLoader().load("candidate", files, ActionNames.catalog());
        assertThat(r.problems()).isEmpty();
        return r.flowSet().orElseThrow();
    }

    static SortedMap<String, byte[]> edited(String file, String from, String to) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(FLOWS)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        String text = new String(files.get(file), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        files.put(file, text.replace(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return files;
    }
}
