package io.hotline.actions;

import io.hotline.engine.ActionRequest;
import io.hotline.engine.ActionResult;
import io.hotline.engine.Finding;
import io.hotline.wallet.OutgoingTransfer;
import io.hotline.wallet.TransferState;
import io.hotline.wallet.WalletPort;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outgoing transfers and withdrawals, read out one by one. {@code outgoing_transfers} loads the most recent
 * ones into {@code transfers.<n>.*}; each {@code next_outgoing_transfer} copies the next into {@code transfer.*}:
 * {@code kind} ({@code transfer}, {@code withdrawal}), {@code amount} and {@code fee} (fen), {@code last4},
 * {@code date} (submitted, local ISO date), {@code status} ({@code submitted}, {@code at_channel},
 * {@code at_bank}, {@code completed}, {@code refunded}, {@code returned}), {@code settled_date}, {@code reason},
 * {@code overdue} ({@code yes}/{@code no}), {@code due_day} ({@code today}, {@code tomorrow}, {@code later}),
 * {@code due_hour} (the hour it should have arrived by, rounded up to the full hour, 0-23), {@code due_date},
 * {@code reference}. {@code transfer.trace} is {@code yes} when one of them is overdue: the ticket's context then
 * holds every transfer read with its details (records of type {@code transfer}), for the agent who traces it.
 */
final class TransferActions {
    static final int LIMIT = 3;
    private static final String[] FIELDS = {
        "kind",
        "amount",
        "fee",
        "last4",
        "date",
        "status",
        "settled_date",
        "reason",
        "overdue",
        "due_day",
        "due_hour",
        "due_date",
        "reference"
    };
    private final WalletPort wallet;
    private final Clock clock;

    TransferActions(WalletPort wallet, Clock clock) {
        this.wallet = wallet;
        this.clock = clock;
    }

    ActionResult outgoingTransfers(ActionRequest r) {
        Optional<Long> id = Ids.account(r);
        if (id.isEmpty()) {
            return ActionResult.of("no_account");
        }
        List<OutgoingTransfer> list = wallet.recentOutgoingTransfers(id.get(), LIMIT);
        Instant now = clock.instant();
        Map<String, String> v = new LinkedHashMap<>();
        List<Finding> records = new ArrayList<>();
        boolean trace = false;
        for (int i = 0; i < list.size(); i++) {
            OutgoingTransfer x = list.get(i);
            String p = "transfers." + (i + 1) + ".";
            boolean overdue = x.overdue(now);
            ZonedDateTime due = roundedUpToHour(x.expectedBy());
            v.put(p + "kind", x.kind());
            v.put(p + "amount", Long.toString(x.amountFen()));
            v.put(p + "fee", Long.toString(x.feeFen()));
            v.put(p + "last4", x.destinationLast4());
            v.put(p + "date", local(x.submittedAt()).toString());
            v.put(p + "status", status(x));
            v.put(
                    p + "settled_date",
                    x.settledAt() == null ? "" : local(x.settledAt()).toString());
            v.put(p + "reason", x.reason() == null ? "" : x.reason());
            v.put(p + "overdue", overdue ? "yes" : "no");
            v.put(p + "due_day", dueDay(due.toLocalDate(), local(now)));
            v.put(p + "due_hour", Integer.toString(due.getHour()));
            v.put(p + "due_date", due.toLocalDate().toString());
            v.put(p + "reference", x.reference());
            trace |= overdue;
            records.add(record(x, overdue));
        }
        v.put("transfer.count", Integer.toString(list.size()));
        v.put("transfer.index", "0");
        v.put("transfer.trace", trace ? "yes" : "no");
        return new ActionResult(list.isEmpty() ? "none" : "found", v, "", records);
    }

    ActionResult nextOutgoingTransfer(ActionRequest r) {
        int count = RechargeActions.parse(r.call().var("transfer.count"));
        int index = RechargeActions.parse(r.call().var("transfer.index"));
        if (index >= count) {
            return ActionResult.of("none");
        }
        int n = index + 1;
        Map<String, String> v = new LinkedHashMap<>();
        for (String f : FIELDS) {
            v.put("transfer." + f, r.call().var("transfers." + n + "." + f));
        }
        v.put("transfer.index", Integer.toString(n));
        return ActionResult.of("found", v);
    }

    /** What the flow branches on: the state, with processing split by who has it. */
    static String status(OutgoingTransfer x) {
        if (x.state() == TransferState.PROCESSING) {
            return "bank".equals(x.processingAt()) ? "at_bank" : "at_channel";
        }
        return x.state().wire();
    }

    private static Finding record(OutgoingTransfer x, boolean overdue) {
        return new ActionFinding.OutgoingTransferRead(
                x.reference(),
                x.kind(),
                x.amountFen(),
                x.feeFen(),
                x.maskedDestination(),
                x.submittedAt(),
                status(x),
                x.expectedBy(),
                x.settledAt(),
                x.reason(),
                overdue);
    }

    private LocalDate local(Instant t) {
        return t.atZone(clock.getZone()).toLocalDate();
    }

    /** "By 18 o'clock": the expected time rounded up to the full hour, so the caller is never told too early. */
    private ZonedDateTime roundedUpToHour(Instant t) {
        ZonedDateTime z = t.atZone(clock.getZone());
        ZonedDateTime h = z.truncatedTo(ChronoUnit.HOURS);
        return h.equals(z) ? h : h.plusHours(1);
    }

    private static String dueDay(LocalDate due, LocalDate today) {
        if (due.equals(today)) {
            return "today";
        }
        return due.equals(today.plusDays(1)) ? "tomorrow" : "later";
    }
}
