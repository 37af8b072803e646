package io.hotline.call;

import java.util.Map;
import java.util.Objects;

/**
 * The order to leave the IVR for an agent queue.
 *
 * @param queue     the Asterisk queue name (never {@code general}: that is queues.conf's
 *                  settings section)
 * @param priority  app_queue priority, higher is answered first (0 = normal)
 * @param ticketRef the ticket the agent's screen pop shows, or empty when the ticket
 *                  could not be written (database down)
 * @param variables inherited channel variables to set first ({@code __HOTLINE_TICKET}, ...)
 */
public record QueueHandoff(String queue, int priority, String ticketRef, Map<String, String> variables) {
    public QueueHandoff {
        Objects.requireNonNull(queue, "queue");
        if (queue.isBlank() || queue.equals("general")) {
            throw new IllegalArgumentException("invalid queue name: '" + queue + "'");
        }
        ticketRef = ticketRef == null ? "" : ticketRef;
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /**
     * A channel variable's name without Asterisk's inheritance marks: {@code __HOTLINE_TICKET}
     * (inherited by every descendant) and {@code _HOTLINE_TICKET} (by the next one) are both
     * {@code HOTLINE_TICKET}.
     */
    public static String baseName(String variable) {
        int from = 0;
        while (from < 2 && from < variable.length() && variable.charAt(from) == '_') {
            from++;
        }
        return variable.substring(from);
    }
}
