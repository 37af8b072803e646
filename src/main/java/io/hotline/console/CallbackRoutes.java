package io.hotline.console;

import io.hotline.contact.Callback;
import io.hotline.contact.CallbackDesk;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervisors' hands on queued callbacks from the board: cancel one, move it one place up or down in its queue's
 * line, or to another queue (the desk audits each and places the placeholder again). The same for one waiting for
 * its queue's opening: cancelled, it is not called at the opening; moved up or down among the others waiting for
 * that opening (they start in that order), or to another queue, whose next opening it then waits for (409 for a
 * queue the calendar does not open within a year). 403 for agents, 404 for an unknown callback, 409 for one being
 * dialled or done, 400 naming the field. Keeps {@link CallbackBoard} fresh:
 * every {@value #REFRESH_MS} ms and after each change, and the board goes out when it changed.
 */
final class CallbackRoutes {
    private static final Logger log = LoggerFactory.getLogger(CallbackRoutes.class);
    static final long REFRESH_MS = 1_000;
    private static final Pattern REFERENCE = Pattern.compile("CB-[0-9]{1,12}");

    private final CallbackDesk desk;
    private final CallbackBoard callbacks;
    private final Blocking blocking;
    private final Function<ConsoleUser, JsonObject> boardOf;
    private final Supplier<List<String>> queues;
    private final Runnable changed;
    private final Clock clock;
    private boolean refreshing;

    CallbackRoutes(
            CallbackDesk desk,
            CallbackBoard callbacks,
            Blocking blocking,
            Function<ConsoleUser, JsonObject> boardOf,
            Supplier<List<String>> queues,
            Runnable changed,
            Clock clock) {
        this.desk = desk;
        this.callbacks = callbacks;
        this.blocking = blocking;
        this.boardOf = boardOf;
        this.queues = queues;
        this.changed = changed;
        this.clock = clock;
    }

    void mount(Router router, Vertx vertx) {
        router.post("/api/callbacks/:ref/cancel").handler(this::cancel);
        router.post("/api/callbacks/:ref/move").handler(this::move);
        vertx.setPeriodic(REFRESH_MS, id -> refresh());
        refresh();
    }

    /** Reads the open callbacks again; the board goes out when they changed. */
    Future<Void> refresh() {
        if (refreshing) {
            return Future.succeededFuture();
        }
        refreshing = true;
        return blocking.run(desk::open)
                .map(fresh -> {
                    if (callbacks.update(fresh)) {
                        changed.run();
                    }
                    return (Void) null;
                })
                .onComplete(ar -> {
                    refreshing = false;
                    if (ar.failed()) {
                        log.debug("callbacks: not read now ({})", ar.cause().toString());
                    }
                });
    }

    private void cancel(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        if (refused(ctx, u)) {
            return;
        }
        String ref = reference(ctx);
        String reason = Http.body(ctx).optionalText("reason").map(String::strip).orElse("");
        if (reason.length() > 200) {
            throw new JsonBody.BadField("reason", "reason is at most 200 characters");
        }
        String why = reason.isEmpty() ? "cancelled on the board" : reason;
        waiting(ctx, ref, cb -> blocking.run(() -> desk.cancel(ref, u.login(), why)));
    }

    private void move(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        if (refused(ctx, u)) {
            return;
        }
        String ref = reference(ctx);
        JsonBody body = Http.body(ctx);
        Optional<String> queue = body.optionalText("queue");
        Optional<String> direction = body.optionalText("direction");
        if (queue.isPresent() == direction.isPresent()) {
            throw new JsonBody.BadField("direction", "give either direction (up or down) or queue");
        }
        if (direction.isPresent()
                && !direction.get().equals("up")
                && !direction.get().equals("down")) {
            throw new JsonBody.BadField("direction", "direction must be up or down");
        }
        if (queue.isPresent() && !queues.get().contains(queue.get())) {
            throw new JsonBody.BadField("queue", "queue must be one of " + String.join(", ", queues.get()));
        }
        waiting(ctx, ref, cb -> {
            if (queue.isPresent()) {
                if (queue.get().equals(cb.queue())) {
                    return Future.failedFuture(new Conflict("the callback is already in " + cb.queue()));
                }
                if (cb.waitsForOpening()) {
                    return toOpening(ref, queue.get(), u);
                }
                return blocking.run(() -> desk.move(ref, queue.get(), null, u.login()));
            }
            boolean up = direction.get().equals("up");
            Optional<Instant> to = callbacks.oneStep(boardOf.apply(u), cb, up);
            if (to.isEmpty()) {
                return Future.failedFuture(new Conflict(lastThatWay(cb, up)));
            }
            if (cb.waitsForOpening()) {
                return blocking.run(() -> desk.moveWaitingForOpening(ref, null, to.get(), u.login()));
            }
            return blocking.run(() -> desk.move(ref, null, to.get(), u.login()));
        });
    }

    /** A callback waiting for its queue's opening moves to {@code queue}, to wait for that one's opening. */
    private Future<Optional<Callback>> toOpening(String ref, String queue, ConsoleUser u) {
        return blocking.run(() -> desk.nextOpening(queue)).compose(opens -> {
            if (opens.isEmpty()) {
                return Future.failedFuture(new Conflict(
                        queue + " does not open within a year by the calendar: the callback would never be made"));
            }
            return blocking.run(() -> desk.moveWaitingForOpening(ref, queue, null, u.login()));
        });
    }

    private static String lastThatWay(Callback cb, boolean up) {
        String first = up ? "first" : "last";
        return cb.waitsForOpening()
                ? "the callback is already " + first + " of those waiting for " + cb.queue() + " to open"
                : "the callback is already " + first + " in its line";
    }

    /** A supervisor's change refused with 409: the line does not allow it. */
    private static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads the callback, and unless it is unknown (404) or neither waiting nor waiting for its queue's opening (409)
     * makes the change; answers the changed callback, or 409 when it changed meanwhile.
     */
    private void waiting(RoutingContext ctx, String ref, Function<Callback, Future<Optional<Callback>>> change) {
        blocking.run(() -> desk.byReference(ref))
                .compose(found -> {
                    if (found.isEmpty()) {
                        Http.error(ctx, 404, "no callback " + ref);
                        return Future.succeededFuture();
                    }
                    Callback cb = found.get();
                    if (!cb.status().equals("waiting") && !cb.waitsForOpening()) {
                        Http.error(ctx, 409, ref + " " + busy(cb.status()));
                        return Future.succeededFuture();
                    }
                    callbacks.update(withOne(cb));
                    return change.apply(cb).compose(done -> {
                        if (done.isEmpty()) {
                            String meanwhile =
                                    cb.waitsForOpening() ? "joined its queue (it opened)" : "stopped waiting";
                            Http.error(ctx, 409, ref + " " + meanwhile + " meanwhile");
                            return Future.succeededFuture();
                        }
                        return refresh().map(v -> {
                            Http.ok(ctx, CallbackBoard.json(done.get(), 0, false, clock.instant()));
                            return null;
                        });
                    });
                })
                .onFailure(t -> {
                    if (t instanceof Conflict c) {
                        Http.error(ctx, 409, c.getMessage());
                    } else {
                        ctx.fail(t); // Http.apiFailure: logged on one line, answered without details
                    }
                });
    }

    /** The cached list with {@code cb} as just read (its line is worked out on it). */
    private List<Callback> withOne(Callback cb) {
        List<Callback> out = new java.util.ArrayList<>(callbacks.open());
        out.removeIf(c -> c.reference().equals(cb.reference()));
        out.add(cb);
        return out;
    }

    private static String busy(String status) {
        return switch (status) {
            case "dialing" -> "is being dialled now";
            case "done" -> "is done";
            case "given_up" -> "was given up";
            case "cancelled" -> "was cancelled";
            default -> "is " + status;
        };
    }

    private static boolean refused(RoutingContext ctx, ConsoleUser u) {
        if (u.role() == Role.AGENT) {
            Http.error(ctx, 403, "only a supervisor may cancel or move a callback");
            return true;
        }
        return false;
    }

    private static String reference(RoutingContext ctx) {
        String ref = ctx.pathParam("ref");
        if (ref == null || !REFERENCE.matcher(ref).matches()) {
            throw new JsonBody.BadField("reference", "reference must be a callback's, e.g. CB-100001");
        }
        return ref;
    }
}
