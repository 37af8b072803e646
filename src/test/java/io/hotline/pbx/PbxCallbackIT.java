package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dialplan contract of queued callbacks (docker/asterisk/extensions.conf, {@code hotline-callback-place},
 * {@code -hold}, {@code -answer}) on the real app_queue, driven over AMI as Hotline is to drive it: the placeholder,
 * placed at a waiting caller's position while that caller still waits, takes the caller's turn once the caller hangs
 * up, ahead of a caller who came later, in Asterisk's own ordering ({@code QueueStatus}); the agent who becomes
 * available gets it first, with the ticket's variables (the screen pop); the caller called back must press 1 and is
 * then bridged to that agent; no key, no bridge. Hotline itself does not place placeholders yet (no callback is
 * offered on Asterisk calls): this checks the PBX side it will use.
 */
// uses a lab queue with no members: one such class at a time
@org.junit.jupiter.api.parallel.ResourceLock("lab-queue-agents")
@DisplayName("Callback placeholder on a real app_queue")
class PbxCallbackIT {
    private static final String QUEUE = "recharge";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String AGENT = "Local/agent7@agents";
    private final List<String> hangUp = new ArrayList<>();
    private final List<Map<String, String>> events = new CopyOnWriteArrayList<>();
    private final Consumer<Map<String, String>> listener = events::add;

    @BeforeEach
    void listen() {
        Lab.listen(listener);
    }

    @AfterEach
    void cleanUp() {
        Lab.unlisten(listener);
        Lab.ami().action("QueueRemove", Map.of("Queue", QUEUE, "Interface", AGENT));
        for (String channel : hangUp) {
            Lab.ami().action("Hangup", Map.of("Channel", channel));
        }
        await("the queue empty again").atMost(WAIT).until(() -> entries().isEmpty());
    }

    private Map<String, String> event(String what, java.util.function.Predicate<Map<String, String>> which) {
        return await(what)
                .atMost(WAIT)
                .until(() -> events.stream().filter(which).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /**
     * AMI Originate (async) of {@code channel}, its other half sent to {@code context},s,1 once it answers (given up
     * after {@code ringFor}), with {@code variables} ({@code NAME=value}).
     */
    private static void originate(
            String channel, String context, Duration ringFor, String callerId, String... variables) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Channel", channel);
        fields.put("Context", context);
        fields.put("Exten", "s");
        fields.put("Priority", "1");
        fields.put("Timeout", Long.toString(ringFor.toMillis()));
        fields.put("CallerID", callerId);
        if (variables.length > 0) {
            fields.put("Variable", String.join("\n", variables));
        }
        fields.put("Async", "true");
        assertThat(Lab.ami().action("Originate", fields).get("Response")).isEqualTo("Success");
    }

    /** Calls {@code number} back for {@code callback}, to be bridged to {@code peer}; the called phone's channel. */
    private String callBack(String callback, String number, String peer) {
        originate(
                "Local/" + number + "@hotline-test-callback",
                "hotline-callback-answer",
                Duration.ofSeconds(20),
                "\"Hotline\" <100>",
                "HOTLINE_CALLBACK=" + callback,
                "HOTLINE_PEER=" + peer,
                "HOTLINE_CALLBACK_PROMPT=beep");
        String phone = event(
                        "the phone of " + callback + " rung",
                        e -> "Newchannel".equals(e.get("Event"))
                                && e.getOrDefault("Channel", "")
                                        .startsWith("Local/" + number + "@hotline-test-callback-")
                                && e.get("Channel").endsWith(";2"))
                .get("Channel");
        hangUp.add(phone);
        return phone;
    }

    private Map<String, String> result(String callback) {
        return event(
                "the result of " + callback,
                e -> "UserEvent".equals(e.get("Event"))
                        && "HotlineCallback".equals(e.get("UserEvent"))
                        && callback.equals(e.get("Callback")));
    }

    /** The queue's waiting callers as app_queue reports them to QueueStatus, in its order. */
    private static List<Map<String, String>> entries() {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> e : Lab.ami().list("QueueStatus", Map.of("Queue", QUEUE), "QueueStatusComplete")) {
            if ("QueueEntry".equals(e.get("Event"))) {
                out.add(e);
            }
        }
        out.sort((a, b) -> Integer.compare(Integer.parseInt(a.get("Position")), Integer.parseInt(b.get("Position"))));
        return out;
    }

    private static List<String> order() {
        return entries().stream().map(e -> e.get("CallerIDName")).toList();
    }

    /** A caller straight into the queue (the lab's test caller listening on the other half). */
    private static void caller(String name, String number) {
        // Queue() does not answer: the caller's Originate waits as long as the caller may wait (the queue's 2 minutes)
        originate(
                "Local/" + QUEUE + "@hotline-test-queue/n",
                "hotline-test-caller",
                Duration.ofMinutes(2),
                "\"" + name + "\" <" + number + ">");
    }

    private static String channelOf(String name) {
        return entries().stream()
                .filter(e -> name.equals(e.get("CallerIDName")))
                .map(e -> e.get("Channel"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName("placed at caller A's position while A waits, the placeholder keeps A's turn ahead of B after A"
            + " hangs up, and holds the ticket's variables")
    void placeholderKeepsThePlace() {
        assertThat(entries()).isEmpty();
        caller("Caller A", "13800138001");
        await("A waiting").atMost(WAIT).until(() -> order().equals(List.of("Caller A")));
        caller("Caller B", "13800138002");
        await("A then B waiting").atMost(WAIT).until(() -> order().equals(List.of("Caller A", "Caller B")));
        String a = channelOf("Caller A");
        hangUp.add(channelOf("Caller B"));
        String position = entries().stream()
                .filter(e -> a.equals(e.get("Channel")))
                .map(e -> e.get("Position"))
                .findFirst()
                .orElseThrow();

        originate(
                "Local/" + QUEUE + "@hotline-callback-place",
                "hotline-callback-hold",
                Duration.ofSeconds(20),
                "\"Callback CB-7\" <13800138001>",
                "HOTLINE_CALLBACK=CB-7",
                "HOTLINE_POSITION=" + position,
                "QUEUE_PRIO=0",
                "__HOTLINE_TICKET=T-1001",
                "__HOTLINE_QUEUE=" + QUEUE);
        await("the placeholder at A's place, A still waiting")
                .atMost(WAIT)
                .until(() -> order().equals(List.of("Callback CB-7", "Caller A", "Caller B")));
        String placeholder = channelOf("Callback CB-7");
        hangUp.add(placeholder);
        assertThat(placeholder)
                .startsWith("Local/" + QUEUE + "@hotline-callback-place-")
                .endsWith(";2");

        // only now is A let go: the placeholder has A's turn, ahead of B
        Lab.ami().action("Hangup", Map.of("Channel", a));
        await("the placeholder ahead of B")
                .atMost(WAIT)
                .until(() -> order().equals(List.of("Callback CB-7", "Caller B")));
        assertThat(entries().getFirst().get("Position")).isEqualTo("1");

        // the agent's channel inherits these from the placeholder, as from a caller: the screen pop
        Map<String, String> ticket =
                Lab.ami().action("Getvar", Map.of("Channel", placeholder, "Variable", "HOTLINE_TICKET"));
        assertThat(ticket.get("Value")).isEqualTo("T-1001");
        Map<String, String> ref =
                Lab.ami().action("Getvar", Map.of("Channel", placeholder, "Variable", "HOTLINE_CALLBACK"));
        assertThat(ref.get("Value")).isEqualTo("CB-7");

        // an agent becomes available: app_queue gives them the placeholder first, not B
        assertThat(Lab.ami()
                        .action("QueueAdd", Map.of("Queue", QUEUE, "Interface", AGENT))
                        .get("Response"))
                .isEqualTo("Success");
        Map<String, String> connect = event(
                "the agent connected", e -> "AgentConnect".equals(e.get("Event")) && QUEUE.equals(e.get("Queue")));
        assertThat(connect.get("Channel")).isEqualTo(placeholder);
        assertThat(connect.get("Interface")).isEqualTo(AGENT);
        assertThat(connect.get("ChanVariable.HOTLINE_TICKET")).isEqualTo("T-1001");
        assertThat(order()).containsExactly("Caller B");

        // A is called back: asked to press 1 (nothing happens before), then bridged to the placeholder's other half
        String hold = placeholder.substring(0, placeholder.length() - 1) + "1";
        String phone = callBack("CB-7", "13800138001", hold);
        event(
                "A asked to press 1",
                e -> "Newexten".equals(e.get("Event"))
                        && "hotline-callback-answer".equals(e.get("Context"))
                        && "Read".equals(e.get("Application")));
        assertThat(events).noneMatch(e -> "UserEvent".equals(e.get("Event")));
        Lab.ami().fire("PlayDTMF", Map.of("Channel", phone, "Digit", "1", "Duration", "120"));
        assertThat(result("CB-7").get("Result")).isEqualTo("connected");
        String answering = phone.substring(0, phone.length() - 1) + "1";
        String bridge = event(
                        "A in a bridge",
                        e -> "BridgeEnter".equals(e.get("Event")) && answering.equals(e.get("Channel")))
                .get("BridgeUniqueid");
        event(
                "the placeholder's other half in A's bridge",
                e -> "BridgeEnter".equals(e.get("Event"))
                        && hold.equals(e.get("Channel"))
                        && bridge.equals(e.get("BridgeUniqueid")));
    }

    @Test
    @DisplayName("a call back answered without 1 pressed (an answering machine) is never bridged: no-key")
    void noKeyNoBridge() {
        String phone = callBack("CB-8", "13800138003", "Local/nothing-here");
        assertThat(result("CB-8").get("Result")).isEqualTo("no-key");
        assertThat(events)
                .noneMatch(e -> "BridgeEnter".equals(e.get("Event"))
                        && e.getOrDefault("Channel", "").startsWith(phone.substring(0, phone.length() - 2)));
    }
}
