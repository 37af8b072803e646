package io.hotline.actions;

import io.hotline.engine.ActionRequest;
import io.hotline.engine.ActionResult;
import io.hotline.engine.Finding;
import io.hotline.wallet.Recharge;
import io.hotline.wallet.WalletPort;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Failed recharges, explained one by one. {@code failed_recharges} loads the most recent
 * ones into call variables {@code recharges.<n>.*}; each {@code next_failed_recharge}
 * copies the next one into {@code recharge.*} for the flow to say:
 * {@code recharge.amount} (fen), {@code recharge.date}, {@code recharge.reason}
 * ({@code card_declined}, {@code insufficient_funds}, {@code limit_exceeded},
 * {@code network_timeout}, {@code channel_maintenance} or {@code debited_not_credited}),
 * {@code recharge.channel}, {@code recharge.card_last4}, {@code recharge.reference}.
 */
final class RechargeActions {
    static final int LIMIT = 3;
    private static final String[] FIELDS = {"amount", "date", "reason", "channel", "card_last4", "reference"};
    private final WalletPort wallet;
    private final ZoneId zone;

    RechargeActions(WalletPort wallet, ZoneId zone) {
        this.wallet = wallet;
        this.zone = zone;
    }

    ActionResult failedRecharges(ActionRequest r) {
        Optional<Long> id = Ids.account(r);
        if (id.isEmpty()) {
            return ActionResult.of("no_account");
        }
        List<Recharge> list = wallet.recentFailedRecharges(id.get(), LIMIT);
        Map<String, String> v = new LinkedHashMap<>();
        List<Finding> records = new ArrayList<>();
        boolean escalate = false;
        for (int i = 0; i < list.size(); i++) {
            Recharge x = list.get(i);
            String p = "recharges." + (i + 1) + ".";
            String reason = reason(x);
            v.put(p + "amount", Long.toString(x.amountFen()));
            v.put(p + "date", x.at().atZone(zone).toLocalDate().toString());
            v.put(p + "reason", reason);
            v.put(p + "channel", x.channel());
            v.put(p + "card_last4", x.cardLast4() == null ? "" : x.cardLast4());
            v.put(p + "reference", x.reference());
            escalate |= reason.equals("debited_not_credited");
            records.add(new ActionFinding.FailedRecharge(x.reference(), x.amountFen(), x.at(), x.channel(), reason));
        }
        v.put("recharge.count", Integer.toString(list.size()));
        v.put("recharge.index", "0");
        v.put("recharge.escalate", escalate ? "yes" : "no");
        return new ActionResult(list.isEmpty() ? "none" : "found", v, "", records);
    }

    ActionResult nextFailedRecharge(ActionRequest r) {
        int count = parse(r.call().var("recharge.count"));
        int index = parse(r.call().var("recharge.index"));
        if (index >= count) {
            return ActionResult.of("none");
        }
        int n = index + 1;
        Map<String, String> v = new LinkedHashMap<>();
        for (String f : FIELDS) {
            v.put("recharge." + f, r.call().var("recharges." + n + "." + f));
        }
        v.put("recharge.index", Integer.toString(n));
        return ActionResult.of("found", v);
    }

    static String reason(Recharge x) {
        if (x.status() == io.hotline.wallet.RechargeStatus.DEBITED_NOT_CREDITED) {
            return "debited_not_credited";
        }
        return x.reason() == null ? "unknown" : x.reason().name().toLowerCase(Locale.ROOT);
    }

    static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
