package io.hotline.console;

import io.hotline.telephony.queue.QueuedCall;
import io.hotline.tickets.Ticket;
import io.hotline.tickets.Tickets;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.hotline.wallet.Account;
import io.hotline.wallet.WalletPort;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Builds what a screen pop shows about a call: the ticket, the caller (masked), the account, how the
 * caller was verified, the IVR path in words, the recharges / transactions / freeze involved and the
 * account's earlier tickets. From the ticket when the call carries one, else from the channel
 * variables alone. Blocking (JDBC); thread-safe.
 */
final class PopBuilder {
    static final int EARLIER = 8;
    private static final Set<String> RECORD_TYPES =
            Set.of("recharge", "transaction", "freeze", "reset_code", "login_unlock", "transfer", "complaint");

    private final Tickets tickets;
    private final WalletPort wallet;
    private final IvrPath path;
    private final io.hotline.tickets.CallRecordings recordings;
    private final java.time.Clock clock;

    PopBuilder(
            Tickets tickets,
            WalletPort wallet,
            IvrPath path,
            io.hotline.tickets.CallRecordings recordings,
            java.time.Clock clock) {
        this.tickets = tickets;
        this.wallet = wallet;
        this.path = path;
        this.recordings = recordings;
        this.clock = clock;
    }

    /** The pop's content (everything but who it is for and its state). */
    JsonObject content(String queue, QueuedCall call) {
        String ref = call.ticket();
        Optional<Ticket> ticket = ref.isEmpty() ? Optional.empty() : tickets.byReference(ref);
        return ticket.map(t -> fromTicket(queue, call, t)).orElseGet(() -> fromVariables(queue, call));
    }

    /** The content for a ticket opened from the console (no live call). */
    Optional<JsonObject> forTicket(String ref) {
        return tickets.byReference(ref)
                .map(t -> fromTicket(
                        t.queue() == null ? "" : t.queue(),
                        new QueuedCall("", "", t.callerMasked(), java.util.Map.of(QueuedCall.TICKET, t.reference())),
                        t));
    }

    private JsonObject fromTicket(String queue, QueuedCall call, Ticket t) {
        JsonObject context = parse(t.contextJson());
        JsonObject pop = base(queue, call)
                .put("ticket", t.reference())
                .put("ticketQueue", t.queue() == null ? "" : t.queue())
                .put("category", t.category())
                .put("priority", t.priority())
                .put("caller", first(t.callerMasked(), call.callerMasked(), context.getString("caller", "")))
                .put("language", context.getString("language", call.variable(QueuedCall.LANGUAGE)))
                .put("verified", t.verified())
                .put("verifiedBy", t.verified() ? first(t.verifiedBy(), context.getString("verified_by", "")) : "")
                .put("identifiedBy", context.getString("identified_by", ""))
                .put("openedAt", t.createdAt() == null ? "" : t.createdAt().toString())
                .put("path", new JsonArray(path.steps(context)))
                .put("pathLine", path.line(context))
                .put("records", records(context))
                .put("callerHungUp", context.getBoolean("callerHungUp", false))
                .put("dueAt", t.dueAt() == null ? null : t.dueAt().toString())
                .put("overdue", t.overdue(clock.instant()));
        // the caller's voice message, played from the console (GET .../voice-message, signed-in agents of the queue)
        recordings
                .latestOf(t.callId())
                .ifPresentOrElse(
                        m -> pop.put(
                                "voiceMessage",
                                new JsonObject()
                                        .put("url", "/api/tickets/" + t.reference() + "/voice-message")
                                        .put("seconds", m.length().toMillis() / 1000.0)
                                        .put("endedBy", m.endedBy())
                                        .put("keptUntil", m.expiresAt().toString())),
                        () -> pop.putNull("voiceMessage"));
        Long accountId = t.accountId();
        if (accountId == null) {
            String fromVars = first(
                    context.getJsonObject("account", new JsonObject()).getString("id", ""),
                    call.variable(QueuedCall.ACCOUNT));
            accountId = parseId(fromVars);
        }
        account(pop, accountId, t.reference());
        return pop;
    }

    private JsonObject fromVariables(String queue, QueuedCall call) {
        JsonObject pop = base(queue, call)
                .put("ticket", call.ticket())
                .put("ticketQueue", queue)
                .put("category", call.variable(QueuedCall.CATEGORY))
                .put("priority", parseInt(call.variable(QueuedCall.PRIORITY)))
                .put("caller", call.callerMasked())
                .put("language", call.variable(QueuedCall.LANGUAGE))
                .put("verified", "yes".equals(call.variable(QueuedCall.VERIFIED)))
                .put("verifiedBy", "")
                .put("identifiedBy", "")
                .put("openedAt", "")
                .put("path", new JsonArray())
                .put(
                        "pathLine",
                        call.ticket().isEmpty()
                                ? "no ticket: the IVR could not write one"
                                : "ticket " + call.ticket() + " not found")
                .put("records", new JsonArray())
                .put("callerHungUp", false);
        account(pop, parseId(call.variable(QueuedCall.ACCOUNT)), call.ticket());
        return pop;
    }

    private static JsonObject base(String queue, QueuedCall call) {
        return new JsonObject()
                .put("call", call.key())
                .put("queue", queue)
                .put("source", call.simulated() ? "sim" : "ami")
                .put("server", call.server());
    }

    private void account(JsonObject pop, Long accountId, String thisTicket) {
        Optional<Account> account = accountId == null ? Optional.empty() : wallet.findById(accountId);
        if (account.isEmpty()) {
            pop.putNull("account").put("earlier", new JsonArray());
            return;
        }
        Account a = account.get();
        pop.put(
                "account",
                new JsonObject()
                        .put("id", a.id())
                        .put("holder", a.holderName())
                        .put("status", a.status().name().toLowerCase(Locale.ROOT))
                        .put("phone", a.maskedMsisdn())
                        .put("loginLocked", a.loginLocked()));
        JsonArray earlier = new JsonArray();
        List<Ticket> list = tickets.forAccount(a.id(), EARLIER + 1);
        for (Ticket t : list) {
            if (!t.reference().equals(thisTicket) && earlier.size() < EARLIER) {
                earlier.add(new JsonObject()
                        .put("ticket", t.reference())
                        .put("category", t.category())
                        .put("queue", t.queue() == null ? "" : t.queue())
                        .put("status", t.status())
                        .put(
                                "openedAt",
                                t.createdAt() == null ? "" : t.createdAt().toString()));
            }
        }
        pop.put("earlier", earlier);
    }

    /**
     * The earlier tickets as this user may see them. An agent sees the whole entry for tickets of their own
     * queues; of another queue's ticket only that it exists, in which queue and when (no reference, category or
     * status): enough to know the caller has been in touch about something else, and to ask a supervisor.
     */
    static JsonArray earlierFor(JsonArray earlier, ConsoleUser user) {
        if (user.role() != Role.AGENT) {
            return earlier.copy();
        }
        JsonArray out = new JsonArray();
        for (Object o : earlier) {
            if (o instanceof JsonObject e) {
                out.add(
                        user.seesQueue(e.getString("queue", ""))
                                ? e.copy()
                                : new JsonObject()
                                        .put("restricted", true)
                                        .put("queue", e.getString("queue", ""))
                                        .put("openedAt", e.getString("openedAt", "")));
            }
        }
        return out;
    }

    private static JsonArray records(JsonObject context) {
        JsonArray out = new JsonArray();
        for (Object o : context.getJsonArray("records", new JsonArray())) {
            if (o instanceof JsonObject r && RECORD_TYPES.contains(r.getString("type", ""))) {
                out.add(r);
            }
        }
        return out;
    }

    private static JsonObject parse(String json) {
        try {
            return json == null || json.isBlank() ? new JsonObject() : new JsonObject(json);
        } catch (DecodeException e) {
            return new JsonObject();
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static Long parseId(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseInt(String s) {
        try {
            return s == null || s.isBlank() ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
