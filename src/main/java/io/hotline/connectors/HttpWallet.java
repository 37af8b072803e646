package io.hotline.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.hotline.connectors.WalletApi.Reply;
import io.hotline.connectors.WalletApi.Safety;
import io.hotline.wallet.Account;
import io.hotline.wallet.AccountStatus;
import io.hotline.wallet.CallerLimits;
import io.hotline.wallet.FailureReason;
import io.hotline.wallet.Freeze;
import io.hotline.wallet.FreezeAccount;
import io.hotline.wallet.OutgoingTransfer;
import io.hotline.wallet.PinCheck;
import io.hotline.wallet.PinResult;
import io.hotline.wallet.Recharge;
import io.hotline.wallet.RechargeStatus;
import io.hotline.wallet.ResetCodeSent;
import io.hotline.wallet.Transaction;
import io.hotline.wallet.TransferState;
import io.hotline.wallet.Unfreeze;
import io.hotline.wallet.Unlock;
import io.hotline.wallet.Wallet;
import io.hotline.wallet.WalletPort;
import io.hotline.wallet.WalletUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@link WalletPort} on the wallet company's API, as {@code docs/wallet-api.yaml} describes it
 * ({@code HOTLINE_WALLET=http}). Each method is one operation of the document; the transport ({@link WalletApi})
 * retries reads and keyed writes, never a PIN check or an unfreeze, and fails fast while its circuit is open.
 *
 * <p>Only a confirmed answer becomes a result: an answer off the document (a missing field, an unknown value) is
 * {@link WalletUnavailable}, like no answer, so the caller never hears "done" for what the wallet did not confirm.
 *
 * <p>The limits per calling number ({@link CallerLimits}) stay in Hotline's database: a calling number that used up
 * its wrong PINs gets {@link PinResult#CALLER_LOCKED} without the API being asked, and wrong PINs and tries on a
 * locked account count against it, as with the built-in wallet.
 *
 * <p>Threading: thread-safe, blocking.
 */
public final class HttpWallet implements WalletPort, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WalletApi api;
    private final CallerLimits limits;

    /**
     * @param meters where the per-operation meters go (the server's registry, or a composite it joins later)
     * @param clock  the circuit breaker's clock (how long it stays open)
     */
    public HttpWallet(WalletConfig.Http config, CallerLimits limits, MeterRegistry meters, Clock clock) {
        this.api = new WalletApi(config, meters, clock);
        this.limits = limits;
    }

    /** The circuit breaker's state: CLOSED, OPEN or HALF_OPEN. */
    public String circuit() {
        return api.circuit().name();
    }

    /** True unless the circuit is open (the API failed too often lately); for readiness checks. */
    public boolean available() {
        return api.circuit() != CircuitBreaker.State.OPEN && api.circuit() != CircuitBreaker.State.FORCED_OPEN;
    }

    @Override
    public Optional<Account> findByMsisdn(String msisdn) {
        if (msisdn == null || msisdn.chars().noneMatch(Character::isDigit)) {
            return Optional.empty();
        }
        Reply r = api.call("lookupAccount", "POST", "/accounts/lookup", obj().put("msisdn", msisdn), null, Safety.READ);
        return r.notFound() ? Optional.empty() : Optional.of(account("lookupAccount", r.body()));
    }

    @Override
    public Optional<Account> findById(long accountId) {
        Reply r = api.call("getAccount", "GET", "/accounts/" + accountId, null, null, Safety.READ);
        return r.notFound() ? Optional.empty() : Optional.of(account("getAccount", r.body()));
    }

    @Override
    public PinCheck verifyPin(long accountId, String pin, String caller) {
        String ani = caller == null ? "" : caller;
        if (limits.locked(ani, CallerLimits.Kind.PIN)) {
            return new PinCheck(PinResult.CALLER_LOCKED, 0, null);
        }
        if (pin == null || !pin.matches("[0-9]{4,12}")) { // off the document: the flows' input never lets one through
            throw new IllegalArgumentException("a PIN is 4 to 12 digits");
        }
        Reply r = api.call(
                "checkPin",
                "POST",
                "/accounts/" + accountId + "/pin-checks",
                obj().put("pin", pin).put("callerNumber", ani.length() > 32 ? ani.substring(0, 32) : ani),
                null,
                Safety.WRITE);
        if (r.notFound()) {
            throw new IllegalArgumentException("no account with id " + accountId);
        }
        JsonNode b = r.body();
        String result = text("checkPin", b, "result");
        int left = integer("checkPin", b, "attemptsLeft");
        PinCheck check = switch (result) {
            case "ok" -> new PinCheck(PinResult.OK, left, null);
            case "wrong" -> new PinCheck(PinResult.WRONG, left, null);
            case "locked" -> new PinCheck(PinResult.LOCKED, 0, instant("checkPin", b, "lockedUntil"));
            default -> throw off("checkPin", "result");
        };
        if (check.result() != PinResult.OK) {
            limits.failed(ani, CallerLimits.Kind.PIN);
        }
        return check;
    }

    @Override
    public List<Recharge> recentFailedRecharges(long accountId, int limit) {
        Reply r = api.call(
                "listFailedRecharges",
                "GET",
                "/accounts/" + accountId + "/failed-recharges?limit=" + clamp(limit),
                null,
                null,
                Safety.READ);
        noAccount(r, accountId);
        List<Recharge> out = new ArrayList<>();
        for (JsonNode x : array("listFailedRecharges", r.body(), "recharges")) {
            String op = "listFailedRecharges";
            out.add(new Recharge(
                    x.path("id").asLong(),
                    text(op, x, "reference"),
                    x.path("amountFen").asLong(),
                    instant(op, x, "at"),
                    text(op, x, "channel"),
                    optionalText(x, "cardLast4"),
                    enumOf(op, RechargeStatus.class, text(op, x, "status"), "status"),
                    optionalText(x, "failureReason") == null
                            ? null
                            : enumOf(op, FailureReason.class, optionalText(x, "failureReason"), "failureReason")));
        }
        return out;
    }

    @Override
    public List<OutgoingTransfer> recentOutgoingTransfers(long accountId, int limit) {
        String op = "listOutgoingTransfers";
        Reply r = api.call(
                op,
                "GET",
                "/accounts/" + accountId + "/outgoing-transfers?limit=" + clamp(limit),
                null,
                null,
                Safety.READ);
        noAccount(r, accountId);
        List<OutgoingTransfer> out = new ArrayList<>();
        for (JsonNode x : array(op, r.body(), "transfers")) {
            try {
                out.add(new OutgoingTransfer(
                        x.path("id").asLong(),
                        text(op, x, "reference"),
                        text(op, x, "kind"),
                        x.path("amountFen").asLong(),
                        x.path("feeFen").asLong(),
                        text(op, x, "destinationBank"),
                        text(op, x, "destinationLast4"),
                        instant(op, x, "submittedAt"),
                        enumOf(op, TransferState.class, text(op, x, "state"), "state"),
                        optionalText(x, "processingAt"),
                        instant(op, x, "expectedBy"),
                        optionalText(x, "settledAt") == null ? null : instant(op, x, "settledAt"),
                        optionalText(x, "reason")));
            } catch (IllegalArgumentException e) {
                throw off(op, "transfers");
            }
        }
        return out;
    }

    @Override
    public Wallet.SinceTrustedLogin transactionsSinceTrustedLogin(long accountId, Instant orElseSince, int limit) {
        String op = "listTransactionsSinceTrustedLogin";
        Reply r = api.call(
                op,
                "GET",
                "/accounts/" + accountId + "/transactions/since-trusted-login?orElseSince=" + query(orElseSince)
                        + "&limit=" + clamp(limit),
                null,
                null,
                Safety.READ);
        noAccount(r, accountId);
        return new Wallet.SinceTrustedLogin(instant(op, r.body(), "since"), transactions(op, r.body()));
    }

    @Override
    public List<Transaction> transactionsSince(long accountId, Instant since, int limit) {
        String op = "listTransactions";
        Reply r = api.call(
                op,
                "GET",
                "/accounts/" + accountId + "/transactions?since=" + query(since == null ? Instant.EPOCH : since)
                        + "&limit=" + clamp(limit),
                null,
                null,
                Safety.READ);
        noAccount(r, accountId);
        return transactions(op, r.body());
    }

    @Override
    public Freeze freeze(FreezeAccount order) {
        String op = "freezeAccount";
        Reply r = api.call(
                op,
                "POST",
                "/accounts/" + order.accountId() + "/freeze",
                obj().put("callId", order.callId())
                        .put("reason", order.reason())
                        .put("language", order.lang()),
                order.idempotencyKey(),
                Safety.KEYED_WRITE);
        noAccount(r, order.accountId());
        JsonNode b = r.body();
        return new Freeze(text(op, b, "reference"), instant(op, b, "frozenAt"), bool(op, b, "alreadyFrozen"));
    }

    @Override
    public Unfreeze unfreeze(long accountId, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an unfreeze needs a reason");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("an unfreeze needs an actor");
        }
        String op = "unfreezeAccount";
        Reply r = api.call(
                op,
                "POST",
                "/accounts/" + accountId + "/unfreeze",
                obj().put("actor", actor).put("reason", reason),
                null,
                Safety.WRITE);
        noAccount(r, accountId);
        return new Unfreeze(optionalText(r.body(), "freezeReference"), bool(op, r.body(), "wasFrozen"));
    }

    @Override
    public ResetCodeSent sendResetCode(long accountId, String callId, String lang) {
        String op = "sendResetCode";
        Reply r = api.call(
                op,
                "POST",
                "/accounts/" + accountId + "/reset-codes",
                obj().put("callId", callId).put("language", lang == null ? "en" : lang),
                "hotline-reset-" + callId + "-" + accountId,
                Safety.KEYED_WRITE);
        noAccount(r, accountId);
        String masked = r.body().path("maskedPhone").asText("");
        return switch (text(op, r.body(), "result")) {
            case "sent" -> new ResetCodeSent(ResetCodeSent.Result.SENT, masked);
            case "not_sent" -> new ResetCodeSent(ResetCodeSent.Result.NOT_SENT, masked);
            case "rate_limited" -> new ResetCodeSent(ResetCodeSent.Result.RATE_LIMITED, masked);
            default -> throw off(op, "result");
        };
    }

    @Override
    public Unlock unlockLogin(long accountId, String callId, String actor) {
        return unlockLogin(accountId, callId, actor, null);
    }

    @Override
    public Unlock unlockLogin(long accountId, String callId, String actor, String reason) {
        String op = "unlockLogin";
        ObjectNode body = obj().put("callId", callId).put("actor", actor);
        if (reason != null) {
            body.put("reason", reason);
        }
        Reply r = api.call(
                op,
                "POST",
                "/accounts/" + accountId + "/login-unlock",
                body,
                // a console unlock without a call is its own request, never a retry of another one
                "hotline-unlock-" + (callId == null ? java.util.UUID.randomUUID() : callId) + "-" + accountId,
                Safety.KEYED_WRITE);
        noAccount(r, accountId);
        return new Unlock(bool(op, r.body(), "wasLocked"));
    }

    @Override
    public void close() {
        api.close();
    }

    private static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    private static void noAccount(Reply r, long accountId) {
        if (r.notFound()) {
            throw new IllegalArgumentException("no account with id " + accountId);
        }
    }

    private static Account account(String op, JsonNode b) {
        if (!b.path("id").canConvertToLong()) {
            throw off(op, "id");
        }
        return new Account(
                b.path("id").asLong(),
                text(op, b, "msisdn"),
                text(op, b, "holderName"),
                enumOf(op, AccountStatus.class, text(op, b, "status"), "status"),
                bool(op, b, "loginLocked"),
                b.hasNonNull("lastTrustedLogin") ? instant(op, b, "lastTrustedLogin") : null);
    }

    private static List<Transaction> transactions(String op, JsonNode body) {
        List<Transaction> out = new ArrayList<>();
        for (JsonNode t : array(op, body, "transactions")) {
            out.add(new Transaction(
                    t.path("id").asLong(),
                    text(op, t, "reference"),
                    instant(op, t, "at"),
                    t.path("amountFen").asLong(),
                    text(op, t, "kind"),
                    optionalText(t, "counterparty"),
                    optionalText(t, "channel")));
        }
        return out;
    }

    private static int clamp(int limit) {
        return Math.max(0, Math.min(50, limit));
    }

    private static String query(Instant t) {
        return URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }

    private static WalletUnavailable off(String op, String field) {
        return new WalletUnavailable("wallet API " + op + ": the answer is off the document at '" + field + "'");
    }

    private static String text(String op, JsonNode b, String field) {
        JsonNode n = b.path(field);
        if (!n.isTextual()) {
            throw off(op, field);
        }
        return n.asText();
    }

    private static String optionalText(JsonNode b, String field) {
        JsonNode n = b.path(field);
        return n.isTextual() ? n.asText() : null;
    }

    private static boolean bool(String op, JsonNode b, String field) {
        JsonNode n = b.path(field);
        if (!n.isBoolean()) {
            throw off(op, field);
        }
        return n.asBoolean();
    }

    private static int integer(String op, JsonNode b, String field) {
        JsonNode n = b.path(field);
        if (!n.canConvertToInt() || n.asInt() < 0) {
            throw off(op, field);
        }
        return n.asInt();
    }

    private static Instant instant(String op, JsonNode b, String field) {
        try {
            return Instant.parse(text(op, b, field));
        } catch (java.time.format.DateTimeParseException e) {
            throw off(op, field);
        }
    }

    private static Iterable<JsonNode> array(String op, JsonNode b, String field) {
        JsonNode n = b.path(field);
        if (!n.isArray()) {
            throw off(op, field);
        }
        return n;
    }

    private static <E extends Enum<E>> E enumOf(String op, Class<E> type, String wire, String field) {
        try {
            return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw off(op, field);
        }
    }
}
