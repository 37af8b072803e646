package io.hotline.emulator.ami;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The channels of {@link AmiEmulator}, as Asterisk 22 with the shipped dialplan keeps them for queued callbacks
 * (docker/asterisk/extensions.conf): an async {@code Originate} of {@code Local/<queue>@hotline-callback-place}
 * makes a Local pair whose {@code ;2} half joins the queue at {@code HOTLINE_POSITION}; an Originate into
 * {@code hotline-callback-answer} rings a phone that answers as {@link Phone} says; {@code Hangup} ends a channel
 * (both halves of a Local pair, the queue's abandon first); {@code Status} lists the channels. The wire forms follow
 * main/manager.c and apps/app_queue.c (OriginateResponse reasons: 3 rang out, 5 busy, 4 answered). Differences from
 * the real one: no Newchannel/Newexten/Bridge events, the phone's answer comes at once (no ringing time), and only
 * the HOTLINE_* variables are kept.
 *
 * <p>Threading: synchronized; events go out through {@code emit} on the calling thread.
 */
final class EmulatedCalls {
    private static final class Channel {
        final String name;
        final String uniqueId;
        final Map<String, String> vars;
        final String callerName;
        final long created = System.nanoTime();
        String queue = "";
        String bridge = "";

        Channel(String name, String uniqueId, Map<String, String> vars, String callerName) {
            this.name = name;
            this.uniqueId = uniqueId;
            this.vars = vars;
            this.callerName = callerName;
        }
    }

    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, List<Channel>> lines = new LinkedHashMap<>();
    private final AtomicInteger seq = new AtomicInteger();
    private final Consumer<String> emit;
    private volatile Function<String, CalledPhone> phones = c -> CalledPhone.NO_ANSWER;

    EmulatedCalls(Consumer<String> emit) {
        this.emit = emit;
    }

    void phones(Function<String, CalledPhone> how) {
        this.phones = how;
    }

    /** Answers an Originate: the response now, then (after it is written) {@link #afterOriginate}'s events. */
    synchronized String originate(Map<String, String> a, String id) {
        if (!a.getOrDefault("channel", "").contains("/")) {
            return wire("Response: Error", id, "Message: Invalid channel");
        }
        return wire("Response: Success", id, "Message: Originate successfully queued");
    }

    synchronized void afterOriginate(Map<String, String> a, String id) {
        String requested = a.get("channel");
        Map<String, String> vars = variables(a.getOrDefault("variable", ""));
        String idLine = id.isEmpty() ? "" : "ActionID: " + id;
        String context = a.getOrDefault("context", "");
        if (requested.startsWith("Local/") && requested.endsWith("@hotline-callback-place")) {
            String queue = requested.substring("Local/".length(), requested.indexOf('@'));
            String base = String.format(Locale.ROOT, "%s-%08x", requested, seq.incrementAndGet());
            String name = a.getOrDefault("callerid", "");
            Channel one = add(base + ";1", vars, name);
            Channel two = add(base + ";2", vars, name);
            List<Channel> line = lines.computeIfAbsent(queue, q -> new ArrayList<>());
            int position = parse(vars.get("HOTLINE_POSITION"));
            int at = position <= 0 || position > line.size() ? line.size() : position - 1;
            line.add(at, two);
            two.queue = queue;
            emit.accept(event(
                    "QueueCallerJoin",
                    "agent,all",
                    two,
                    "Queue: " + queue,
                    "Position: " + (at + 1),
                    "Count: " + line.size()));
            emit.accept(originateResponse(idLine, true, one, context, 4));
            return;
        }
        CalledPhone phone = phones.apply(requested);
        if (phone == CalledPhone.NO_ANSWER || phone == CalledPhone.BUSY) {
            emit.accept(wire(
                    "Event: OriginateResponse",
                    "",
                    "Privilege: call,all",
                    idLine,
                    "Response: Failure",
                    "Channel: " + requested,
                    "Context: " + context,
                    "Exten: s",
                    "Reason: " + (phone == CalledPhone.BUSY ? 5 : 3),
                    "Uniqueid: <unknown>",
                    "CallerIDNum: <unknown>",
                    "CallerIDName: <unknown>"));
            return;
        }
        Channel called = add(String.format(Locale.ROOT, "%s-%08x", requested, seq.incrementAndGet()), vars, "");
        emit.accept(originateResponse(idLine, true, called, context, 4));
        String callback = vars.getOrDefault("HOTLINE_CALLBACK", "");
        switch (phone) {
            case PRESSES_1 -> {
                Channel peer = channels.get(vars.getOrDefault("HOTLINE_PEER", ""));
                emit.accept(userEvent(called, callback, "connected"));
                if (peer == null) {
                    emit.accept(userEvent(called, callback, "failed"));
                    hangup(called.name);
                } else {
                    called.bridge = peer.bridge.isEmpty() ? "bridge-" + seq.incrementAndGet() : peer.bridge;
                    peer.bridge = called.bridge;
                }
            }
            case NO_KEY -> {
                emit.accept(userEvent(called, callback, "no-key"));
                hangup(called.name);
            }
            default -> hangup(called.name);
        }
    }

    /** An agent becomes free: app_queue connects it to the head of {@code queue}; false when nobody waits. */
    synchronized boolean agentConnects(String queue, String agentInterface) {
        List<Channel> line = lines.getOrDefault(queue, List.of());
        if (line.isEmpty()) {
            return false;
        }
        Channel c = line.removeFirst();
        c.queue = "";
        c.bridge = "bridge-" + seq.incrementAndGet();
        emit.accept(
                event("QueueCallerLeave", "agent,all", c, "Queue: " + queue, "Count: " + line.size(), "Position: 1"));
        emit.accept(event(
                "AgentConnect",
                "agent,all",
                c,
                "Queue: " + queue,
                "Interface: " + agentInterface,
                "MemberName: " + agentInterface,
                "HoldTime: 1",
                "RingTime: 1",
                "DestChannel: " + agentInterface + "-00000001"));
        return true;
    }

    /** Hangs a channel up (both halves of a Local pair); the response to a Hangup action. */
    synchronized String hangup(Map<String, String> a, String id) {
        return hangup(a.getOrDefault("channel", ""))
                ? wire("Response: Success", id, "Message: Channel Hungup")
                : wire("Response: Error", id, "Message: No such channel");
    }

    private boolean hangup(String name) {
        Channel c = channels.get(name);
        if (c == null) {
            return false;
        }
        List<String> ends = List.of(name);
        if (name.startsWith("Local/") && (name.endsWith(";1") || name.endsWith(";2"))) {
            String pair = name.substring(0, name.length() - 1);
            ends = List.of(pair + "2", pair + "1"); // the queue's half first, as app_queue sees it leave
        }
        for (String n : ends) {
            Channel x = channels.remove(n);
            if (x == null) {
                continue;
            }
            if (!x.queue.isEmpty()) {
                List<Channel> line = lines.get(x.queue);
                int pos = line.indexOf(x) + 1;
                line.remove(x);
                emit.accept(event(
                        "QueueCallerAbandon",
                        "agent,all",
                        x,
                        "Queue: " + x.queue,
                        "Position: " + pos,
                        "OriginalPosition: " + pos,
                        "HoldTime: 1"));
                emit.accept(event(
                        "QueueCallerLeave",
                        "agent,all",
                        x,
                        "Queue: " + x.queue,
                        "Count: " + line.size(),
                        "Position: " + pos));
            }
            emit.accept(event("Hangup", "call,all", x, "Cause: 16", "Cause-txt: Normal Clearing"));
        }
        return true;
    }

    /** The Status action's answer: the response, a Status event per channel, StatusComplete. */
    synchronized String status(Map<String, String> a, String id) {
        StringBuilder out = new StringBuilder(
                wire("Response: Success", id, "EventList: start", "Message: Channel status will follow"));
        List<String> wanted = List.of(a.getOrDefault("variables", "").split(","));
        for (Channel c : channels.values()) {
            List<String> extra = new ArrayList<>(List.of(
                    "Type: Local",
                    "BridgeID: " + c.bridge,
                    "Application: " + (c.queue.isEmpty() && c.bridge.isEmpty() ? "Wait" : "Queue"),
                    "Seconds: " + (System.nanoTime() - c.created) / 1_000_000_000L));
            for (String w : wanted) {
                if (!w.isBlank()) {
                    extra.add("Variable: " + w.trim() + "=" + c.vars.getOrDefault(w.trim(), ""));
                }
            }
            if (!id.isEmpty()) {
                extra.add("ActionID: " + id);
            }
            out.append(event("Status", "Call", c, extra.toArray(String[]::new)));
        }
        out.append(wire(
                "Event: StatusComplete",
                id,
                "EventList: Complete",
                "ListItems: " + channels.size(),
                "Items: " + channels.size()));
        return out.toString();
    }

    /** The QueueEntry events of the emulated callers waiting in {@code queue} (ActionID {@code id}). */
    synchronized List<String> entries(String queue, String id) {
        List<String> out = new ArrayList<>();
        lines.forEach((q, line) -> {
            if (queue.isEmpty() || queue.equals(q)) {
                for (int i = 0; i < line.size(); i++) {
                    Channel c = line.get(i);
                    out.add(wire(
                            "Event: QueueEntry",
                            id,
                            "Queue: " + q,
                            "Position: " + (i + 1),
                            "Channel: " + c.name,
                            "Uniqueid: " + c.uniqueId,
                            "CallerIDNum: <unknown>",
                            "CallerIDName: " + c.callerName,
                            "Wait: " + (System.nanoTime() - c.created) / 1_000_000_000L,
                            "Priority: 0"));
                }
            }
        });
        return out;
    }

    /** The channels waiting in {@code queue}, head first. */
    synchronized List<String> waiting(String queue) {
        return lines.getOrDefault(queue, List.of()).stream().map(c -> c.name).toList();
    }

    /** Every channel up now. */
    synchronized List<String> channels() {
        return List.copyOf(channels.keySet());
    }

    private Channel add(String name, Map<String, String> vars, String callerName) {
        var c = new Channel(name, "1795393900." + seq.incrementAndGet(), vars, callerName);
        channels.put(name, c);
        return c;
    }

    private static String originateResponse(String idLine, boolean ok, Channel c, String context, int reason) {
        return event(
                "OriginateResponse",
                "call,all",
                c,
                idLine,
                "Response: " + (ok ? "Success" : "Failure"),
                "Channel: " + c.name,
                "Context: " + context,
                "Exten: s",
                "Reason: " + reason,
                "Uniqueid: " + c.uniqueId,
                "CallerIDNum: <unknown>",
                "CallerIDName: <unknown>");
    }

    private static String userEvent(Channel c, String callback, String result) {
        return event(
                "UserEvent", "user,all", c, "UserEvent: HotlineCallback", "Callback: " + callback, "Result: " + result);
    }

    /** An event about a channel: its snapshot (manager.c's channel state string, channelvars) then the fields. */
    private static String event(String name, String privilege, Channel c, String... fields) {
        List<String> l = new ArrayList<>(List.of("Event: " + name, "Privilege: " + privilege));
        if (!name.equals("OriginateResponse")) {
            l.add("Channel: " + c.name);
        }
        l.add("ChannelState: 6");
        l.add("ChannelStateDesc: Up");
        l.add("CallerIDNum: <unknown>");
        l.add("CallerIDName: " + (c.callerName.isEmpty() ? "<unknown>" : c.callerName));
        l.add("Uniqueid: " + c.uniqueId);
        c.vars.forEach((k, v) -> {
            if (k.startsWith("HOTLINE_")) {
                l.add("ChanVariable: " + k + "=" + v);
            }
        });
        for (String f : fields) {
            if (!f.isEmpty()) {
                l.add(f);
            }
        }
        return new AmiTranscript.Message(true, 0, l).wire();
    }

    private static String wire(String first, String id, String... lines) {
        List<String> l = new ArrayList<>();
        l.add(first);
        if (!id.isEmpty()) {
            l.add("ActionID: " + id);
        }
        for (String x : lines) {
            if (!x.isEmpty()) {
                l.add(x);
            }
        }
        return new AmiTranscript.Message(true, 0, l).wire();
    }

    /** Originate's Variable lines ({@code NAME=value}, several per line comma-separated); "__" prefixes dropped. */
    private static Map<String, String> variables(String all) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : all.split("\n")) {
            for (String kv : line.split(",")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    String k = kv.substring(0, eq).trim().replaceFirst("^_+", "");
                    out.put(k, kv.substring(eq + 1).trim());
                }
            }
        }
        return out;
    }

    private static int parse(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
