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
 * @param server       the name of the Asterisk server the call is on ({@code HOTLINE_AMI_SERVERS}; the host
 *                     of {@code HOTLINE_AMI_HOST} for a single server), or empty for the simulator
 */
public record QueuedCall(
        String channel, String uniqueId, String callerMasked, Map<String, String> variables, String server) {
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
        server = server == null ? "" : server;
    }

    /** A call on no named server (the simulator, tests of one PBX). */
    public QueuedCall(String channel, String uniqueId, String callerMasked, Map<String, String> variables) {
        this(channel, uniqueId, callerMasked, variables, "");
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

    /**
     * The call's identity across events: the unique id when known, else the channel; prefixed with the server's
     * name and {@code @} when there is one ({@code pbx-a@1795393812.7}), since two Asterisks number their channels
     * independently.
     */
    public String key() {
        String id = uniqueId.isEmpty() ? channel : uniqueId;
        return server.isEmpty() ? id : server + "@" + id;
    }
}
