package io.hotline.console;

import io.hotline.users.ConsoleUser;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * What a supervisor asks of a caller's account from the pop (unfreeze it, unlock its login): who asks, the account,
 * why ({@value #REASON_MIN} to 500 characters) and the pop's ticket to note it on. Supervisors and admins only: an
 * agent's try is answered 403 and logged; an account id that is no number is 404; a bad reason or ticket is 400
 * naming the field.
 */
record AccountAsk(ConsoleUser user, long account, String reason, String ticket) {
    /** The shortest reason a supervisor may give. */
    static final int REASON_MIN = 5;

    /**
     * The request's ask, or empty once the refusal is sent.
     *
     * @param what    what was tried, for the log: "unfreeze account", "unlock the login of account"
     * @param refusal the 403's words
     */
    static Optional<AccountAsk> of(RoutingContext ctx, Logger log, String what, String refusal) {
        ConsoleUser u = Http.user(ctx);
        if (!u.mayUnfreeze()) {
            log.warn("{} ({}) tried to {} {}: refused", u.login(), u.role().wire(), what, ctx.pathParam("id"));
            Http.error(ctx, 403, refusal);
            return Optional.empty();
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            Http.error(ctx, 404, "no such account");
            return Optional.empty();
        }
        JsonBody body = Http.body(ctx);
        String reason = body.text("reason").strip();
        if (reason.length() < REASON_MIN || reason.length() > 500) {
            throw new JsonBody.BadField("reason", "reason: say why (" + REASON_MIN + " to 500 characters)");
        }
        String ticket = body.optionalText("ticket").orElse("").strip().toUpperCase(Locale.ROOT);
        if (ticket.length() > 64) {
            throw new JsonBody.BadField("ticket", "ticket must be a ticket reference");
        }
        return Optional.of(new AccountAsk(u, id, reason, ticket));
    }
}
