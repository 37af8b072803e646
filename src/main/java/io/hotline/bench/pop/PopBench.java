package io.hotline.bench.pop;

import io.hotline.call.CallInfo;
import io.hotline.console.Console;
import io.hotline.console.ConsoleConfig;
import io.hotline.db.DemoData;
import io.hotline.emulator.ami.AmiEmulator;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.tickets.Ticket;
import io.hotline.tickets.TicketDraft;
import io.hotline.users.Role;
import io.hotline.users.Users;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Screen-pop latency: from an AMI {@code AgentConnect} written to the console's AMI socket to the
 * WebSocket frame carrying the active pop at the agent's client, with many agents connected.
 *
 * <p>Set-up: {@code agents} console users (agents of the fraud queue, each on its own interface) signed in
 * with a console WebSocket open; one real stolen-account call gives the ticket context every pop shows
 * (one ticket per agent, on Li Wei's account). Then, for batches of {@code batch} agents at a time, the
 * peer sends each call's {@code QueueCallerJoin} and {@code AgentCalled} (waiting for the ringing pops, not
 * measured), then {@code QueueCallerLeave} and the measured {@code AgentConnect}, then
 * {@code AgentComplete}. With {@code cold}, only {@code AgentConnect} is sent: the pop's content is built
 * from the database on the spot. The clock is one process's {@link System#nanoTime()}.
 */
public final class PopBench {
    private static final String QUEUE = "fraud";

    /** What to run. */
    public record Options(int agents, int pops, int batch, int warmup, boolean cold) {
        public Options {
            if (agents < 1 || pops < 1 || batch < 1 || batch > agents || warmup < 0) {
                throw new IllegalArgumentException("need agents >= 1, pops >= 1, 1 <= batch <= agents, warmup >= 0");
            }
        }
    }

    /** Latencies in milliseconds. */
    public record Result(
            String mode, int agents, int measured, double p50, double p90, double p99, double max, double mean) {
        public String render() {
            return String.format(
                    "screen pop, %s: %d agents connected, %d pops measured%n"
                            + "  AgentConnect on the AMI socket -> pop frame at the agent: p50 %.2f ms, p90 %.2f ms,"
                            + " p99 %.2f ms, max %.2f ms, mean %.2f ms%n",
                    mode, agents, measured, p50, p90, p99, max, mean);
        }
    }

    private final Map<String, CompletableFuture<Long>> ringing = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> active = new ConcurrentHashMap<>();
    private final Map<String, String> lastMessages = new ConcurrentHashMap<>();
    private int callSeq;

    private PopBench() {}

    public static Result run(Hotline hotline, Options o) throws Exception {
        return new PopBench().go(hotline, o);
    }

    private record Agent(String login, String iface, String ticket) {}

    private Result go(Hotline hotline, Options o) throws Exception {
        Clock clock = Clock.systemUTC();
        Users users = Users.withIterations(hotline.database().dataSource(), clock, 1_000);
        String password = "bench-password";
        Ticket model = stolenTicket(hotline);
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < o.agents(); i++) {
            String login = String.format("bench%03d", i);
            String iface = "PJSIP/" + (7000 + i);
            if (users.byLogin(login).isEmpty()) {
                users.add(new Users.NewUser(login, "Bench " + i, Role.AGENT, iface, List.of(QUEUE)), password);
            }
            String ticket = hotline.tickets()
                    .openOrUpdate(new TicketDraft(
                            "bench-" + login + "-" + System.nanoTime(),
                            "fraud",
                            QUEUE,
                            9,
                            model.accountId(),
                            model.callerMasked(),
                            model.verified(),
                            model.verifiedBy(),
                            model.contextJson(),
                            model.flowVersion()))
                    .reference();
            agents.add(new Agent(login, iface, ticket));
        }
        try (AmiEmulator peer = new AmiEmulator("hotline", "bench")) {
            var config = new ConsoleConfig(
                    "127.0.0.1",
                    0,
                    false,
                    Duration.ofHours(1),
                    1_000_000,
                    false,
                    List.of(QUEUE),
                    Duration.ofSeconds(20),
                    ZoneId.systemDefault());
            var ami = new AmiConfig(
                    "127.0.0.1",
                    peer.port(),
                    "hotline",
                    "bench",
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5));
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            io.vertx.core.Vertx clientVertx =
                    io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
            var wsClient = clientVertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
                    .setMaxMessageSize(16 * 1024 * 1024)
                    .setMaxConnections(1_000));
            try (Console console = Console.start(hotline.consoleSetup(config, users)
                    .withAmi(Optional.of(ami))
                    .withClock(clock))) {
                if (!peer.awaitLogin(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the console did not log in to the AMI peer");
                }
                List<io.vertx.core.http.WebSocket> sockets = new ArrayList<>();
                for (Agent a : agents) {
                    sockets.add(connect(http, wsClient, console.port(), a.login(), password));
                }
                round(peer, agents, o.warmup(), o, null);
                long[] measured = new long[o.pops()];
                round(peer, agents, o.pops(), o, measured);
                sockets.forEach(io.vertx.core.http.WebSocket::close);
                return result(o, measured);
            } finally {
                http.shutdownNow();
                clientVertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Runs {@code count} pops in batches; records AgentConnect-to-frame nanos into {@code out} when given. */
    private void round(AmiEmulator peer, List<Agent> agents, int count, Options o, long[] out) throws Exception {
        int done = 0;
        int next = 0;
        while (done < count) {
            int n = Math.min(o.batch(), count - done);
            List<Agent> batch = new ArrayList<>();
            List<QueueCallEvents.Caller> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Agent a = agents.get(next++ % agents.size());
                int id = ++callSeq;
                batch.add(a);
                calls.add(new QueueCallEvents.Caller(
                        String.format("Local/100@hotline-%08x;2", id),
                        "1795400000." + id,
                        DemoData.LI_WEI,
                        a.ticket(),
                        "1"));
            }
            if (!o.cold()) {
                List<CompletableFuture<Long>> rang = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    QueueCallEvents.Caller c = calls.get(i);
                    rang.add(ringing.computeIfAbsent(c.uniqueId(), k -> new CompletableFuture<>()));
                    peer.emit(QueueCallEvents.queueCallerJoin(c, QUEUE)
                            + QueueCallEvents.agentCalled(
                                    c, QUEUE, batch.get(i).iface(), batch.get(i).login()));
                }
                try {
                    CompletableFuture.allOf(rang.toArray(CompletableFuture[]::new))
                            .get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    List<String> missing = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if (!rang.get(i).isDone()) {
                            missing.add(calls.get(i).uniqueId() + " for "
                                    + batch.get(i).login());
                        }
                    }
                    throw new IllegalStateException(
                            "no ringing pop within 30 s for " + missing + "; last messages: "
                                    + lastMessages.get(batch.get(0).login()),
                            e);
                }
                for (QueueCallEvents.Caller c : calls) {
                    peer.emit(QueueCallEvents.queueCallerLeave(c, QUEUE));
                }
            }
            long[] sent = new long[n];
            List<CompletableFuture<Long>> answered = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                QueueCallEvents.Caller c = calls.get(i);
                answered.add(active.computeIfAbsent(c.uniqueId(), k -> new CompletableFuture<>()));
                String event = QueueCallEvents.agentConnect(
                        c, QUEUE, batch.get(i).iface(), batch.get(i).login());
                sent[i] = System.nanoTime();
                peer.emit(event);
            }
            for (int i = 0; i < n; i++) {
                long arrived = answered.get(i).get(30, TimeUnit.SECONDS);
                if (out != null) {
                    out[done + i] = arrived - sent[i];
                }
                ringing.remove(calls.get(i).uniqueId());
                active.remove(calls.get(i).uniqueId());
            }
            for (int i = 0; i < n; i++) {
                peer.emit(QueueCallEvents.agentComplete(
                        calls.get(i), QUEUE, batch.get(i).iface(), batch.get(i).login()));
            }
            done += n;
        }
    }

    /**
     * Signs in and opens the console WebSocket with Vert.x's client (one client Vert.x for all agents,
     * separate from the server's): the JDK's WebSocket client closed some of 200 sockets under load.
     */
    private io.vertx.core.http.WebSocket connect(
            HttpClient http, io.vertx.core.http.WebSocketClient wsClient, int port, String login, String password)
            throws Exception {
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> s = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/session")).build(),
                HttpResponse.BodyHandlers.ofString());
        String anon = cookie(s, "hotline_signin"); // the signed sign-in form token, no session yet
        String csrf = new JsonObject(s.body()).getString("csrf");
        HttpResponse<String> in = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/signin"))
                        .header("Cookie", anon)
                        .header("X-CSRF-Token", csrf)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                .put("login", login)
                                .put("password", password)
                                .encode()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (in.statusCode() != 200) {
            throw new IllegalStateException("sign-in of " + login + " failed: " + in.statusCode() + " " + in.body());
        }
        CompletableFuture<Void> hello = new CompletableFuture<>();
        var options = new io.vertx.core.http.WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI("/ws/console")
                .addHeader("Cookie", cookie(in, "hotline_session"));
        // Handlers are set in the connect callback, on the client's event loop, before any message is read.
        io.vertx.core.http.WebSocket ws = wsClient.connect(options)
                .map(w -> {
                    w.textMessageHandler(text -> {
                        long now = System.nanoTime();
                        lastMessages.put(login, text.length() > 300 ? text.substring(0, 300) : text);
                        if (text.startsWith("{\"type\":\"pop\"")) {
                            JsonObject pop = new JsonObject(text).getJsonObject("pop");
                            var target = switch (pop.getString("state")) {
                                case "ringing" -> ringing;
                                case "active" -> active;
                                default -> null;
                            };
                            if (target != null) {
                                // the console names a call server@uniqueid; the bench keys it by its uniqueid
                                String call = pop.getString("call");
                                target.computeIfAbsent(
                                                call.substring(call.indexOf('@') + 1), k -> new CompletableFuture<>())
                                        .complete(now);
                            }
                        } else if (text.startsWith("{\"type\":\"hello\"")) {
                            hello.complete(null);
                        }
                    });
                    w.closeHandler(
                            v -> lastMessages.put(login, "CLOSED " + w.closeStatusCode() + " " + w.closeReason()));
                    return w;
                })
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        hello.get(10, TimeUnit.SECONDS);
        return ws;
    }

    private static String cookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " cookie"));
    }

    private static Ticket stolenTicket(Hotline hotline) {
        var info = new CallInfo("bench-model-" + System.nanoTime(), DemoData.LI_WEI, "", "en", "main", "sim", Map.of());
        CallEnding end = hotline.engine().run(new SimCall(info, new ScriptedCaller("2 1"), h -> {}));
        return hotline.tickets()
                .byReference(end.ticket())
                .orElseThrow(() -> new IllegalStateException("the stolen-account call wrote no ticket: " + end));
    }

    private static Result result(Options o, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0) / 1e6;
        return new Result(
                o.cold()
                        ? "AgentConnect only (content built on the spot)"
                        : "after QueueCallerJoin + AgentCalled, batches of " + o.batch(),
                o.agents(),
                s.length,
                pct(s, 50),
                pct(s, 90),
                pct(s, 99),
                s[s.length - 1] / 1e6,
                mean);
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
