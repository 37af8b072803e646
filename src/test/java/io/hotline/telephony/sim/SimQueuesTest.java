package io.hotline.telephony.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.CallInfo;
import io.hotline.call.QueueHandoff;
import io.hotline.telephony.queue.MemberState;
import io.hotline.telephony.queue.QueueEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The simulated queues")
class SimQueuesTest {
    private final BlockingQueue<QueueEvent> events = new LinkedBlockingQueue<>();
    // Rings here never time out while a test answers them, however slow the machine: only ringNoAnswer
    // has a short ring, and it waits for the ring-no-answer event rather than for a time.
    private final SimQueues queues = new SimQueues(events::add, Clock.systemUTC(), Duration.ofMinutes(10));

    @AfterEach
    void close() {
        queues.close();
    }

    private static SimCall.SimHandoff handoff(String id, String queue, int priority) {
        return new SimCall.SimHandoff(
                new CallInfo(id, "13800138000", "", "en", "main", "sim", Map.of()),
                new QueueHandoff(queue, priority, "T-" + id, "fraud", "", false, "", ""));
    }

    private List<QueueEvent> drainCallEvents() {
        List<QueueEvent> out = new java.util.ArrayList<>();
        events.drainTo(out);
        out.removeIf(e -> e instanceof QueueEvent.MemberChanged);
        return out;
    }

    @Test
    @DisplayName(
            "publishes app_queue's order: joined, agent called, left, connected, completed; with the ticket and masked caller")
    void answeredCall() {
        queues.agentReady(new SimQueues.SimAgent("Sim/alice", "Alice", Set.of("fraud")));
        queues.accept(handoff("c1", "fraud", 9));
        assertThat(queues.answer("Sim/alice", "c1")).isTrue();
        assertThat(queues.agentHangsUp("Sim/alice", "c1")).isTrue();
        List<QueueEvent> seen = drainCallEvents();
        assertThat(seen)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("CallerJoined", "AgentCalled", "CallerLeft", "AgentConnected", "AgentCompleted");
        var joined = (QueueEvent.CallerJoined) seen.getFirst();
        assertThat(joined.call().ticket()).isEqualTo("T-c1");
        assertThat(joined.call().callerMasked()).isEqualTo("*******8000");
        assertThat(joined.call().simulated()).isTrue();
        assertThat(((QueueEvent.AgentCalled) seen.get(1)).agentInterface()).isEqualTo("Sim/alice");
        assertThat(((QueueEvent.AgentCompleted) seen.get(4)).reason()).isEqualTo("agent");
    }

    @Test
    @DisplayName("waits for a ready agent of the queue, and only offers a call to one agent at a time")
    void waitsForAnAgent() {
        queues.accept(handoff("c1", "fraud", 0));
        queues.agentReady(new SimQueues.SimAgent("Sim/bob", "Bob", Set.of("recharge")));
        assertThat(drainCallEvents())
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("CallerJoined");
        queues.agentReady(new SimQueues.SimAgent("Sim/alice", "Alice", Set.of("fraud")));
        queues.accept(handoff("c2", "fraud", 0));
        List<QueueEvent> seen = drainCallEvents();
        assertThat(seen).extracting(e -> e.getClass().getSimpleName()).containsExactly("AgentCalled", "CallerJoined");
        assertThat(seen.getFirst().queue()).isEqualTo("fraud");
        assertThat(queues.answer("Sim/alice", "c2"))
                .as("c2 is not ringing alice")
                .isFalse();
    }

    @Test
    @DisplayName("a ring nobody answers is reported and offered again")
    void ringNoAnswer() throws Exception {
        BlockingQueue<QueueEvent> seen = new LinkedBlockingQueue<>();
        try (SimQueues shortRing = new SimQueues(seen::add, Clock.systemUTC(), Duration.ofMillis(200))) {
            shortRing.agentReady(new SimQueues.SimAgent("Sim/alice", "Alice", Set.of("fraud")));
            shortRing.accept(handoff("c1", "fraud", 0));
            List<String> names = new CopyOnWriteArrayList<>();
            while (names.stream().filter("AgentCalled"::equals).count() < 2) {
                QueueEvent e = seen.poll(30, TimeUnit.SECONDS); // waits for the next event, not for a time
                assertThat(e).as("another event after %s", names).isNotNull();
                if (!(e instanceof QueueEvent.MemberChanged)) {
                    names.add(e.getClass().getSimpleName());
                }
            }
            assertThat(names).containsSubsequence("CallerJoined", "AgentCalled", "AgentRingNoAnswer", "AgentCalled");
        }
    }

    @Test
    @DisplayName("a caller who hangs up while waiting is abandoned, then leaves; the softphone hears it ended")
    void abandoned() {
        List<SimQueues.CallerView> views = new CopyOnWriteArrayList<>();
        queues.accept(handoff("c1", "fraud", 0));
        queues.watch("c1", views::add);
        queues.callerHangsUp("c1");
        assertThat(drainCallEvents())
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("CallerJoined", "CallerAbandoned", "CallerLeft");
        assertThat(views)
                .extracting(SimQueues.CallerView::state)
                .containsExactly(SimQueues.CallerView.State.WAITING, SimQueues.CallerView.State.ENDED);
        assertThat(queues.waiting("fraud")).isZero();
    }

    @Test
    @DisplayName("agents' states follow the calls: ringing, in use, free")
    void memberStates() {
        queues.agentReady(new SimQueues.SimAgent("Sim/alice", "Alice", Set.of("fraud")));
        queues.accept(handoff("c1", "fraud", 0));
        queues.answer("Sim/alice", "c1");
        queues.agentHangsUp("Sim/alice", "c1");
        List<MemberState> states = events.stream()
                .filter(e -> e instanceof QueueEvent.MemberChanged)
                .map(e -> ((QueueEvent.MemberChanged) e).member().state())
                .toList();
        assertThat(states)
                .containsExactly(
                        MemberState.NOT_IN_USE, MemberState.RINGING, MemberState.IN_USE, MemberState.NOT_IN_USE);
    }
}
