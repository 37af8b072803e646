package io.hotline.console;

import io.hotline.agents.AgentDesk;
import io.hotline.agents.AgentState;
import io.hotline.agents.AgentStatus;
import io.hotline.agents.Member;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web side of agent state ({@link AgentDesk}): the agent's own state and a supervisor changing anyone's
 * ({@code GET /api/agents/me}, {@code POST /api/agents/me/state}, {@code POST /api/agents/:login/state}), and
 * what the console tells the desk: a console opened or closed, a sign-out, a call that ended or rang
 * unanswered, a pause the PBX reports, the AMI link (re)connected.
 *
 * <p>The desk blocks (JDBC) and its changes must happen in the order the console saw them: they run one at a
 * time on a virtual thread of their own; results come back on the console's event loop.
 */
final class AgentRoutes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentRoutes.class);

    private final AgentDesk desk;
    private final UserDirectory people;
    private final Context context;
    private final ExecutorService ordered = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("agent-desk").factory());

    AgentRoutes(AgentDesk desk, UserDirectory people, Context context) {
        this.desk = desk;
        this.people = people;
        this.context = context;
    }

    /** Whether the user has an agent state: agents, and anyone with a PBX interface. */
    static boolean takesCalls(ConsoleUser u) {
        return u.role() == Role.AGENT || !u.agentInterface().isEmpty();
    }

    static Member member(ConsoleUser u) {
        return new Member(u.login(), u.displayName(), u.agentInterface(), u.queues(), Math.toIntExact(u.id()));
    }

    void mount(Router router) {
        router.get("/api/agents/me").handler(ctx -> {
            ConsoleUser u = Http.user(ctx);
            run(d -> d.status(u.login())).onComplete(ar -> {
                if (ar.failed()) {
                    Http.error(ctx, 503, "try again");
                    return;
                }
                Http.ok(
                        ctx,
                        json(ar.result())
                                .put("reasons", new JsonArray(desk.config().pauseReasons()))
                                .put("wrapUpSeconds", desk.config().wrapUp().toSeconds())
                                .put("takesCalls", takesCalls(u)));
            });
        });
        router.post("/api/agents/me/state").handler(ctx -> change(ctx, Http.user(ctx)));
        router.post("/api/agents/:login/state").handler(ctx -> {
            ConsoleUser u = Http.user(ctx);
            String login = ctx.pathParam("login");
            if (!login.equals(u.login()) && u.role() == Role.AGENT) {
                log.warn("{} (agent) tried to change the state of {}: refused", u.login(), login);
                Http.error(ctx, 403, "only a supervisor may change another agent's state");
                return;
            }
            Optional<ConsoleUser> target = people.byLogin(login).filter(AgentRoutes::takesCalls);
            if (target.isEmpty()) {
                Http.error(ctx, 404, "no such agent");
                return;
            }
            change(ctx, target.get());
        });
    }

    private void change(RoutingContext ctx, ConsoleUser target) {
        ConsoleUser actor = Http.user(ctx);
        if (!takesCalls(target)) {
            Http.error(ctx, 409, "you take no calls: there is no agent state to change");
            return;
        }
        JsonBody body = Http.body(ctx);
        AgentState to;
        try {
            to = AgentState.parse(body.text("state"));
        } catch (IllegalArgumentException e) {
            throw new JsonBody.BadField("state", e.getMessage());
        }
        String reason = body.optionalText("reason").orElse("");
        if (to == AgentState.PAUSED && reason.isBlank() && !actor.login().equals(target.login())) {
            reason = "supervisor";
        }
        String r = reason;
        run(d -> d.change(member(target), to, r, "console:" + actor.login())).onComplete(ar -> {
            if (ar.failed() && ar.cause() instanceof IllegalArgumentException e) {
                Http.error(ctx, 400, (to == AgentState.PAUSED ? "reason: " : "state: ") + e.getMessage());
            } else if (ar.failed()) {
                log.warn(
                        "agent state of {} not changed: {}",
                        target.login(),
                        ar.cause().toString());
                Http.error(ctx, 503, "the database is not answering; try again");
            } else {
                log.info("{} set {} {}{}", actor.login(), target.login(), to.wire(), r.isEmpty() ? "" : " (" + r + ")");
                Http.ok(ctx, json(ar.result()));
            }
        });
    }

    static JsonObject json(AgentStatus s) {
        return new JsonObject()
                .put("login", s.login())
                .put("state", s.state().wire())
                .put("reason", s.reason())
                .put("since", s.since().toEpochMilli())
                .put("until", s.until() == null ? null : s.until().toEpochMilli())
                .put("by", s.by());
    }

    void opened(ConsoleUser u) {
        if (takesCalls(u)) {
            run(d -> d.consoleOpened(member(u)));
        }
    }

    void closed(ConsoleUser u) {
        if (takesCalls(u)) {
            run(d -> {
                d.consoleClosed(u.login());
                return null;
            });
        }
    }

    void signedOut(ConsoleUser u) {
        if (takesCalls(u)) {
            run(d -> d.signedOut(member(u)));
        }
    }

    void tick() {
        run(d -> {
            d.tick();
            return null;
        });
    }

    void resync() {
        run(d -> {
            d.resync();
            return null;
        });
    }

    /** Queue events that change an agent's state: a call ended, a ring not answered, a pause on the PBX. */
    void on(QueueEvent e) {
        switch (e) {
            case QueueEvent.AgentCompleted c ->
                byInterface(
                        c.agentInterface(),
                        u -> run(d -> {
                            d.callEnded(member(u));
                            return null;
                        }));
            // a ring a supervisor withdrew (to give the call to someone else) is 0 ms long: no missed call
            case QueueEvent.AgentRingNoAnswer r
            when r.ringMillis() > 0 ->
                byInterface(
                        r.agentInterface(),
                        u -> run(d -> {
                            d.missed(member(u));
                            return null;
                        }));
            case QueueEvent.MemberChanged m
            when m.member().state() != io.hotline.telephony.queue.MemberState.INVALID ->
                byInterface(
                        m.member().agentInterface(),
                        u -> run(d -> {
                            d.pbxPaused(u.login(), m.member().paused(), "");
                            return null;
                        }));
            default -> {}
        }
    }

    private void byInterface(String iface, java.util.function.Consumer<ConsoleUser> then) {
        people.byInterface(iface)
                .onSuccess(u -> u.filter(AgentRoutes::takesCalls).ifPresent(then));
    }

    <T> Future<T> run(Function<AgentDesk, T> work) {
        Promise<T> p = Promise.promise();
        try {
            ordered.execute(() -> {
                try {
                    T v = work.apply(desk);
                    context.runOnContext(x -> p.complete(v));
                } catch (RuntimeException e) {
                    if (!(e instanceof IllegalArgumentException)) {
                        log.warn("agent desk: {}", e.toString());
                    }
                    context.runOnContext(x -> p.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            p.fail(e);
        }
        return p.future();
    }

    @Override
    public void close() {
        ordered.shutdownNow();
    }
}
