package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.telephony.queue.MemberState;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueuedCall;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The queue board")
class QueueBoardTest {
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static final ConsoleUser ALICE = new ConsoleUser(
            1, "alice", "Alice", Role.AGENT, "Local/agent1@agents", List.of("fraud", "general-support"));
    private static final ConsoleUser SAM = new ConsoleUser(2, "sam", "Sam", Role.SUPERVISOR, "", List.of());
    private static final ConsoleUser BOB =
            new ConsoleUser(3, "bob", "Bob", Role.AGENT, "Local/agent2@agents", List.of("recharge"));
    private final QueueBoard board = new QueueBoard(List.of("fraud", "recharge", "account", "general-support"));

    private static QueuedCall call(String id, String ticket, String priority) {
        return new QueuedCall(
                "PJSIP/x-" + id,
                id,
                "*******8000",
                Map.of(
                        QueuedCall.TICKET,
                        ticket,
                        QueuedCall.PRIORITY,
                        priority,
                        QueuedCall.CATEGORY,
                        "fraud",
                        QueuedCall.VERIFIED,
                        "no"));
    }

    private JsonArray callers(ConsoleUser u, String queue) {
        return board.view(u, List.of(ALICE, BOB, SAM), Set.of("alice")).getJsonArray("queues").stream()
                .map(JsonObject.class::cast)
                .filter(q -> q.getString("name").equals(queue))
                .findFirst()
                .orElseThrow()
                .getJsonArray("callers");
    }

    @Test
    @DisplayName("Hotline's own PBX queues (the doctor's test queue, hotline-agent) are not on the board")
    void ownQueuesStayOff() {
        assertThat(board.apply(new QueueEvent.CallerJoined("hotline-doctor", call("d", "TEST-1", "0"), 1, T0)))
                .isFalse();
        assertThat(board.apply(new QueueEvent.QueueSnapshot("hotline-agent", List.of(), List.of(), T0, "")))
                .isFalse();
        assertThat(board.view(SAM, List.of(ALICE, BOB, SAM), Set.of()).getJsonArray("queues").stream()
                        .map(q -> ((JsonObject) q).getString("name")))
                .containsExactly("fraud", "recharge", "account", "general-support");
        assertThat(board.allQueues()).doesNotContain("hotline-doctor", "hotline-agent");
    }

    @Test
    @DisplayName("orders waiting callers by priority, then arrival, and renumbers when one leaves")
    void positions() {
        board.apply(new QueueEvent.CallerJoined("fraud", call("a", "T-1", "0"), 1, T0));
        board.apply(new QueueEvent.CallerJoined("fraud", call("b", "T-2", "9"), 2, T0.plusSeconds(5)));
        board.apply(new QueueEvent.CallerJoined("fraud", call("c", "T-3", "0"), 3, T0.plusSeconds(9)));
        JsonArray cs = callers(ALICE, "fraud");
        assertThat(cs.stream().map(o -> ((JsonObject) o).getString("ticket"))).containsExactly("T-2", "T-1", "T-3");
        assertThat(cs.getJsonObject(0).getInteger("position")).isEqualTo(1);
        assertThat(cs.getJsonObject(0).getLong("since"))
                .isEqualTo(T0.plusSeconds(5).toEpochMilli());
        assertThat(cs.getJsonObject(0).getBoolean("verified")).isFalse();

        board.apply(new QueueEvent.CallerLeft("fraud", call("b", "T-2", "9"), 1, T0.plusSeconds(20)));
        assertThat(callers(ALICE, "fraud").stream().map(o -> ((JsonObject) o).getInteger("position")))
                .containsExactly(1, 2);
    }

    @Test
    @DisplayName("an agent sees their own queues; a supervisor sees all")
    void visibility() {
        JsonObject a = board.view(ALICE, List.of(ALICE, BOB, SAM), Set.of());
        assertThat(a.getJsonArray("queues").stream().map(o -> ((JsonObject) o).getString("name")))
                .containsExactly("fraud", "general-support");
        assertThat(a.getJsonArray("agents").stream().map(o -> ((JsonObject) o).getString("login")))
                .containsExactly("alice");
        JsonObject s = board.view(SAM, List.of(ALICE, BOB, SAM), Set.of());
        assertThat(s.getJsonArray("queues")).hasSize(4);
        assertThat(s.getJsonArray("agents").stream().map(o -> ((JsonObject) o).getString("login")))
                .containsExactly("alice", "bob");
    }

    @Test
    @DisplayName("shows who is ringing and talking, and a re-sync replaces what was known")
    void agentsAndResync() {
        board.apply(new QueueEvent.CallerJoined("fraud", call("a", "T-1", "0"), 1, T0));
        board.apply(new QueueEvent.AgentCalled("fraud", call("a", "T-1", "0"), "Local/agent1@agents", "Agent 1", T0));
        assertThat(callers(SAM, "fraud").getJsonObject(0).getString("ringing")).isEqualTo("alice");
        board.apply(new QueueEvent.AgentConnected(
                "fraud", call("a", "T-1", "0"), "Local/agent1@agents", "Agent 1", 3, T0.plusSeconds(3)));
        JsonObject alice = board.view(SAM, List.of(ALICE), Set.of("alice"))
                .getJsonArray("agents")
                .getJsonObject(0);
        assertThat(alice.getString("state")).isEqualTo("in-use");
        assertThat(alice.getString("ticket")).isEqualTo("T-1");
        assertThat(callers(SAM, "fraud")).isEmpty();

        board.apply(new QueueEvent.QueueSnapshot(
                "fraud",
                List.of(new QueueEvent.Waiting(call("z", "T-9", "0"), 1, 42)),
                List.of(new QueueEvent.Member("Local/agent1@agents", "Agent 1", MemberState.NOT_IN_USE, true)),
                T0.plusSeconds(100)));
        JsonObject z = callers(SAM, "fraud").getJsonObject(0);
        assertThat(z.getString("ticket")).isEqualTo("T-9");
        assertThat(z.getLong("since")).isEqualTo(T0.plusSeconds(58).toEpochMilli());
        JsonObject after = board.view(SAM, List.of(ALICE), Set.of("alice"))
                .getJsonArray("agents")
                .getJsonObject(0);
        assertThat(after.getBoolean("paused")).isTrue();
        assertThat(after.getString("state")).isEqualTo("not-in-use");
    }

    @Test
    @DisplayName("fills in category, priority and verification from the ticket when the channel did not carry them")
    void enrich() {
        board.apply(new QueueEvent.CallerJoined(
                "fraud", new QueuedCall("PJSIP/y", "y", "*******8000", Map.of(QueuedCall.TICKET, "T-5")), 1, T0));
        assertThat(board.enrich("T-5", "fraud", 9, true)).isTrue();
        JsonObject c = callers(SAM, "fraud").getJsonObject(0);
        assertThat(c.getString("category")).isEqualTo("fraud");
        assertThat(c.getInteger("priority")).isEqualTo(9);
        assertThat(c.getBoolean("verified")).isTrue();
    }
}
