package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dialplan contract of a queued callback's placeholder (docker/asterisk/extensions.conf,
 * {@code hotline-callback-place}) on the real app_queue: placed at a waiting caller's position while that caller
 * still waits, it takes the caller's turn once the caller hangs up, ahead of a caller who came later, in Asterisk's
 * own ordering ({@code QueueStatus}), and carries the ticket's variables for the agent's screen pop. Hotline itself
 * does not place placeholders yet (no callback is offered on Asterisk calls): this checks the PBX side it will use.
 */
// uses a lab queue with no members: one such class at a time
@org.junit.jupiter.api.parallel.ResourceLock("lab-queue-agents")
@DisplayName("Callback placeholder on a real app_queue")
class PbxCallbackIT {
    private static final String QUEUE = "recharge";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final List<String> hangUp = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String channel : hangUp) {
            Lab.ami().action("Hangup", Map.of("Channel", channel));
        }
        await("the queue empty again").atMost(WAIT).until(() -> entries().isEmpty());
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
        Map<String, String> r = Lab.ami()
                .action(
                        "Originate",
                        new LinkedHashMap<>(Map.of(
                                "Channel", "Local/" + QUEUE + "@hotline-test-queue/n",
                                "Context", "hotline-test-caller",
                                "Exten", "s",
                                "Priority", "1",
                                "CallerID", "\"" + name + "\" <" + number + ">",
                                "Async", "true")));
        assertThat(r.get("Response")).isEqualTo("Success");
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

        Map<String, String> r = Lab.ami()
                .action(
                        "Originate",
                        new LinkedHashMap<>(Map.of(
                                "Channel", "Local/" + QUEUE + "@hotline-callback-place",
                                "Context", "hotline-callback-hold",
                                "Exten", "s",
                                "Priority", "1",
                                "CallerID", "\"Callback CB-7\" <13800138001>",
                                "Variable",
                                        String.join(
                                                "\n",
                                                "HOTLINE_CALLBACK=CB-7",
                                                "HOTLINE_POSITION=" + position,
                                                "QUEUE_PRIO=0",
                                                "__HOTLINE_TICKET=T-1001",
                                                "__HOTLINE_QUEUE=" + QUEUE),
                                "Async", "true")));
        assertThat(r.get("Response")).isEqualTo("Success");
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
    }
}
