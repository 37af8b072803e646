package io.hotline.call;

import java.util.Objects;

/**
 * The order to leave the IVR for an agent queue, with what the agent's screen pop needs to know. Each telephony
 * adapter turns it into its protocol (Asterisk: inherited {@code __HOTLINE_*} channel variables and
 * {@code QUEUE_PRIO}, see {@code io.hotline.telephony.queue.ChannelVariables}).
 *
 * @param queue     the Asterisk queue name (never {@code general}: that is queues.conf's settings section)
 * @param priority  app_queue priority, higher is answered first (0 = normal)
 * @param ticketRef the ticket the agent's screen pop shows, or empty when the ticket could not be written
 *                  (database down)
 * @param category  the ticket's category ({@code fraud}, {@code recharge}, ...), or empty
 * @param account   the caller's account id when the IVR identified it, or empty
 * @param verified  whether the caller passed a PIN or code check
 * @param language  the caller's language ({@code en}, {@code zh}), or empty
 * @param actions   with no ticket written, what the IVR did ({@code freeze_account=frozen:F-1,verify_pin=ok}, at
 *                  most 200 characters) so the agent still learns it; else empty
 */
public record QueueHandoff(
        String queue,
        int priority,
        String ticketRef,
        String category,
        String account,
        boolean verified,
        String language,
        String actions) {
    public QueueHandoff {
        Objects.requireNonNull(queue, "queue");
        if (queue.isBlank() || queue.equals("general")) {
            throw new IllegalArgumentException("invalid queue name: '" + queue + "'");
        }
        ticketRef = ticketRef == null ? "" : ticketRef;
        category = category == null ? "" : category;
        account = account == null ? "" : account;
        language = language == null ? "" : language;
        actions = actions == null ? "" : actions;
    }

    /** A hand-off with a ticket and nothing else known (tests, the benchmarks' replays). */
    public QueueHandoff(String queue, int priority, String ticketRef) {
        this(queue, priority, ticketRef, "", "", false, "", "");
    }
}
