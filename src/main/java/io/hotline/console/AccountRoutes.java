package io.hotline.console;

import io.hotline.tickets.Ticket;
import io.hotline.tickets.TicketWork;
import io.hotline.tickets.Tickets;
import io.hotline.users.ConsoleUser;
import io.hotline.wallet.Unlock;
import io.hotline.wallet.WalletPort;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a supervisor does to the caller's account from the pop besides unfreezing it ({@link TicketRoutes}):
 * unlock an app login that is locked after too many wrong passwords. The same rules as unfreeze: supervisors
 * and admins only (an agent's try is refused and logged), a reason of {@value AccountAsk#REASON_MIN} to 500
 * characters, written with the actor into the wallet's audit log, and a note on the pop's ticket.
 */
final class AccountRoutes {
    private static final Logger log = LoggerFactory.getLogger(AccountRoutes.class);

    private final WalletPort wallet;
    private final Tickets tickets;
    private final TicketWork work;
    private final Blocking blocking;

    AccountRoutes(WalletPort wallet, Tickets tickets, TicketWork work, Blocking blocking) {
        this.wallet = wallet;
        this.tickets = tickets;
        this.work = work;
        this.blocking = blocking;
    }

    void mount(Router router) {
        router.post("/api/accounts/:id/unlock-login").handler(this::unlockLogin);
    }

    private void unlockLogin(RoutingContext ctx) {
        Optional<AccountAsk> ask =
                AccountAsk.of(ctx, log, "unlock the login of account", "only a supervisor may unlock a login");
        if (ask.isEmpty()) {
            return;
        }
        ConsoleUser u = ask.get().user();
        long id = ask.get().account();
        String reason = ask.get().reason();
        String ticket = ask.get().ticket();
        // as with unfreeze: once the unlock is committed nothing after it turns the answer into a failure
        record Done(Unlock unlock, boolean noted) {}
        blocking.run(() -> {
                    if (wallet.findById(id).isEmpty()) {
                        return null;
                    }
                    Optional<Ticket> t = ticket.isEmpty() ? Optional.empty() : tickets.byReference(ticket);
                    Unlock r =
                            wallet.unlockLogin(id, t.map(Ticket::callId).orElse(null), "console:" + u.login(), reason);
                    boolean noted = false;
                    if (t.isPresent()) {
                        try {
                            work.addNote(
                                    ticket,
                                    u.login(),
                                    (r.wasLocked() ? "Unlocked the app login: " : "The app login was not locked: ")
                                            + reason);
                            noted = true;
                        } catch (RuntimeException e) {
                            log.warn(
                                    "login of account {} unlocked by {}, but the note on ticket {} failed: {}",
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
                        Unlock r = ar.result().unlock();
                        log.info("{} unlocked the login of account {} (was locked: {})", u.login(), id, r.wasLocked());
                        Http.ok(
                                ctx,
                                new JsonObject()
                                        .put("account", id)
                                        .put("loginLocked", false)
                                        .put("wasLocked", r.wasLocked())
                                        .put("noted", ar.result().noted()));
                    }
                });
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
