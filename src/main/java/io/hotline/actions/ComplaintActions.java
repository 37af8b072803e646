package io.hotline.actions;

import io.hotline.call.Masking;
import io.hotline.engine.ActionRequest;
import io.hotline.engine.ActionResult;
import io.hotline.engine.TicketDesk;
import io.hotline.tickets.Tickets;
import io.hotline.wallet.Account;
import io.hotline.wallet.WalletPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Complaints: what they are about, and the ticket that carries the promise to answer them.
 *
 * <ul>
 *   <li>{@code complaint_topic}: arg {@code topic} ({@code transaction}, {@code fees}, {@code agent_service},
 *       {@code app}, {@code other}) and, for a transaction the caller picked, arg {@code transaction} (its
 *       reference, e.g. {@code "${tx.reference}"}): into {@code complaint.topic} and
 *       {@code complaint.transaction}.</li>
 *   <li>{@code open_complaint}: the call's ticket, category {@code complaint} (args {@code queue}, default
 *       {@code general-support}, {@code priority}, default 1), due {@value #ANSWER_WITHIN_HOURS} hours after the
 *       call; its context names the topic, the transaction and whether a voice message was left
 *       ({@code complaint.message} = {@code yes}, set by the flow's {@code record} node). The reference is also
 *       sent by SMS through the outbox, to the registered phone when the caller was identified, else to the
 *       calling number when it is a mobile number. Sets {@code ticket.ref}, {@code complaint.sms}
 *       ({@code yes}/{@code no}).</li>
 * </ul>
 */
final class ComplaintActions {
    static final int ANSWER_WITHIN_HOURS = 24;
    static final Set<String> TOPICS = Set.of("transaction", "fees", "agent_service", "app", "other");
    private static final DateTimeFormatter EN_DUE = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter ZH_DUE = DateTimeFormatter.ofPattern("M月d日HH:mm", Locale.CHINESE);

    private final TicketDesk desk;
    private final Tickets tickets;
    private final WalletPort wallet;
    private final ReferenceTexts texts;
    private final Clock clock;

    ComplaintActions(TicketDesk desk, Tickets tickets, WalletPort wallet, ReferenceTexts texts, Clock clock) {
        this.desk = desk;
        this.tickets = tickets;
        this.wallet = wallet;
        this.texts = texts;
        this.clock = clock;
    }

    ActionResult topic(ActionRequest r) {
        String topic = r.arg("topic");
        if (!TOPICS.contains(topic)) {
            throw new IllegalArgumentException(
                    "complaint_topic: topic must be one of " + TOPICS + ", not '" + topic + "'");
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("complaint.topic", topic);
        v.put("complaint.transaction", topic.equals("transaction") ? r.arg("transaction") : "");
        return ActionResult.of("ok", v);
    }

    ActionResult open(ActionRequest r) throws Exception {
        String queue = r.arg("queue").isEmpty() ? "general-support" : r.arg("queue");
        int priority = r.arg("priority").isEmpty() ? 1 : Integer.parseInt(r.arg("priority"));
        String ref = desk.openOrUpdate(r.call(), "complaint", queue, priority);

        String lang = r.call().language();
        Optional<Long> account = Ids.account(r);
        String to = account.flatMap(wallet::findById)
                .map(Account::msisdn)
                .orElseGet(() -> mobile(r.call().info().ani()));
        boolean sent = !to.isEmpty();
        String topic =
                r.call().var("complaint.topic").isEmpty() ? "other" : r.call().var("complaint.topic");
        String transaction = r.call().var("complaint.transaction").isEmpty()
                ? null
                : r.call().var("complaint.transaction");
        boolean message = "yes".equals(r.call().var("complaint.message"));
        String smsTo = sent ? Masking.phone(to) : "";
        // the record goes into the ticket now: it was written before this action's outcome is known
        Instant due = tickets.promise(
                        ref,
                        Duration.ofHours(ANSWER_WITHIN_HOURS),
                        CallJson.complaintJson(
                                new ActionFinding.ComplaintOpened(ref, topic, transaction, message, null, smsTo)))
                .orElseThrow(() -> new IllegalStateException("ticket " + ref + " vanished"));
        var rec = new ActionFinding.ComplaintOpened(ref, topic, transaction, message, due, smsTo);
        if (sent) {
            String dueText = due.atZone(clock.getZone()).format("zh".equals(lang) ? ZH_DUE : EN_DUE);
            texts.complaintReference(
                    to,
                    ref,
                    dueText,
                    lang,
                    account.orElse(null),
                    r.call().info().callId());
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("ticket.ref", ref);
        v.put("complaint.due", due.toString());
        v.put("complaint.sms", sent ? "yes" : "no");
        return new ActionResult("ok", v, ref, List.of(rec));
    }

    /** The calling number when it is a mainland mobile number (11 digits from 1), else "" (no SMS). */
    private static String mobile(String ani) {
        String digits = ani == null ? "" : ani.replaceAll("[^0-9]", "");
        if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return digits.length() == 11 && digits.startsWith("1") ? digits : "";
    }
}
