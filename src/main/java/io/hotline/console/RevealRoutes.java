package io.hotline.console;

import io.hotline.tickets.Ticket;
import io.hotline.tickets.Tickets;
import io.hotline.users.ConsoleUser;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's full number, for the agent handling the call (to call back): one click on their own card, while
 * the call is theirs (active, or ended and not yet closed). Everywhere else the number stays masked. The number
 * was sealed at call start (the session recorder); every reveal is audited
 * ({@code caller_number_revealed}) before the number leaves, and it is never logged or cached.
 */
final class RevealRoutes {
    private static final Logger log = LoggerFactory.getLogger(RevealRoutes.class);

    private final PopDesk pops;
    private final Tickets tickets;
    private final CallerReveal reveal;
    private final Blocking blocking;

    RevealRoutes(PopDesk pops, Tickets tickets, CallerReveal reveal, Blocking blocking) {
        this.pops = pops;
        this.tickets = tickets;
        this.reveal = reveal;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.post("/api/calls/:call/reveal-number").handler(this::reveal);
    }

    private void reveal(RoutingContext ctx) {
        ConsoleUser u = Http.user(ctx);
        String call = ctx.pathParam("call");
        Optional<JsonObject> pop = pops.pop(u.login(), call).filter(p -> {
            String state = p.getString("state", "");
            return PopState.ACTIVE.wire().equals(state) || PopState.ENDED.wire().equals(state);
        });
        if (pop.isEmpty()) {
            Http.error(ctx, 409, "only the agent handling the call may see the caller's number");
            return;
        }
        String ref = pop.get().getString("ticket", "");
        if (ref.isEmpty()) {
            Http.error(ctx, 404, "this call has no ticket, so its number was not kept");
            return;
        }
        if (!reveal.enabled()) {
            Http.error(ctx, 404, "full numbers are not kept here (no HOTLINE_NUMBER_KEY)");
            return;
        }
        blocking.run(() -> tickets.byReference(ref)
                        .map(Ticket::callId)
                        .flatMap(callId -> reveal.numbers().revealTo("console:" + u.login(), callId, ref))
                        .flatMap(box -> reveal.vault().open(io.hotline.tickets.CallerNumbers.PURPOSE, box)))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        log.warn(
                                "reveal of the caller's number on ticket {} failed: {}",
                                ref,
                                ar.cause().toString());
                        Http.error(ctx, 503, "the database is not answering; try again");
                    } else if (ar.result().isEmpty()) {
                        Http.error(
                                ctx,
                                404,
                                "the caller's full number is not kept (withheld, or older than "
                                        + reveal.numbers().retention().toDays() + " days)");
                    } else {
                        log.info("{} revealed the caller's number of ticket {} (audited)", u.login(), ref);
                        ctx.response().putHeader("Cache-Control", "no-store");
                        Http.ok(
                                ctx,
                                new JsonObject()
                                        .put("ticket", ref)
                                        .put("number", ar.result().get()));
                    }
                });
    }
}
