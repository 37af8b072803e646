package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.call.CallInfo;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallEnding.Reason;
import io.hotline.engine.CallListener;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.Transcript;
import io.hotline.tickets.SessionRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PIN lockout across calls, concurrent freezes and hang-ups at every node type. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Safety of journeys")
class SafetyJourneysIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    static final ObjectMapper JSON = new ObjectMapper();

    SimHarness sim;

    @BeforeAll
    void start() {
        sim = new SimHarness(DB.database());
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    @Test
    @DisplayName("three wrong PINs over separate calls lock PIN checks, and then even the right PIN is refused")
    void pinLockoutAcrossCalls() {
        // Zhang Min's PIN is 1357; each call tries one wrong PIN and then hangs up
        var first = sim.call("13900139000", "3 1111#");
        assertThat(first.said()).contains("You have 2 attempts left");
        var second = sim.call("13900139000", "3 2222#");
        assertThat(second.said()).contains("You have 1 attempts left");
        var third = sim.call("13900139000", "3 3333#");
        assertThat(third.said()).contains("PIN checks on this account are locked");
        var right = sim.call("13900139000", "3 1357#");
        assertThat(right.said()).contains("PIN checks on this account are locked").doesNotContain("Your app login");
        assertThat(right.ending().queue()).isEqualTo("account");
    }

    @Test
    @DisplayName("twenty simultaneous stolen-account calls for one account make exactly one freeze, and all hear its reference")
    void concurrentFreezes() throws Exception {
        int n = 20;
        var ready = new CountDownLatch(n);
        List<Future<SimHarness.Result>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return sim.call("13800138000", "2 1");
                }));
            }
        }
        String ref = single("select reference from freezes f join accounts a on a.id = f.account_id "
                + "where a.msisdn = '13800138000' and released_at is null");
        assertThat(single("select count(*) from freezes f join accounts a on a.id = f.account_id "
                + "where a.msisdn = '13800138000'")).isEqualTo("1");
        int fresh = 0;
        for (var f : results) {
            var r = f.get();
            assertThat(r.said()).contains(ref);
            if (r.said().contains("Your wallet is now frozen")) {
                fresh++;
            }
        }
        assertThat(fresh).isEqualTo(1);
    }

    @ParameterizedTest(name = "hang-up at {0} node {1}")
    @CsvSource({
            "say, main/welcome, ''",
            "menu, main/main_menu, ''",
            "subflow, main/stolen, '2'",
            "branch, identify/known, '2'",
            "input, verify-identity/ask_pin, '1'",
            "action, stolen/freeze, '2 1'",
            "queue, stolen/fraud_agent, '2 1'",
            "hangup, main/goodbye, '5'",
    })
    @DisplayName("a caller hanging up at any node type leaves a consistent session record")
    void hangUpAtEveryNodeType(String type, String node, String keys) throws Exception {
        var caller = new HangUpAt(keys, node);
        String id = "hangup-" + type + "-" + System.nanoTime();
        var transcript = new Transcript();
        CallListener both = new CallListener() {
            @Override
            public void nodeEntered(String flowId, String nodeId, String t) {
                caller.nodeEntered(flowId, nodeId, t);
                transcript.nodeEntered(flowId, nodeId, t);
            }

            @Override
            public void said(String language, List<io.hotline.call.PromptPart> parts) {
                transcript.said(language, parts);
            }

            @Override
            public void actionDone(io.hotline.engine.ActionRecord record) {
                transcript.actionDone(record);
            }

            @Override
            public void ended(CallEnding ending) {
                transcript.ended(ending);
            }
        };
        var call = new SimCall(new CallInfo(id, "13700137000", "", "en", "main", "sim", Map.of()), caller, null);
        CallEnding ending = sim.hotline.engine().run(call, both);

        SessionRow s = sim.hotline.sessions().find(id).orElseThrow();
        assertThat(s.endedAt()).isNotNull();
        List<String> exits = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        for (JsonNode step : JSON.readTree(s.pathJson())) {
            nodes.add(step.path("flow").asText() + "/" + step.path("node").asText());
            exits.add(step.path("exit").asText());
        }
        if (type.equals("action")) {
            // the action completes and commits; the hang-up is noticed right after it
            assertThat(nodes).contains(node);
            assertThat(single("select count(*) from freezes f join accounts a on a.id = f.account_id "
                    + "where a.msisdn = '13700137000' and released_at is null")).isEqualTo("1");
        }
        if (type.equals("hangup") || type.equals("queue")) {
            // the caller left while being said goodbye to / put through: recorded at that node
            assertThat(nodes.getLast()).isEqualTo(node);
        } else if (!type.equals("action") && !type.equals("subflow") && !type.equals("branch")) {
            assertThat(nodes.getLast()).isEqualTo(node);
        }
        assertThat(ending.reason()).isEqualTo(Reason.CALLER_HANGUP);
        assertThat(s.endReason()).isEqualTo("caller_hangup");
        assertThat(exits.getLast()).isEqualTo("caller_hangup");
    }

    static String single(String sql, Object... args) throws Exception {
        try (Connection c = DB.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
