package io.hotline.emulator.ami;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels an {@link AmiEmulator} knows, for call control: which two are bridged, and the dialplan location a
 * Redirect sent one to. It answers {@code Setvar}, {@code Redirect} (with {@code ExtraChannel}) and {@code Bridge}
 * as Asterisk 22 does (main/manager.c action_setvar and action_redirect, main/features.c action_bridge): the same
 * response lines, an error for a channel that does not exist, and the events a client would see of it. A Redirect
 * is no hangup, so no queue event comes of it (app_queue logs nothing until a leg hangs up); a leg redirected into
 * the shipped {@code hotline-hold,caller} gets {@code MusicOnHoldStart} (BridgeWait's music), and leaving it by
 * Bridge, {@code MusicOnHoldStop}. The channel variables are shared with the emulator's Getvar; bridging sets
 * {@code BRIDGEPEER} on both legs, as Asterisk's bridge code does.
 *
 * <p>{@code QueueWithdrawCaller} (apps/app_queue.c, manager_request_withdraw_caller_from_queue) for a caller the
 * test says waits in a queue ({@link #waiting}): Asterisk's ack, then what app_queue sends as Queue() lets the
 * caller go, {@code QueueCallerAbandon} ({@code record_abandoned}) and {@code QueueCallerLeave}, with the
 * channel's variables as {@code ChanVariable} lines; the caller is then where the shipped {@code [queues]} sends a
 * withdrawn caller, {@code hotline-agent,<WithdrawInfo>,1}. The emulator runs no dialplan past that.
 */
final class EmulatedChannels {
    /** Channel → the dialplan location it was redirected to ({@code context,exten,priority}), or "" when bridged. */
    private final Map<String, String> where = new ConcurrentHashMap<>();

    private final Map<String, String> variables;

    /** A caller waiting in Queue(): its queue, unique id and the variables its queue events carry. */
    private record Waiting(String queue, String uniqueId, Map<String, String> carried) {}

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    EmulatedChannels(Map<String, String> variables) {
        this.variables = variables;
    }

    /** Two channels connected (e.g. by app_queue): both exist, each the other's BRIDGEPEER. */
    void bridge(String a, String b) {
        where.put(a, "");
        where.put(b, "");
        variables.put(a + "|BRIDGEPEER", b);
        variables.put(b + "|BRIDGEPEER", a);
    }

    /** A caller waiting in {@code queue} (its QueueCallerJoin was sent), whose events carry {@code carried}. */
    void waiting(String channel, String uniqueId, String queue, Map<String, String> carried) {
        where.put(channel, "queues," + queue + ",1");
        waiting.put(channel, new Waiting(queue, uniqueId, Map.copyOf(carried)));
    }

    /** Where a Redirect last sent the channel ({@code context,exten,priority}); "" when bridged, null if unknown. */
    String location(String channel) {
        return where.get(channel);
    }

    /** The channel hung up: it is gone. */
    void hangup(String channel) {
        where.remove(channel);
    }

    /** The answer to one action (response lines first) and the events that follow it; null if not ours. */
    Answer answer(String action, Map<String, String> a) {
        return switch (action) {
            case "setvar" -> setvar(a);
            case "redirect" -> redirect(a);
            case "bridge" -> bridge(a);
            case "queuewithdrawcaller" -> withdraw(a);
            default -> null;
        };
    }

    /** Asterisk's response ({@code Response: kind} and lines) and the events that follow it. */
    record Answer(String kind, List<String> lines, List<List<String>> events) {
        static Answer error(String message) {
            return new Answer("Error", List.of("Message: " + message), List.of());
        }
    }

    private Answer setvar(Map<String, String> a) {
        String channel = a.getOrDefault("channel", "");
        String name = a.getOrDefault("variable", "");
        if (name.isEmpty()) {
            return Answer.error("No variable specified");
        }
        if (!channel.isEmpty() && !where.containsKey(channel)) {
            return Answer.error("No such channel");
        }
        variables.put(channel + "|" + name, a.getOrDefault("value", ""));
        return new Answer("Success", List.of("Message: Variable Set"), List.of());
    }

    private Answer withdraw(Map<String, String> a) {
        String queue = a.getOrDefault("queue", "");
        String caller = a.getOrDefault("caller", "");
        if (queue.isEmpty()) {
            return Answer.error("'Queue' not specified.");
        }
        if (caller.isEmpty()) {
            return Answer.error("'Caller' not specified.");
        }
        Waiting w = waiting.get(caller);
        if (w == null || !w.queue().equals(queue)) {
            return Answer.error("Unable to request withdraw from queue: No such caller");
        }
        waiting.remove(caller);
        where.put(caller, "hotline-agent," + a.getOrDefault("withdrawinfo", "") + ",1");
        List<String> vars = new java.util.ArrayList<>();
        new java.util.TreeMap<>(w.carried()).forEach((k, v) -> vars.add("ChanVariable: " + k + "=" + v));
        variables.forEach((k, v) -> {
            if (k.startsWith(caller + "|")) {
                String name = k.substring(caller.length() + 1).replaceFirst("^_+", "");
                if (name.startsWith("HOTLINE_") && !w.carried().containsKey(name)) {
                    vars.add("ChanVariable: " + name + "=" + v);
                }
            }
        });
        List<String> abandon = new java.util.ArrayList<>(List.of(
                "Event: QueueCallerAbandon",
                "Privilege: agent,all",
                "Channel: " + caller,
                "Uniqueid: " + w.uniqueId()));
        abandon.addAll(vars);
        abandon.addAll(List.of("Queue: " + queue, "Position: 1", "OriginalPosition: 1", "HoldTime: 0"));
        List<String> leave = new java.util.ArrayList<>(List.of(
                "Event: QueueCallerLeave", "Privilege: agent,all", "Channel: " + caller, "Uniqueid: " + w.uniqueId()));
        leave.addAll(vars);
        leave.addAll(List.of("Queue: " + queue, "Count: 0", "Position: 1"));
        return new Answer("Success", List.of("Message: Withdraw requested successfully"), List.of(abandon, leave));
    }

    private Answer redirect(Map<String, String> a) {
        String channel = a.getOrDefault("channel", "");
        String extra = a.getOrDefault("extrachannel", "");
        String to = a.getOrDefault("context", "") + "," + a.getOrDefault("exten", "") + ","
                + a.getOrDefault("priority", "");
        if (!where.containsKey(channel)) {
            return Answer.error("Channel does not exist: " + channel);
        }
        if (extra.isEmpty()) {
            where.put(channel, to);
            return new Answer("Success", List.of("Message: Redirect successful"), moh(channel, to, "Start"));
        }
        if (!where.containsKey(extra)) {
            return Answer.error("ExtraChannel does not exist: " + extra);
        }
        String extraTo = a.containsKey("extracontext")
                ? a.get("extracontext") + "," + a.getOrDefault("extraexten", "") + ","
                        + a.getOrDefault("extrapriority", "")
                : to;
        where.put(channel, to);
        where.put(extra, extraTo);
        var events = new java.util.ArrayList<List<String>>(moh(channel, to, "Start"));
        events.addAll(moh(extra, extraTo, "Start"));
        return new Answer("Success", List.of("Message: Dual Redirect successful"), events);
    }

    private Answer bridge(Map<String, String> a) {
        String one = a.getOrDefault("channel1", "");
        String two = a.getOrDefault("channel2", "");
        if (one.isEmpty() || two.isEmpty()) {
            return Answer.error("Missing channel parameter in request");
        }
        for (String[] c : new String[][] {{"Channel1", one}, {"Channel2", two}}) {
            if (!where.containsKey(c[1])) {
                return Answer.error(c[0] + " does not exist: " + c[1]);
            }
        }
        var events = new java.util.ArrayList<List<String>>(moh(one, where.get(one), "Stop"));
        events.addAll(moh(two, where.get(two), "Stop"));
        bridge(one, two);
        return new Answer("Success", List.of("Message: Channels have been bridged"), events);
    }

    /** A leg in the shipped hold context for callers hears music on hold (BridgeWait e(m)); others hear none. */
    private static List<List<String>> moh(String channel, String location, String startOrStop) {
        if (!location.startsWith("hotline-hold,caller,")) {
            return List.of();
        }
        return List.of(
                startOrStop.equals("Start")
                        ? List.of(
                                "Event: MusicOnHoldStart",
                                "Privilege: call,all",
                                "Channel: " + channel,
                                "Class: default")
                        : List.of("Event: MusicOnHoldStop", "Privilege: call,all", "Channel: " + channel));
    }
}
