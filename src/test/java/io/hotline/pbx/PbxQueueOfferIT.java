package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.contact.Callback;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.pbx.PbxDialer.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The in-queue callback offer on the real app_queue with the shipped dialplan and a Hotline server (FastAGI, AMI):
 * general-support's periodic announcement (every 5 s in the lab) offers the callback; a waiting caller who presses 1
 * leaves Queue() for {@code hotline-queue-exit}, Hotline asks for the number and either books the callback, whose
 * placeholder then holds the caller's old place in Asterisk's own ordering ({@code QueueStatus}), or lets the caller
 * go back, at the same place.
 */
// callers wait in a lab queue, no agent is signed in; other callers of general-support may wait too: only the order
// of this class's own callers is looked at
@org.junit.jupiter.api.parallel.ResourceLock(
        value = "lab-queue-agents",
        mode = org.junit.jupiter.api.parallel.ResourceAccessMode.READ)
@DisplayName("In-queue callback offer on a real app_queue")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.SAME_THREAD)
class PbxQueueOfferIT {
    private static final String QUEUE = "general-support";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OFFER = "hotline/en/hotline.queue-callback-offer";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Database db;
    private PbxDialer dialer;
    private final List<String> hangUp = new ArrayList<>();
    private final List<String> cancel = new ArrayList<>();
    private final List<Map<String, String>> events = new CopyOnWriteArrayList<>();
    private final Consumer<Map<String, String>> listener = events::add;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.fresh();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        dialer = new PbxDialer(
                db,
                Transport.AGI,
                Map.of(
                        "HOTLINE_NUMBER_KEY",
                        Base64.getEncoder().encodeToString(key),
                        "HOTLINE_CALLBACK_DIAL",
                        "Local/{number}@hotline-test-callback"));
        Lab.generatePrompts();
        Lab.listen(listener);
        await("callbacks can be booked (AMI up, number key)")
                .atMost(WAIT)
                .until(() -> dialer.hotline().callbacks().available());
    }

    @AfterAll
    void stop() throws Exception {
        Lab.unlisten(listener);
        try (Database closing = db) {
            if (dialer != null) {
                dialer.close();
            }
        }
    }

    @AfterEach
    void cleanUp() {
        for (String ref : cancel) {
            dialer.hotline().callbacks().cancel(ref, "test", "test over");
        }
        for (String channel : hangUp) {
            Lab.ami().action("Hangup", Map.of("Channel", channel));
        }
        cancel.clear();
        hangUp.clear();
    }

    /** A caller straight into general-support, its in-queue offer answered by the test's Hotline; its ";2" channel. */
    private String caller(String name, String number) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Channel", "Local/" + QUEUE + "@hotline-test-queue/n");
        fields.put("Context", "hotline-test-caller");
        fields.put("Exten", "s");
        fields.put("Priority", "1");
        fields.put("Timeout", Long.toString(Duration.ofMinutes(2).toMillis()));
        fields.put("CallerID", "\"" + name + "\" <" + number + ">");
        fields.put("Variable", "HOTLINE_AGI=agi://127.0.0.1:" + dialer.agiPort);
        fields.put("Async", "true");
        assertThat(Lab.ami().action("Originate", fields).get("Response")).isEqualTo("Success");
        String channel = await(name + " waiting")
                .atMost(WAIT)
                .until(
                        () -> entries().stream()
                                .filter(e -> name.equals(e.get("CallerIDName")))
                                .map(e -> e.get("Channel"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        hangUp.add(channel);
        return channel;
    }

    /** general-support's waiting callers as app_queue reports them to QueueStatus, in its order. */
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

    /** The names of the waiting callers that {@code mine} accepts, in Asterisk's order. */
    private static List<String> order(Predicate<String> mine) {
        return entries().stream()
                .map(e -> e.getOrDefault("CallerIDName", ""))
                .filter(mine)
                .toList();
    }

    private static String position(String channel) {
        return entries().stream()
                .filter(e -> channel.equals(e.get("Channel")))
                .map(e -> e.get("Position"))
                .findFirst()
                .orElse("");
    }

    /** The caller on {@code channel} (";2", waiting) hears the periodic offer, then presses 1 on its phone (";1"). */
    private void hearsOfferAndPresses1(String channel) {
        await("the periodic offer played to " + channel)
                .atMost(WAIT)
                .until(() -> Lab.asterisk().linesOf(channel).stream().anyMatch(l -> l.contains("Playing '" + OFFER)));
        press(channel, "1");
    }

    private static void press(String channel, String digit) {
        String phone = channel.substring(0, channel.length() - 1) + "1";
        Lab.ami().fire("PlayDTMF", Map.of("Channel", phone, "Digit", digit, "Duration", "120"));
    }

    /** Waits until Hotline, over FastAGI on {@code channel}, plays a prompt the caller may answer with a key. */
    private void hotlineAsksTheNumber(String channel, int after) {
        await("Hotline asking " + channel + " for the number")
                .atMost(WAIT)
                .until(() -> events.stream()
                        .skip(after)
                        .anyMatch(e -> "AGIExecStart".equals(e.get("Event"))
                                && channel.equals(e.get("Channel"))
                                && e.getOrDefault("Command", "").startsWith("STREAM FILE")
                                && e.get("Command").contains("#")));
    }

    @Test
    @DisplayName("the second of three waiting callers presses 1 at the periodic offer and confirms its number: the"
            + " callback's placeholder, with its reference, waits at that caller's place, between the other two")
    void acceptedKeepsThePlace() {
        String tag = "Take" + SEQ.incrementAndGet();
        String a = caller(tag + " A", "13800138101");
        String b = caller(tag + " B", "13800138102");
        caller(tag + " C", "13800138103");
        Predicate<String> mine = n -> n.startsWith(tag + " ") || n.startsWith("Callback ");
        await("A, B, C waiting in turn")
                .atMost(WAIT)
                .until(() -> order(mine).equals(List.of(tag + " A", tag + " B", tag + " C")));
        assertThat(Integer.parseInt(position(b))).isGreaterThan(Integer.parseInt(position(a)));

        int seen = events.size();
        hearsOfferAndPresses1(b);
        hotlineAsksTheNumber(b, seen);
        press(b, "1"); // the number this call comes from

        Callback booked = await("B's callback booked")
                .atMost(WAIT)
                .until(
                        () -> dialer.hotline().callbacks().open().stream()
                                .filter(cb -> cb.numberMasked().endsWith("8102"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        cancel.add(booked.reference());
        assertThat(booked.queue()).isEqualTo(QUEUE);
        String placeholder = "Callback " + booked.reference();
        await("the placeholder at B's place, between A and C")
                .atMost(WAIT)
                .until(() -> order(mine).equals(List.of(tag + " A", placeholder, tag + " C")));
        String channel = entries().stream()
                .filter(e -> placeholder.equals(e.get("CallerIDName")))
                .map(e -> e.get("Channel"))
                .findFirst()
                .orElseThrow();
        assertThat(channel).startsWith("Local/" + QUEUE + "@hotline-callback-place-");
        assertThat(Lab.ami()
                        .action("Getvar", Map.of("Channel", channel, "Variable", "HOTLINE_CALLBACK"))
                        .get("Value"))
                .isEqualTo(booked.reference());
        // B was told the reference and hung up by Hotline
        await("B's call ended")
                .atMost(WAIT)
                .until(() ->
                        events.stream().anyMatch(e -> "Hangup".equals(e.get("Event")) && b.equals(e.get("Channel"))));
    }

    @Test
    @DisplayName("a caller who presses 1 at the offer, then declines (# with no number), is back in the queue at the"
            + " same place, between the callers who were ahead and behind")
    void declinedBackInPlace() {
        String tag = "Back" + SEQ.incrementAndGet();
        caller(tag + " A", "13800138201");
        String b = caller(tag + " B", "13800138202");
        caller(tag + " C", "13800138203");
        Predicate<String> mine = n -> n.startsWith(tag + " ");
        await("A, B, C waiting in turn")
                .atMost(WAIT)
                .until(() -> order(mine).equals(List.of(tag + " A", tag + " B", tag + " C")));

        int seen = events.size();
        hearsOfferAndPresses1(b);
        hotlineAsksTheNumber(b, seen);
        await("B out of the queue").atMost(WAIT).until(() -> order(mine).equals(List.of(tag + " A", tag + " C")));
        press(b, "#"); // no number: nothing to call back

        await("B back between A and C")
                .atMost(WAIT)
                .until(() -> order(mine).equals(List.of(tag + " A", tag + " B", tag + " C")));
        assertThat(entries().stream().filter(e -> (tag + " B").equals(e.get("CallerIDName"))))
                .singleElement()
                .satisfies(e -> assertThat(e.get("Channel")).isEqualTo(b));
        assertThat(dialer.hotline().callbacks().open())
                .noneMatch(cb -> cb.numberMasked().endsWith("8202"));
    }
}
