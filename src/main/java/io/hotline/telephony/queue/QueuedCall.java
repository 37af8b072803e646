package io.hotline.telephony.queue;

import java.util.Map;
import java.util.Objects;

/**
 * A caller in a queue, as the PBX identifies the call.
 *
 * @param channel      the caller's channel in the queue (AMI {@code Channel}), or a simulator id
 * @param uniqueId     the channel's unique id (AMI {@code Uniqueid})
 * @param callerMasked the caller's number, already masked ({@link io.hotline.call.Masking#phone})
 * @param variables    the hotline channel variables the PBX reported, names without the
 *                     inheritance prefix ({@code HOTLINE_TICKET=T-482915}); empty values left out
 */
public record QueuedCall(String channel, String uniqueId, String callerMasked, Map<String, String> variables) {
    public static final String TICKET = "HOTLINE_TICKET";
    public static final String ACCOUNT = "HOTLINE_ACCOUNT";
    public static final String QUEUE = "HOTLINE_QUEUE";
    public static final String CATEGORY = "HOTLINE_CATEGORY";
    public static final String PRIORITY = "HOTLINE_PRIORITY";
    public static final String VERIFIED = "HOTLINE_VERIFIED";
    public static final String LANGUAGE = "HOTLINE_LANG";
    public static final String ACTIONS = "HOTLINE_ACTIONS";
    /** Set on a queued callback's placeholder: the callback's reference ({@link CallbackLine}). */
    public static final String CALLBACK = "HOTLINE_CALLBACK";

    public QueuedCall {
        Objects.requireNonNull(channel, "channel");
        uniqueId = uniqueId == null ? "" : uniqueId;
        callerMasked = callerMasked == null ? "" : callerMasked;
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** The ticket reference the IVR put on the channel, or empty. */
    public String ticket() {
        return variables.getOrDefault(TICKET, "");
    }

    /** A hotline variable, or empty. */
    public String variable(String name) {
        return variables.getOrDefault(name, "");
    }

    /** Channels of the in-process simulator start with this. */
    public static final String SIM_CHANNEL_PREFIX = "Sim/";

    /** True for calls of the in-process simulated PBX (answered from the console, not a phone). */
    public boolean simulated() {
        return channel.startsWith(SIM_CHANNEL_PREFIX);
    }

    /** The call's identity across events: the unique id when known, else the channel. */
    public String key() {
        return uniqueId.isEmpty() ? channel : uniqueId;
    }
}
