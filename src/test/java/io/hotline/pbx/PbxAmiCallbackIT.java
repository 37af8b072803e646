package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.telephony.ami.AmiCallbackDial;
import io.hotline.telephony.ami.AmiCallbackLine;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.ami.AmiLink;
import io.hotline.telephony.queue.CallbackLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hotline's AMI side of queued callbacks ({@link AmiCallbackLine}) on the real app_queue with the shipped dialplan:
 * the placeholder placed by Originate at a waiting caller's position (read from QueueStatus), the agent's
 * AgentConnect recognised, the call back originated, its answer and key 1 reported as connected and bridged; a phone
 * that rings out reported as no answer (OriginateResponse reason 3).
 */
// uses a lab queue with no members and adds an agent to it: one such class at a time
@org.junit.jupiter.api.parallel.ResourceLock("lab-queue-agents")
@DisplayName("Queued callback over AMI on a real app_queue")
class PbxAmiCallbackIT {
    private static final String QUEUE = "recharge";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String AGENT = "Local/agent7@agents";
    private final List<String> hangUp = new ArrayList<>();
    private final List<Map<String, String>> events = new CopyOnWriteArrayList<>();
    private final Consumer<Map<String, String>> listener = events::add;
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private final List<String> dialed = new CopyOnWriteArrayList<>();
    private AmiLink link;
    private AmiCallbackLine line;

    @BeforeEach
    void start() {
        Lab.listen(listener);
        LabAsterisk a = Lab.asterisk();
        var config = new AmiConfig(
                "127.0.0.1",
                a.amiPort,
                "hotline",
                a.amiSecret,
                Duration.ofMillis(100),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        link = new AmiLink(config, e -> {}, s -> {}, Clock.systemUTC());
        line = new AmiCallbackLine(
                link,
                new AmiCallbackDial("Local/{number}@hotline-test-callback", "\"Hotline\" <100>", "beep"),
                Clock.systemUTC());
        line.listen(new CallbackLine.Listener() {
            @Override
            public void taken(String callback, String agentInterface) {
                taken.add(callback + " " + agentInterface);
            }

            @Override
            public void dialed(String callback, CallbackLine.DialResult result) {
                dialed.add(callback + " " + result.wire());
            }
        });
        link.start();
        await("the link up, its placeholders read")
                .atMost(WAIT)
                .until(() -> line.held().isPresent());
    }

    @AfterEach
    void cleanUp() {
        line.close();
        link.close();
        Lab.unlisten(listener);
        Lab.ami().action("QueueRemove", Map.of("Queue", QUEUE, "Interface", AGENT));
        for (String channel : hangUp) {
            Lab.ami().action("Hangup", Map.of("Channel", channel));
        }
        for (Map<String, String> e : entries()) {
            Lab.ami().action("Hangup", Map.of("Channel", e.get("Channel")));
        }
        await("the queue empty again").atMost(WAIT).until(() -> entries().isEmpty());
    }

    private static List<Map<String, String>> entries() {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> e : Lab.ami().list("QueueStatus", Map.of("Queue", QUEUE), "QueueStatusComplete")) {
            if ("QueueEntry".equals(e.get("Event"))) {
                out.add(e);
            }
        }
        out.sort((x, y) -> Integer.compare(Integer.parseInt(x.get("Position")), Integer.parseInt(y.get("Position"))));
        return out;
    }

    private static List<String> order() {
        return entries().stream().map(e -> e.get("CallerIDName")).toList();
    }

    /** A caller straight into the queue (the lab's test caller listening on the other half). */
    private static void caller(String name, String number) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Channel", "Local/" + QUEUE + "@hotline-test-queue/n");
        f.put("Context", "hotline-test-caller");
        f.put("Exten", "s");
        f.put("Priority", "1");
        f.put("Timeout", "120000");
        f.put("CallerID", "\"" + name + "\" <" + number + ">");
        f.put("Async", "true");
        assertThat(Lab.ami().action("Originate", f).get("Response")).isEqualTo("Success");
    }

    private static CallbackLine.Placeholder placeholder(String ref, Instant placedAt) {
        return new CallbackLine.Placeholder(
                ref, QUEUE, 0, placedAt, Map.of("__HOTLINE_TICKET", "T-" + ref, "__HOTLINE_QUEUE", QUEUE));
    }

    private Map<String, String> event(String what, java.util.function.Predicate<Map<String, String>> which) {
        return await(what)
                .atMost(WAIT)
                .until(() -> events.stream().filter(which).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    @Test
    @DisplayName(
            "placed in the place of a caller who joined earlier, taken by the agent first, called back: 1, bridged")
    void placedTakenConnected() {
        Instant callerJoined = Instant.now();
        caller("Caller A", "13800138001");
        await("A waiting").atMost(WAIT).until(() -> order().equals(List.of("Caller A")));
        await("A waited four seconds").atMost(WAIT).until(() -> Instant.now().isAfter(callerJoined.plusSeconds(4)));
        caller("Caller B", "13800138002");
        await("A then B").atMost(WAIT).until(() -> order().equals(List.of("Caller A", "Caller B")));

        // the callback of a caller who joined between A and B: its placeholder goes between them
        line.hold(placeholder("CB-21", callerJoined.plusSeconds(2)));
        await("the placeholder between A and B")
                .atMost(WAIT)
                .until(() -> order().equals(List.of("Caller A", "Callback CB-21", "Caller B")));
        await("held").atMost(WAIT).until(() -> line.held().equals(Optional.of(Set.of("CB-21"))));
        Lab.ami().action("Hangup", Map.of("Channel", entries().getFirst().get("Channel"))); // A is served elsewhere

        assertThat(Lab.ami()
                        .action("QueueAdd", Map.of("Queue", QUEUE, "Interface", AGENT))
                        .get("Response"))
                .isEqualTo("Success");
        await("the agent took the placeholder").atMost(WAIT).until(() -> taken.equals(List.of("CB-21 " + AGENT)));
        assertThat(order()).containsExactly("Caller B");

        line.dial("CB-21", "13800138005", Duration.ofSeconds(20));
        String phone = event(
                        "the caller's phone rung",
                        e -> "Newchannel".equals(e.get("Event"))
                                && e.getOrDefault("Channel", "").startsWith("Local/13800138005@hotline-test-callback-")
                                && e.get("Channel").endsWith(";2"))
                .get("Channel");
        hangUp.add(phone);
        event(
                "asked to press 1",
                e -> "Newexten".equals(e.get("Event"))
                        && "hotline-callback-answer".equals(e.get("Context"))
                        && "Read".equals(e.get("Application")));
        assertThat(dialed).isEmpty();
        Lab.ami().fire("PlayDTMF", Map.of("Channel", phone, "Digit", "1", "Duration", "120"));
        await("connected").atMost(WAIT).until(() -> dialed.equals(List.of("CB-21 connected")));
        String answering = phone.substring(0, phone.length() - 1) + "1";
        event(
                "the caller in a bridge",
                e -> "BridgeEnter".equals(e.get("Event")) && answering.equals(e.get("Channel")));
        assertThat(line.held()).contains(Set.of()); // connected: no longer a placeholder to keep
    }

    @Test
    @DisplayName("a phone that rings out: no answer (OriginateResponse reason 3); released, the placeholder leaves")
    void noAnswer() {
        line.hold(placeholder("CB-22", Instant.now()));
        await("the placeholder waiting").atMost(WAIT).until(() -> order().equals(List.of("Callback CB-22")));
        await("held").atMost(WAIT).until(() -> line.held().equals(Optional.of(Set.of("CB-22"))));
        Lab.ami().action("QueueAdd", Map.of("Queue", QUEUE, "Interface", AGENT));
        await("taken").atMost(WAIT).until(() -> taken.equals(List.of("CB-22 " + AGENT)));
        line.dial("CB-22", "13900139001", Duration.ofSeconds(3));
        await("no answer").atMost(WAIT).until(() -> dialed.equals(List.of("CB-22 no-answer")));
        line.release("CB-22");
        await("the placeholder gone")
                .atMost(WAIT)
                .until(() -> events.stream()
                        .anyMatch(e -> "Hangup".equals(e.get("Event"))
                                && e.getOrDefault("Channel", "")
                                        .startsWith("Local/" + QUEUE + "@hotline-callback-place-")));
    }
}
