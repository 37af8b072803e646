package io.hotline.console;

import io.hotline.telephony.sim.SimQueues;
import io.hotline.tickets.PopStore;
import io.hotline.tickets.Ticket;
import io.hotline.tickets.TicketSearch;
import io.hotline.tickets.TicketWork;
import io.hotline.tickets.Tickets;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.hotline.wallet.Unfreeze;
import io.hotline.wallet.WalletPort;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST side of the console, behind sign-in and CSRF ({@link AuthRoutes}): tickets (read, notes,
 * close), unfreezing an account (supervisors and admins only), and answering or ending simulated calls.
 * An agent asking for a ticket of a queue they do not work gets 404, as if it did not exist.
 */
final class TicketRoutes {
    private static final Logger log = LoggerFactory.getLogger(TicketRoutes.class);

    private final Tickets tickets;
    private final TicketWork work;
    private final WalletPort wallet;
    private final PopBuilder builder;
    private final PopDesk pops;
    private final Blocking blocking;
    private final TicketSearch search;
    private final PopStore popStore;

    TicketRoutes(
            Tickets tickets,
            TicketWork work,
            WalletPort wallet,
            PopBuilder builder,
            PopDesk pops,
            SimQueues sim,
            Blocking blocking,
            TicketSearch search,
            PopStore popStore) {
        this.search = search;
        this.popStore = popStore;
        this.tickets = tickets;
        this.work = work;
        this.wallet = wallet;
        this.builder = builder;
        this.pops = pops;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.get("/api/tickets").handler(this::list);
        router.get("/api/tickets/search").handler(this::search);
        router.get("/api/tickets/mine").handler(this::mine);
        router.get("/api/agents/:login/calls").handler(this::recentCalls);
        router.get("/api/tickets/:ref").handler(this::show);
        router.post("/api/tickets/:ref/notes").handler(this::note);
        router.post("/api/tickets/:ref/close").handler(this::close);
        router.post("/api/accounts/:id/unfreeze").handler(this::unfreeze);
    }

    private void list(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String status = ctx.queryParam("status").isEmpty()
                ? "open"
                : ctx.queryParam("status").getFirst();
        if (!status.equals("open") && !status.equals("abandoned")) {
            Http.error(ctx, 400, "status must be open or abandoned");
            return;
        }
        var queues = u.role() == Role.AGENT ? u.queues() : null;
        blocking.run(() -> (status.equals("open") ? work.open(queues, 50) : work.abandoned(queues, 50))
                        .stream().map(TicketJson::listed).toList())
                .onComplete(ar -> {
                    if (ar.failed()) {
                        fail(ctx, ar.cause());
                        return;
                    }
                    Http.ok(
                            ctx,
                            new JsonObject()
                                    .put("tickets", new JsonArray(ar.result()))
                                    .put("dispositions", new JsonArray(TicketWork.DISPOSITIONS)));
                });
    }

    /**
     * GET /api/tickets/search?q=: by reference, freeze reference, caller number or holder name. An agent gets
     * the tickets of their own queues, and how many more there are in others (that they exist, nothing more).
     */
    private void search(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String q = ctx.queryParam("q").isEmpty() ? "" : ctx.queryParam("q").getFirst();
        blocking.run(() -> search.search(q, 100)).onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, ar.cause());
                return;
            }
            JsonArray seen = new JsonArray();
            int elsewhere = 0;
            for (TicketSearch.Found f : ar.result()) {
                if (u.seesQueue(f.queue())) {
                    seen.add(found(f));
                } else {
                    elsewhere++;
                }
            }
            Http.ok(ctx, new JsonObject().put("tickets", seen).put("inOtherQueues", elsewhere));
        });
    }

    /** GET /api/tickets/mine: the open tickets whose calls this agent took. */
    private void mine(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        blocking.run(() -> search.openFor(u.login(), 100)).onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, ar.cause());
                return;
            }
            Http.ok(
                    ctx,
                    new JsonObject()
                            .put(
                                    "tickets",
                                    new JsonArray(ar.result().stream()
                                            .map(TicketRoutes::found)
                                            .toList())));
        });
    }

    /** GET /api/agents/:login/calls: an agent's recent calls (their own; a supervisor's for anyone). */
    private void recentCalls(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String login = ctx.pathParam("login");
        if (u.role() == Role.AGENT && !login.equals(u.login())) {
            Http.error(ctx, 403, "an agent sees their own calls only");
            return;
        }
        blocking.run(() -> popStore.recent(login, 30).stream()
                        .map(TicketJson::recent)
                        .toList())
                .onComplete(ar -> {
                    if (ar.failed()) {
                        fail(ctx, ar.cause());
                        return;
                    }
                    Http.ok(ctx, new JsonObject().put("login", login).put("calls", new JsonArray(ar.result())));
                });
    }

    private static JsonObject found(TicketSearch.Found f) {
        return new JsonObject()
                .put("ticket", f.reference())
                .put("category", f.category())
                .put("queue", f.queue())
                .put("status", f.status())
                .put("caller", f.callerMasked())
                .put("holder", f.holder())
                .put("agent", f.agent())
                .put("createdAt", f.createdAt() == null ? null : f.createdAt().toString());
    }

    private void show(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String ref = ref(ctx);
        visible(u, ref)
                .compose(t -> t.isEmpty()
                        ? Future.succeededFuture(Optional.<JsonObject>empty())
                        : blocking.run(() -> builder.forTicket(ref).map(view -> {
                            TicketWork.Extras x = work.extras(ref).orElseThrow();
                            return view.put("status", x.status())
                                    .put("notes", TicketJson.notes(x))
                                    .put("disposition", x.disposition())
                                    .put(
                                            "closedAt",
                                            x.closedAt() == null
                                                    ? null
                                                    : x.closedAt().toString())
                                    .put("closedBy", x.closedBy())
                                    .put("followUp", x.followUp());
                        })))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        fail(ctx, ar.cause());
                    } else if (ar.result().isEmpty()) {
                        Http.error(ctx, 404, "no such ticket");
                    } else {
                        Http.ok(ctx, filterEarlier(ar.result().get(), u));
                    }
                });
    }

    private void note(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String ref = ref(ctx);
        String text = Http.body(ctx).text("text");
        if (text.isBlank() || text.length() > TicketWork.NOTE_MAX) {
            throw new JsonBody.BadField("text", "text: a note has 1 to " + TicketWork.NOTE_MAX + " characters");
        }
        visible(u, ref)
                .compose(t -> t.isEmpty()
                        ? Future.succeededFuture((JsonArray) null)
                        : blocking.run(() -> new JsonArray(work.addNote(ref, u.login(), text))))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        fail(ctx, ar.cause());
                    } else if (ar.result() == null) {
                        Http.error(ctx, 404, "no such ticket");
                    } else {
                        Http.ok(ctx, new JsonObject().put("ticket", ref).put("notes", ar.result()));
                    }
                });
    }

    private void close(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String ref = ref(ctx);
        JsonBody body = Http.body(ctx);
        String disposition = body.text("disposition");
        if (!TicketWork.DISPOSITIONS.contains(disposition)) {
            throw new JsonBody.BadField("disposition", "disposition must be one of " + TicketWork.DISPOSITIONS);
        }
        String note = body.optionalText("note").orElse("");
        if (note.length() > TicketWork.NOTE_MAX) {
            throw new JsonBody.BadField("note", "note: a note has at most " + TicketWork.NOTE_MAX + " characters");
        }
        boolean followUp = body.flag("followUp");
        visible(u, ref)
                .compose(t -> t.isEmpty()
                        ? Future.succeededFuture((Boolean) null)
                        : blocking.run(() -> work.close(ref, u.login(), disposition, note, followUp)))
                .compose(closed -> closed == null
                        ? Future.succeededFuture((Boolean) null)
                        : pops.ticketClosed(ref).map(closed))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        fail(ctx, ar.cause());
                    } else if (ar.result() == null) {
                        Http.error(ctx, 404, "no such ticket");
                    } else {
                        log.info("{} closed ticket {} ({})", u.login(), ref, disposition);
                        Http.ok(
                                ctx,
                                new JsonObject()
                                        .put("ticket", ref)
                                        .put("closed", true)
                                        .put("wasOpen", ar.result()));
                    }
                });
    }

    private void unfreeze(RoutingContext ctx) {
        Optional<AccountAsk> ask =
                AccountAsk.of(ctx, log, "unfreeze account", "only a supervisor may unfreeze an account");
        if (ask.isEmpty()) {
            return;
        }
        ConsoleUser u = ask.get().user();
        long id = ask.get().account();
        String reason = ask.get().reason();
        String ticket = ask.get().ticket();
        // Everything is looked up before the unfreeze; once it is committed, nothing after it may turn the
        // answer into a failure (the note on the ticket is best effort and said so in the answer).
        record Done(Unfreeze unfreeze, boolean noted) {}
        blocking.run(() -> {
                    if (wallet.findById(id).isEmpty()) {
                        return null;
                    }
                    boolean noteTicket =
                            !ticket.isBlank() && tickets.byReference(ticket).isPresent();
                    Unfreeze r = wallet.unfreeze(id, "console:" + u.login(), reason);
                    boolean noted = false;
                    if (noteTicket) {
                        try {
                            work.addNote(
                                    ticket,
                                    u.login(),
                                    "Unfroze the account"
                                            + (r.freezeReference() == null
                                                    ? ""
                                                    : " (freeze " + r.freezeReference() + ")")
                                            + ": " + reason);
                            noted = true;
                        } catch (RuntimeException e) {
                            log.warn(
                                    "account {} unfrozen by {}, but the note on ticket {} failed: {}",
                                    id,
                                    u.login(),
                                    ticket,
                                    e.toString());
                        }
                    }
                    return new Done(r, noted);
                })
                .onComplete(ar -> {
                    if (ar.failed()) {
                        fail(ctx, ar.cause());
                    } else if (ar.result() == null) {
                        Http.error(ctx, 404, "no such account");
                    } else {
                        Unfreeze r = ar.result().unfreeze();
                        log.info(
                                "{} unfroze account {} (freeze {}, was frozen: {})",
                                u.login(),
                                id,
                                r.freezeReference(),
                                r.wasFrozen());
                        Http.ok(
                                ctx,
                                new JsonObject()
                                        .put("account", id)
                                        .put("status", "active")
                                        .put("wasFrozen", r.wasFrozen())
                                        .put("freeze", r.freezeReference())
                                        .put("noted", ar.result().noted()));
                    }
                });
    }

    /** The ticket if this user may see it (its queue is theirs, or they see all queues). */
    private Future<Optional<Ticket>> visible(ConsoleUser u, String ref) {
        return blocking.run(() -> tickets.byReference(ref)
                .filter(t -> u.role() != Role.AGENT || (t.queue() != null && u.seesQueue(t.queue()))));
    }

    private static JsonObject filterEarlier(JsonObject view, ConsoleUser u) {
        return view.put("earlier", PopBuilder.earlierFor(view.getJsonArray("earlier", new JsonArray()), u));
    }

    private static String ref(RoutingContext ctx) {
        return ctx.pathParam("ref").trim().toUpperCase(java.util.Locale.ROOT);
    }

    private static void fail(RoutingContext ctx, Throwable cause) {
        if (cause instanceof IllegalArgumentException e) {
            Http.error(ctx, 400, e.getMessage());
            return;
        }
        log.warn("console request {} failed: {}", ctx.request().path(), cause.toString());
        if (cause instanceof io.hotline.wallet.WalletUnavailable) {
            Http.error(ctx, 503, "the wallet is not answering; nothing was changed that it did not confirm, try again");
            return;
        }
        Http.error(ctx, 503, "the database is not answering; try again");
    }
}
