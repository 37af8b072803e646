package io.hotline.telephony.queue;

import io.hotline.call.QueueHandoff;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a {@link QueueHandoff} travels on an Asterisk channel: inherited {@code __HOTLINE_*} variables (read by the
 * dialplan, reported by AMI through manager.conf's {@code channelvars} for the screen pop) and {@code QUEUE_PRIO}
 * for app_queue. Shared by the FastAGI and ARI adapters and followed by the simulator.
 */
public final class ChannelVariables {
    private ChannelVariables() {}

    /**
     * The variables to set before the call continues to {@code [queues]}, in the order to set them (the same call
     * sends the same commands every time): the hotline variables sorted by name, then the queue, then
     * {@code QUEUE_PRIO}. Inherited ({@code __}) so the agent's leg carries them too; empty values are left out.
     */
    public static Map<String, String> of(QueueHandoff h) {
        Map<String, String> sorted = new TreeMap<>();
        put(sorted, QueuedCall.TICKET, h.ticketRef());
        put(sorted, QueuedCall.ACCOUNT, h.account());
        put(sorted, QueuedCall.CATEGORY, h.category());
        put(sorted, QueuedCall.PRIORITY, Integer.toString(h.priority()));
        put(sorted, QueuedCall.VERIFIED, h.verified() ? "yes" : "no");
        put(sorted, QueuedCall.LANGUAGE, h.language());
        put(sorted, QueuedCall.ACTIONS, h.actions());
        Map<String, String> vars = new LinkedHashMap<>(sorted);
        // last: read by the dialplan (GotoIf to [queues]) and by app_queue (QUEUE_PRIO)
        vars.put("__" + QueuedCall.QUEUE, h.queue());
        vars.put("QUEUE_PRIO", Integer.toString(h.priority()));
        return vars;
    }

    private static void put(Map<String, String> vars, String name, String value) {
        if (!value.isEmpty()) {
            vars.put("__" + name, value);
        }
    }

    /**
     * A channel variable's name without Asterisk's inheritance marks: {@code __HOTLINE_TICKET} (inherited by every
     * descendant) and {@code _HOTLINE_TICKET} (by the next one) are both {@code HOTLINE_TICKET}.
     */
    public static String baseName(String variable) {
        int from = 0;
        while (from < 2 && from < variable.length() && variable.charAt(from) == '_') {
            from++;
        }
        return variable.substring(from);
    }
}
