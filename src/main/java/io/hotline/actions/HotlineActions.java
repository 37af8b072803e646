package io.hotline.actions;

import io.hotline.engine.ActionRequest;
import io.hotline.engine.ActionResult;
import io.hotline.engine.Actions;
import io.hotline.flow.ActionCatalog;
import io.hotline.tickets.Tickets;
import io.hotline.wallet.CallerLimits;
import io.hotline.wallet.WalletPort;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All actions of the hotline, by name. The names and outcomes are also the linter's
 * catalog ({@link #CATALOG}), so a flow can only name an action that exists.
 *
 * <p>Threading: {@link #invoke} may be called concurrently from many calls' action
 * threads; the handlers are stateless.
 */
public final class HotlineActions implements Actions {

    /** Name → outcomes besides {@code error}/{@code timeout}. */
    public static final Map<String, Set<String>> OUTCOMES = outcomes();

    /** The catalog the linter checks flows against. */
    public static final ActionCatalog CATALOG = ActionCatalog.of(OUTCOMES);

    /** The actions that change nothing: the engine may start them while the prompt before them plays. */
    static final Set<String> READ_ONLY = Set.of(
            "identify_caller",
            "failed_recharges",
            "next_failed_recharge",
            "recent_transactions",
            "next_transaction",
            "outgoing_transfers",
            "next_outgoing_transfer");

    private final Map<String, Handler> handlers = new LinkedHashMap<>();

    @FunctionalInterface
    interface Handler {
        ActionResult run(ActionRequest request) throws Exception;
    }

    /**
     * @param wallet the wallet port: the built-in wallet or the wallet company's API; the actions reach the
     *               wallet only through it
     * @param limits Hotline's own limits per calling number on identity checks
     */
    public HotlineActions(WalletPort wallet, CallerLimits limits, Tickets tickets, Clock clock, ReferenceTexts texts) {
        var account = new AccountActions(wallet, limits);
        var recharge = new RechargeActions(wallet, clock.getZone());
        var security = new SecurityActions(wallet, clock);
        var ticket = new TicketActions(new TicketDeskAdapter(tickets));
        var transfer = new TransferActions(wallet, clock);
        var complaint = new ComplaintActions(new TicketDeskAdapter(tickets), tickets, wallet, texts, clock);
        handlers.put("identify_caller", account::identifyCaller);
        handlers.put("lookup_account", account::lookupAccount);
        handlers.put("verify_pin", account::verifyPin);
        handlers.put("failed_recharges", recharge::failedRecharges);
        handlers.put("next_failed_recharge", recharge::nextFailedRecharge);
        handlers.put("outgoing_transfers", transfer::outgoingTransfers);
        handlers.put("next_outgoing_transfer", transfer::nextOutgoingTransfer);
        handlers.put("freeze_account", security::freeze);
        handlers.put("recent_transactions", security::recentTransactions);
        handlers.put("next_transaction", security::nextTransaction);
        handlers.put("send_reset_code", security::sendResetCode);
        handlers.put("unlock_login", security::unlockLogin);
        handlers.put("open_ticket", ticket::openTicket);
        handlers.put("complaint_topic", complaint::topic);
        handlers.put("open_complaint", complaint::open);
        if (!handlers.keySet().equals(OUTCOMES.keySet())) {
            throw new IllegalStateException("action handlers and catalog differ: " + handlers.keySet());
        }
    }

    private static Map<String, Set<String>> outcomes() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("identify_caller", Set.of("ok", "not_found"));
        m.put("lookup_account", Set.of("ok", "not_found", "locked"));
        m.put("verify_pin", Set.of("ok", "wrong", "locked", "no_account"));
        m.put("failed_recharges", Set.of("found", "none", "no_account"));
        m.put("next_failed_recharge", Set.of("found", "none"));
        m.put("outgoing_transfers", Set.of("found", "none", "no_account"));
        m.put("next_outgoing_transfer", Set.of("found", "none"));
        m.put("freeze_account", Set.of("frozen", "already_frozen", "no_account"));
        m.put("recent_transactions", Set.of("found", "none", "no_account"));
        m.put("next_transaction", Set.of("found", "none"));
        m.put("send_reset_code", Set.of("sent", "not_sent", "rate_limited", "no_account"));
        m.put("unlock_login", Set.of("unlocked", "not_locked", "no_account"));
        m.put("open_ticket", Set.of("ok"));
        m.put("complaint_topic", Set.of("ok"));
        m.put("open_complaint", Set.of("ok"));
        return Map.copyOf(m);
    }

    @Override
    public Optional<Set<String>> outcomes(String action) {
        return CATALOG.outcomes(action);
    }

    @Override
    public boolean readOnly(String action) {
        return READ_ONLY.contains(action);
    }

    @Override
    public ActionResult invoke(ActionRequest request) throws Exception {
        Handler h = handlers.get(request.action());
        if (h == null) {
            throw new IllegalArgumentException("no action '" + request.action() + "'");
        }
        return h.run(request);
    }
}
