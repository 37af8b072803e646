package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/** Hold, resume, blind transfer with the ticket and its notes following the call, and the follow-up flag. */
@DisplayName("Call control on the simulated queues")
class CallControlIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger SEQ = new AtomicInteger();

    static Hotline hotline;
    static Console console;
    static int port;

    @BeforeAll
    static void start() {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        Users users = TestUsers.create(DB.dataSource());
        users.add(new Users.NewUser("ivan", "Ivan", Role.AGENT, null, List.of("fraud")), TestUsers.PASSWORD);
        users.add(new Users.NewUser("kim", "Kim", Role.AGENT, null, List.of("fraud")), TestUsers.PASSWORD);
        users.add(new Users.NewUser("judy", "Judy", Role.AGENT, null, List.of("account")), TestUsers.PASSWORD);
        console = Console.start(hotline.consoleSetup(ConsoleConfig.forTests(1_000, Duration.ofSeconds(30)), users));
        port = console.port();
    }

    @AfterAll
    static void stop() {
        console.close();
        hotline.close();
    }

    private static ConsoleClient agent(String login) throws InterruptedException {
        ConsoleClient c =
                ConsoleClient.signedIn(port, login, TestUsers.PASSWORD).connect();
        await().atMost(WAIT)
                .until(() -> "available".equals(c.get("/api/agents/me").body().getString("state")));
        return c;
    }

    private static CallInfo stolenCall() {
        var info = new CallInfo("sim-cc-" + SEQ.incrementAndGet(), DemoData.LI_WEI, "", "en", "main", "sim", Map.of());
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

    @Test
    @DisplayName(
            "hold and resume; a transfer to another queue takes the ticket and the first agent's notes to the next agent")
    void holdAndTransferToQueue() throws Exception {
        try (var ivan = agent("ivan");
                var judy = agent("judy")) {
            CallInfo call = stolenCall();
            String ticket = one("SELECT reference FROM tickets WHERE call_id = ?", call.callId());
            try {
                String key = ivan.awaitPop("ringing", ticket, WAIT).getString("call");
                assertThat(ivan.post("/api/calls/" + key + "/answer", new JsonObject())
                                .status())
                        .isEqualTo(200);
                ivan.awaitPop("active", ticket, WAIT);
                assertThat(ivan.post("/api/calls/" + key + "/hold", new JsonObject())
                                .status())
                        .isEqualTo(200);
                assertThat(ivan.await(
                                m -> "pop".equals(m.getString("type"))
                                        && m.getJsonObject("pop").getBoolean("held", false),
                                WAIT))
                        .isNotNull();
                assertThat(ivan.post("/api/calls/" + key + "/resume", new JsonObject())
                                .status())
                        .isEqualTo(200);
                ivan.await(
                        m -> "pop".equals(m.getString("type"))
                                && m.getJsonObject("pop").containsKey("held")
                                && !m.getJsonObject("pop").getBoolean("held"),
                        WAIT);
                assertThat(ivan.post(
                                        "/api/tickets/" + ticket + "/notes",
                                        new JsonObject().put("text", "two payments he does not recognise"))
                                .status())
                        .isEqualTo(200);

                var bad = ivan.post("/api/calls/" + key + "/transfer", new JsonObject());
                assertThat(bad.status()).isEqualTo(400);
                assertThat(bad.body().getString("error")).startsWith("queue or agent");
                var nowhere = ivan.post("/api/calls/" + key + "/transfer", new JsonObject().put("queue", "nowhere"));
                assertThat(nowhere.status()).isEqualTo(400);
                assertThat(nowhere.body().getString("error")).startsWith("queue must be one of");

                var moved = ivan.post(
                        "/api/calls/" + key + "/transfer",
                        new JsonObject().put("queue", "account").put("note", "please reset his password"));
                assertThat(moved.status()).isEqualTo(200);
                JsonObject gone = ivan.await(m -> "pop-gone".equals(m.getString("type")), WAIT);
                assertThat(gone.getString("reason")).isEqualTo("transferred to queue account");
                assertThat(gone.getBoolean("missed")).isFalse();

                JsonObject next = judy.awaitPop("ringing", ticket, WAIT);
                assertThat(next.getString("queue")).isEqualTo("account");
                assertThat(next.getJsonArray("notes").stream().map(o -> ((JsonObject) o).getString("text")))
                        .contains("two payments he does not recognise")
                        .anyMatch(t -> t.contains(
                                "Transferred from fraud to queue account by ivan: please reset his password"));
                assertThat(one("SELECT queue FROM tickets WHERE reference = ?", ticket))
                        .isEqualTo("account");
                assertThat(judy.post("/api/calls/" + next.getString("call") + "/answer", new JsonObject())
                                .status())
                        .isEqualTo(200);
                judy.awaitPop("active", ticket, WAIT);
                assertThat(judy.post("/api/calls/" + next.getString("call") + "/hangup", new JsonObject())
                                .status())
                        .isEqualTo(200);
                judy.awaitPop("ended", ticket, WAIT);
                assertThat(judy.post(
                                        "/api/tickets/" + ticket + "/close",
                                        new JsonObject()
                                                .put("disposition", "callback-needed")
                                                .put("followUp", true))
                                .status())
                        .isEqualTo(200);
                JsonObject view = judy.get("/api/tickets/" + ticket).body();
                assertThat(view.getString("status")).isEqualTo("closed");
                assertThat(view.getBoolean("followUp")).isTrue();
                assertThat(view.getString("closedBy")).isEqualTo("judy");
                // ivan's card never came back as "call ended"
                assertThat(ivan.pops().stream().filter(p -> ticket.equals(p.getString("ticket"))))
                        .noneMatch(p -> "ended".equals(p.getString("state")));
                // the call's one history: both queues, the hold, the ticket as judy closed it
                JsonObject history = await().atMost(WAIT)
                        .until(
                                () -> judy.get("/api/calls/" + call.callId() + "/history")
                                        .body(),
                                h -> h.getJsonArray("queues", new io.vertx.core.json.JsonArray())
                                                .size()
                                        == 2);
                assertThat(history.getJsonArray("queues").stream()
                                .map(o -> ((JsonObject) o).getString("queue") + " "
                                        + ((JsonObject) o).getBoolean("transferred")))
                        .containsExactly("fraud true", "account false");
                assertThat(history.getInteger("holds")).isEqualTo(1);
                assertThat(history.getJsonObject("ticket").getString("closedBy"))
                        .isEqualTo("judy");
                assertThat(history.getJsonObject("ticket").getString("disposition"))
                        .isEqualTo("callback-needed");
            } finally {
                console.simQueues().callerHangsUp(call.callId());
            }
            ivan.post("/api/signout", new JsonObject());
            judy.post("/api/signout", new JsonObject());
        }
    }

    @Test
    @DisplayName("a transfer to an available agent rings that agent with the ticket")
    void transferToAgent() throws Exception {
        try (var ivan = agent("ivan")) {
            CallInfo call = stolenCall();
            String ticket = one("SELECT reference FROM tickets WHERE call_id = ?", call.callId());
            try (var kim = ConsoleClient.signedIn(port, "kim", TestUsers.PASSWORD)) {
                String key = ivan.awaitPop("ringing", ticket, WAIT).getString("call");
                ivan.post("/api/calls/" + key + "/answer", new JsonObject());
                ivan.awaitPop("active", ticket, WAIT);
                // kim is signed in but has no console open: not available yet
                kim.connect();
                await().atMost(WAIT)
                        .until(() -> "available"
                                .equals(kim.get("/api/agents/me").body().getString("state")));
                var r = ivan.post("/api/calls/" + key + "/transfer", new JsonObject().put("agent", "kim"));
                assertThat(r.status()).isEqualTo(200);
                JsonObject ringing = kim.awaitPop("ringing", ticket, WAIT);
                assertThat(ringing.getString("queue")).isEqualTo("fraud");
                assertThat(ringing.getJsonArray("notes").stream().map(o -> ((JsonObject) o).getString("text")))
                        .anyMatch(t -> t.startsWith("Transferred from fraud to Kim (fraud) by ivan"));
                kim.post("/api/signout", new JsonObject());
            } finally {
                console.simQueues().callerHangsUp(call.callId());
            }
            await().atMost(WAIT).until(() -> console.simQueues().waiting("fraud") == 0);
            ivan.post("/api/signout", new JsonObject());
        }
    }

    @Test
    @DisplayName(
            "tickets are found by reference, freeze reference, caller number and holder name; an agent of another queue learns only that they exist")
    void findTickets() throws Exception {
        CallInfo call = stolenCall();
        String ticket = one("SELECT reference FROM tickets WHERE call_id = ?", call.callId());
        String freeze = one(
                "SELECT f.reference FROM freezes f JOIN tickets t ON t.account_id = f.account_id"
                        + " WHERE t.reference = ? ORDER BY f.id DESC LIMIT 1",
                ticket);
        try (var ivan = agent("ivan");
                var judy = ConsoleClient.signedIn(port, "judy", TestUsers.PASSWORD)) {
            String key = ivan.awaitPop("ringing", ticket, WAIT).getString("call");
            ivan.post("/api/calls/" + key + "/answer", new JsonObject());
            ivan.awaitPop("active", ticket, WAIT);
            for (String q : List.of(ticket, freeze, "13800138000", "8000", "li wei")) {
                var r = ivan.get("/api/tickets/search?q="
                        + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
                assertThat(r.status()).as(q).isEqualTo(200);
                assertThat(r.body().getJsonArray("tickets").stream().map(o -> ((JsonObject) o).getString("ticket")))
                        .as(q)
                        .contains(ticket);
            }
            assertThat(ivan.get("/api/tickets/search?q=li").status()).isEqualTo(400);
            await().atMost(WAIT)
                    .until(() -> ivan.get("/api/tickets/mine").body().getJsonArray("tickets").stream()
                            .anyMatch(o -> ticket.equals(((JsonObject) o).getString("ticket"))));
            var calls = ivan.get("/api/agents/ivan/calls").body().getJsonArray("calls");
            assertThat(calls.getJsonObject(0).getString("ticket")).isEqualTo(ticket);
            assertThat(calls.getJsonObject(0).getBoolean("answered")).isTrue();
            assertThat(judy.get("/api/agents/ivan/calls").status()).isEqualTo(403);
            var other = judy.get("/api/tickets/search?q=Li%20Wei").body();
            assertThat(other.getJsonArray("tickets").stream().map(o -> ((JsonObject) o).getString("ticket")))
                    .doesNotContain(ticket);
            assertThat(other.getInteger("inOtherQueues")).isPositive();
            ivan.post("/api/calls/" + key + "/hangup", new JsonObject());
            ivan.post("/api/signout", new JsonObject());
        } finally {
            console.simQueues().callerHangsUp(call.callId());
        }
    }
}
