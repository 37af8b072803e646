package io.hotline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.emulator.ami.AmiEmulator;
import io.hotline.emulator.ami.CalledPhone;
import io.hotline.telephony.queue.CallbackLine;
import io.hotline.telephony.queue.LinkStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Queued callbacks over AMI (placeholder, agent, call back) against the AMI emulator")
class AmiCallbackLineIT {
    private static final String QUEUE = "recharge";
    private static final String AGENT = "Local/agent1@agents";
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private final List<String> dialed = new CopyOnWriteArrayList<>();
    private AmiEmulator pbx;
    private AmiLink link;
    private AmiCallbackLine line;

    @BeforeEach
    void start() throws Exception {
        pbx = new AmiEmulator("hotline", "s3cret");
        var config = new AmiConfig(
                "127.0.0.1",
                pbx.port(),
                "hotline",
                "s3cret",
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                Duration.ofSeconds(3));
        link = new AmiLink(config, e -> {}, s -> {}, Clock.systemUTC());
        line = new AmiCallbackLine(
                link, new AmiCallbackDial("PJSIP/{number}@trunk", "\"Hotline\" <95000>", "beep"), Clock.systemUTC());
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
        await("connected and synced")
                .atMost(Duration.ofSeconds(10))
                .until(() -> line.held().isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        line.close();
        link.close();
        pbx.close();
    }

    private static CallbackLine.Placeholder placeholder(String ref, Instant placedAt) {
        return new CallbackLine.Placeholder(
                ref, QUEUE, 0, placedAt, Map.of("__HOTLINE_TICKET", "T-" + ref, "__HOTLINE_CALLBACK", ref));
    }

    private void placed(String... refs) {
        await("placeholders " + List.of(refs) + " in the queue")
                .atMost(Duration.ofSeconds(10))
                .until(() -> pbx.waiting(QUEUE).size() == refs.length
                        && line.held().orElse(Set.of()).containsAll(List.of(refs)));
    }

    private static void awaitSeen(String what, List<String> seen, String expected) {
        await(what).atMost(Duration.ofSeconds(10)).until(() -> seen.contains(expected));
    }

    @Test
    @DisplayName("a placeholder of an earlier caller joins ahead of a later one (app_queue's position), by Originate")
    void keepsThePlace() {
        line.hold(placeholder("CB-2", Instant.now()));
        placed("CB-2");
        line.hold(placeholder("CB-2", Instant.now())); // the desk's next round: nothing twice
        line.hold(placeholder("CB-1", Instant.now().minus(Duration.ofHours(1))));
        placed("CB-1", "CB-2");
        List<String> order = pbx.waiting(QUEUE);
        assertThat(order).hasSize(2);
        assertThat(order.getFirst())
                .startsWith("Local/recharge@hotline-callback-place-")
                .endsWith(";2");
        assertThat(pbx.actions()).filteredOn("Originate"::equals).hasSize(2);
        // CB-1 (an hour earlier) took the head
        assertThat(pbx.agentConnects(QUEUE, AGENT)).isTrue();
        awaitSeen("the agent took CB-1", taken, "CB-1 " + AGENT);
    }

    @Test
    @DisplayName("an agent takes the placeholder; the caller called back presses 1: connected, no longer held")
    void connected() {
        line.hold(placeholder("CB-7", Instant.now()));
        placed("CB-7");
        pbx.phones(ch -> ch.equals("PJSIP/13800138001@trunk") ? CalledPhone.PRESSES_1 : CalledPhone.NO_ANSWER);
        pbx.agentConnects(QUEUE, AGENT);
        awaitSeen("taken", taken, "CB-7 " + AGENT);
        line.dial("CB-7", "13800138001", Duration.ofSeconds(30));
        awaitSeen("connected", dialed, "CB-7 connected");
        assertThat(line.held()).contains(Set.of());
        assertThat(pbx.channels()).anyMatch(c -> c.startsWith("PJSIP/13800138001@trunk-"));
    }

    @Test
    @DisplayName("no answer, busy, no key and hanging up map to the desk's outcomes; the placeholder is released")
    void failures() {
        Map<String, CalledPhone> phones = Map.of(
                "PJSIP/13800138001@trunk", CalledPhone.NO_ANSWER,
                "PJSIP/13800138002@trunk", CalledPhone.BUSY,
                "PJSIP/13800138003@trunk", CalledPhone.NO_KEY,
                "PJSIP/13800138004@trunk", CalledPhone.HANGS_UP);
        pbx.phones(ch -> phones.getOrDefault(ch, CalledPhone.NO_ANSWER));
        line.hold(placeholder("CB-9", Instant.now()));
        placed("CB-9");
        pbx.agentConnects(QUEUE, AGENT);
        awaitSeen("taken", taken, "CB-9 " + AGENT);
        line.dial("CB-9", "13800138001", Duration.ofSeconds(30));
        awaitSeen("no answer", dialed, "CB-9 no-answer");
        line.dial("CB-9", "13800138002", Duration.ofSeconds(30));
        awaitSeen("busy", dialed, "CB-9 busy");
        line.dial("CB-9", "13800138003", Duration.ofSeconds(30));
        awaitSeen("no key", dialed, "CB-9 no-key");
        line.dial("CB-9", "13800138004", Duration.ofSeconds(30));
        await("hung up without a key: no-key again")
                .atMost(Duration.ofSeconds(10))
                .until(() -> java.util.Collections.frequency(dialed, "CB-9 no-key") == 2);
        line.release("CB-9");
        await("the placeholder hung up")
                .atMost(Duration.ofSeconds(10))
                .until(() -> pbx.channels().stream().noneMatch(c -> c.contains("hotline-callback-place")));
        assertThat(line.held()).contains(Set.of());
        line.dial("CB-9", "13800138001", Duration.ofSeconds(30));
        awaitSeen("no placeholder: failed", dialed, "CB-9 failed");
    }

    @Test
    @DisplayName("a released placeholder leaves the queue (Hangup of its Local pair)")
    void release() {
        line.hold(placeholder("CB-3", Instant.now()));
        placed("CB-3");
        line.release("CB-3");
        await("the queue empty")
                .atMost(Duration.ofSeconds(10))
                .until(() -> pbx.waiting(QUEUE).isEmpty());
        assertThat(pbx.channels()).isEmpty();
        assertThat(line.held()).contains(Set.of());
    }

    @Test
    @DisplayName("after a reconnect, Status finds the placeholders still up: held again, none placed twice")
    void reconnect() {
        line.hold(placeholder("CB-4", Instant.now()));
        placed("CB-4");
        pbx.dropClients();
        await("the link back, the placeholder re-read")
                .atMost(Duration.ofSeconds(10))
                .until(() -> pbx.logins() >= 2
                        && link.status().state() == LinkStatus.State.CONNECTED
                        && line.held().equals(Optional.of(Set.of("CB-4"))));
        assertThat(pbx.actions()).contains("Status");
        line.hold(placeholder("CB-4", Instant.now()));
        assertThat(pbx.actions()).filteredOn("Originate"::equals).hasSize(1);
        assertThat(pbx.waiting(QUEUE)).hasSize(1);
    }
}
