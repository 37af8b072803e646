package io.hotline.console;

import io.hotline.telephony.ami.AmiCalls;
import io.hotline.telephony.sim.SimQueues;
import io.hotline.tickets.CallHolds;
import io.hotline.tickets.TicketWork;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call control from the agent's card: answer (simulated calls; a real phone answers itself), hang up, hold
 * and resume, blind transfer to another queue or to an available agent, dismiss. The call is the agent's own
 * live pop; anything else is 409. On Asterisk (pop source {@code ami}) hang-up and transfer to a queue go over
 * AMI ({@link AmiCalls}), and so do hold and resume (both legs leave app_queue's bridge for holding bridges, music
 * for the caller, then are bridged again); holds are recorded in {@link CallHolds}. Transfer to one agent, and a
 * supervisor's give of a waiting caller, ring that agent alone ({@link AmiCalls#DIRECT_QUEUE}).
 */
final class CallRoutes {
    private static final Logger log = LoggerFactory.getLogger(CallRoutes.class);

    private final PopDesk pops;
    private final SimQueues sim;
    private final AmiCalls ami;
    private final TicketWork work;
    private final CallHolds holds;
    private final UserDirectory people;
    private final java.util.function.Supplier<List<String>> queues;
    private final java.util.function.Function<String, QueueBoard.Caller> waiting;
    private final Blocking blocking;

    CallRoutes(
            PopDesk pops,
            SimQueues sim,
            AmiCalls ami,
            TicketWork work,
            CallHolds holds,
            UserDirectory people,
            java.util.function.Supplier<List<String>> queues,
            java.util.function.Function<String, QueueBoard.Caller> waiting,
            Blocking blocking) {
        this.pops = pops;
        this.sim = sim;
        this.ami = ami;
        this.work = work;
        this.holds = holds;
        this.people = people;
        this.queues = queues;
        this.waiting = waiting;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.post("/api/calls/:call/answer").handler(this::answer);
        router.post("/api/calls/:call/hangup").handler(this::hangup);
        router.post("/api/calls/:call/hold").handler(ctx -> hold(ctx, true));
        router.post("/api/calls/:call/resume").handler(ctx -> hold(ctx, false));
        router.post("/api/calls/:call/transfer").handler(this::transfer);
        router.post("/api/calls/:call/dismiss").handler(this::dismiss);
        router.post("/api/calls/:call/assign").handler(this::assign);
    }

    private void answer(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String call = ctx.pathParam("call");
        if (sim.answer(u.simInterface(), call)) {
            Http.ok(ctx, new JsonObject().put("call", call).put("answered", true));
        } else {
            Http.error(ctx, 409, "that call is not ringing you (any more)");
        }
    }

    private Optional<JsonObject> active(ConsoleUser u, String call) {
        return pops.pop(u.login(), call).filter(p -> PopState.ACTIVE.wire().equals(p.getString("state")));
    }

    private void hangup(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String call = ctx.pathParam("call");
        if (sim.agentHangsUp(u.simInterface(), call)) {
            Http.ok(ctx, new JsonObject().put("call", call).put("ended", true));
            return;
        }
        Optional<JsonObject> pop = active(u, call).filter(p -> "ami".equals(p.getString("source")));
        if (pop.isEmpty() || ami == null) {
            Http.error(ctx, 409, "you are not on that call");
            return;
        }
        String channel = pop.get().getString("channel", "");
        String server = pop.get().getString("server", "");
        blocking.run(() -> ami.hangup(server, channel)).onComplete(ar -> {
            if (ar.succeeded() && ar.result()) {
                Http.ok(ctx, new JsonObject().put("call", call).put("ended", true));
            } else {
                Http.error(ctx, 409, "Asterisk did not hang the call up (it may have ended already)");
            }
        });
    }

    private void hold(RoutingContext ctx, boolean hold) {
        ConsoleUser u = Http.user(ctx);
        String call = ctx.pathParam("call");
        if (sim.hold(u.simInterface(), call, hold)) {
            held(ctx, u, call, hold);
            return;
        }
        Optional<JsonObject> pop = active(u, call).filter(p -> "ami".equals(p.getString("source")));
        if (pop.isEmpty() || ami == null) {
            Http.error(ctx, 409, "you are not talking on that call");
            return;
        }
        boolean wasHeld = pop.get().getBoolean("held", false);
        if (wasHeld == hold) {
            Http.error(ctx, 409, hold ? "the caller is on hold already" : "the caller is not on hold");
            return;
        }
        String channel = pop.get().getString("channel", "");
        String server = pop.get().getString("server", "");
        blocking.run(() -> hold ? ami.hold(server, channel) : ami.resume(server, channel))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result()) {
                        held(ctx, u, call, hold);
                    } else {
                        Http.error(
                                ctx,
                                409,
                                hold
                                        ? "Asterisk did not put the caller on hold (the call may have ended)"
                                        : "Asterisk did not take the caller off hold (the call may have ended)");
                    }
                });
    }

    /** The hold (or resume) happened: recorded for the reports, and the pop shows it. */
    private void held(RoutingContext ctx, ConsoleUser u, String call, boolean hold) {
        blocking.run(() -> {
                    if (hold) {
                        holds.held(call, u.login());
                    } else {
                        holds.resumed(call);
                    }
                    return true;
                })
                .onFailure(e -> log.warn("could not record the hold of {}: {}", call, e.toString()));
        pops.held(u, call, hold);
        log.info("{} {} call {}", u.login(), hold ? "held" : "resumed", call);
        Http.ok(ctx, new JsonObject().put("call", call).put("held", hold));
    }

    /** Body: {@code queue} (another queue) or {@code agent} (a login), and the agent's {@code note} for the next one. */
    private void transfer(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String call = ctx.pathParam("call");
        JsonBody body = Http.body(ctx);
        String queue = body.optionalText("queue").orElse("").trim();
        String agent = body.optionalText("agent").orElse("").trim();
        String note = body.optionalText("note").orElse("");
        if (queue.isEmpty() == agent.isEmpty()) {
            throw new JsonBody.BadField("queue", "queue or agent: say where the call goes (one of them)");
        }
        if (note.length() > TicketWork.NOTE_MAX) {
            throw new JsonBody.BadField("note", "note: at most " + TicketWork.NOTE_MAX + " characters");
        }
        Optional<JsonObject> pop = active(u, call);
        if (pop.isEmpty()) {
            Http.error(ctx, 409, "you are not talking on that call");
            return;
        }
        if (pop.get().getBoolean("held", false)) {
            // on Asterisk the held legs' hangup handlers would end the transferred caller with the agent's leg
            Http.error(ctx, 409, "the caller is on hold: resume the call before transferring it");
            return;
        }
        String from = pop.get().getString("queue", "");
        String ticket = pop.get().getString("ticket", "");
        boolean onAsterisk = "ami".equals(pop.get().getString("source"));
        ConsoleUser target = null;
        String toQueue = queue;
        if (!agent.isEmpty()) {
            target = people.byLogin(agent).filter(AgentRoutes::takesCalls).orElse(null);
            if (target == null || target.login().equals(u.login())) {
                throw new JsonBody.BadField("agent", "agent: not another agent who takes calls");
            }
            toQueue = target.queues().contains(from)
                    ? from
                    : target.queues().isEmpty() ? from : target.queues().getFirst();
        } else if (!queues.get().contains(queue)) {
            throw new JsonBody.BadField("queue", "queue must be one of " + queues.get());
        } else if (queue.equals(from)) {
            throw new JsonBody.BadField("queue", "queue: the call is in " + from + " already");
        }
        String dest = toQueue;
        String toWhom = target == null ? "queue " + dest : target.displayName() + " (" + dest + ")";
        String targetIface = target == null ? null : target.simInterface();
        int number = target == null ? 0 : Math.toIntExact(target.id());
        String server = pop.get().getString("server", "");
        String channel = pop.get().getString("channel", "");
        java.util.function.Supplier<Future<Boolean>> move = () -> onAsterisk
                ? blocking.run(() -> ami != null
                        && (number == 0
                                ? ami.transferToQueue(server, channel, dest)
                                : ami.transferToAgent(server, channel, dest, number)))
                : Future.succeededFuture(
                        targetIface == null
                                ? sim.transfer(u.simInterface(), call, dest)
                                : sim.transferTo(u.simInterface(), call, targetIface, dest));
        // the ticket (and its notes) moves first, so that the next agent's pop shows them
        Future<Boolean> done = ticket.isEmpty()
                ? move.get()
                : blocking.run(() -> {
                            work.transferred(ticket, u.login(), from, dest, toWhom, note);
                            return true;
                        })
                        .compose(x -> move.get())
                        .compose(ok -> ok
                                ? Future.succeededFuture(true)
                                : blocking.run(() -> {
                                    work.transferred(
                                            ticket,
                                            u.login(),
                                            dest,
                                            from,
                                            "back to " + u.login() + " (the transfer did not go through)",
                                            "");
                                    return false;
                                }));
        done.onComplete(ar -> {
            if (ar.succeeded() && ar.result()) {
                log.info("{} transferred call {} (ticket {}) to {}", u.login(), call, ticket, toWhom);
                pops.transferred(u, call, toWhom);
                Http.ok(
                        ctx,
                        new JsonObject()
                                .put("call", call)
                                .put("transferred", toWhom)
                                .put("queue", dest));
            } else if (ar.failed()) {
                log.warn("transfer of {} failed: {}", call, ar.cause().toString());
                Http.error(ctx, 503, "the transfer failed; the call is still yours");
            } else {
                Http.error(
                        ctx,
                        409,
                        targetIface != null
                                ? "that agent is not available (busy, paused or signed out)"
                                : "the call could not be transferred (it may have ended)");
            }
        });
    }

    /**
     * A supervisor gives a waiting caller to one agent. Simulated queues offer it to them; on Asterisk the caller is
     * withdrawn from app_queue and rings that agent alone ({@link AmiCalls#give}): the ticket moves to one of the
     * agent's queues first (the caller's, if they work it), and if they do not answer the caller waits there.
     */
    private void assign(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        if (u.role() == Role.AGENT) {
            Http.error(ctx, 403, "only a supervisor may give a waiting caller to an agent");
            return;
        }
        String call = ctx.pathParam("call");
        String login = Http.body(ctx).text("agent").trim();
        ConsoleUser target = people.byLogin(login)
                .filter(AgentRoutes::takesCalls)
                .orElseThrow(() -> new JsonBody.BadField("agent", "agent: no such agent"));
        QueueBoard.Caller w = waiting.apply(call);
        if (w != null && !w.call().simulated()) {
            give(ctx, u, w, target);
            return;
        }
        if (sim.offerTo(call, target.simInterface())) {
            log.info("{} gave waiting call {} to {}", u.login(), call, target.login());
            Http.ok(ctx, new JsonObject().put("call", call).put("ringing", target.login()));
        } else {
            Http.error(
                    ctx,
                    409,
                    "the call is not waiting, or " + target.displayName()
                            + " is not available (busy, paused or signed out)");
        }
    }

    private void give(RoutingContext ctx, ConsoleUser u, QueueBoard.Caller w, ConsoleUser target) {
        if (ami == null || target.agentInterface().isEmpty()) {
            Http.error(ctx, 409, target.displayName() + " has no phone on Asterisk to give the call to");
            return;
        }
        if (w.call().variables().containsKey(io.hotline.telephony.queue.QueuedCall.CALLBACK)) {
            // its placeholder's dialplan (hotline-callback-place) would end the placeholder
            Http.error(ctx, 409, "a queued callback keeps its place in the queue; it cannot be given to one agent");
            return;
        }
        String from = w.queue();
        String dest = target.queues().contains(from) || target.queues().isEmpty()
                ? from
                : target.queues().getFirst();
        String ticket = w.call().ticket();
        String toWhom = target.displayName() + " (" + dest + ")";
        int number = Math.toIntExact(target.id());
        Future<Boolean> moved = ticket.isEmpty()
                ? Future.succeededFuture(true)
                : blocking.run(() -> {
                    work.transferred(ticket, u.login(), from, dest, toWhom, "");
                    return true;
                });
        moved.compose(x -> blocking.run(
                        () -> ami.give(w.call().server(), from, w.call().channel(), dest, number)))
                .compose(ok -> ok || ticket.isEmpty()
                        ? Future.succeededFuture(ok)
                        : blocking.run(() -> {
                            work.transferred(
                                    ticket,
                                    u.login(),
                                    dest,
                                    from,
                                    "back to " + from + " (the give did not go through)",
                                    "");
                            return false;
                        }))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result()) {
                        log.info("{} gave waiting call {} (ticket {}) to {}", u.login(), w.key(), ticket, toWhom);
                        Http.ok(ctx, new JsonObject().put("call", w.key()).put("ringing", target.login()));
                    } else if (ar.failed()) {
                        log.warn("give of {} failed: {}", w.key(), ar.cause().toString());
                        Http.error(ctx, 503, "the call could not be given; it is still waiting");
                    } else {
                        Http.error(ctx, 409, "the caller is no longer waiting (answered or gone)");
                    }
                });
    }

    private void dismiss(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        pops.dismiss(u, ctx.pathParam("call")).onComplete(ar -> {
            if (ar.succeeded() && ar.result()) {
                Http.ok(ctx, new JsonObject().put("dismissed", true));
            } else {
                Http.error(ctx, 409, "only an ended call's pop can be dismissed");
            }
        });
    }
}
