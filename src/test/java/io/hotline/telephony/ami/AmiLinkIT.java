package io.hotline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.telephony.queue.MemberState;
import io.hotline.telephony.queue.QueueEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("The AMI link against a fake Asterisk speaking the recorded transcripts")
class AmiLinkIT {
    private static final String SECRET = "s3cret-ami-pass";
    private final BlockingQueue<QueueEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<LinkStatus> states = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private AmiLink link(FakeAmi fake, String secret) {
        var config = new AmiConfig(
                "127.0.0.1",
                fake.port(),
                "hotline",
                secret,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                Duration.ofSeconds(3));
        var link = new AmiLink(config, events::add, states::add, Clock.systemUTC());
        toClose.add(link);
        link.start();
        return link;
    }

    private FakeAmi fake(String transcript) throws Exception {
        var fake = new FakeAmi(AmiTranscript.load(transcript), "hotline", SECRET);
        toClose.add(fake);
        return fake;
    }

    @SuppressWarnings("unchecked")
    private <T extends QueueEvent> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            QueueEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return (T) e;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
    }

    private LinkStatus awaitState(Predicate<LinkStatus> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            LinkStatus s = states.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && p.test(s)) {
                return s;
            }
        }
        throw new AssertionError("link state not reached within 10 s");
    }

    @Test
    @DisplayName("logs in, reads the queues with QueueStatus and reports itself connected")
    void logsInAndResyncs() throws Exception {
        FakeAmi fake = fake("ami-queue.txt");
        link(fake, SECRET);
        awaitState(s -> s.state() == LinkStatus.State.CONNECTED);
        var snapshot = next(QueueEvent.QueueSnapshot.class);
        assertThat(snapshot.queue()).isEqualTo("fraud");
        assertThat(snapshot.callers()).isEmpty();
        assertThat(snapshot.members()).singleElement().satisfies(m -> {
            assertThat(m.agentInterface()).isEqualTo("Local/agent1@agents");
            assertThat(m.name()).isEqualTo("Agent Fraud 1");
            assertThat(m.state()).isEqualTo(MemberState.NOT_IN_USE);
        });
    }

    @Test
    @DisplayName(
            "a queued call answered by an agent becomes joined, called, left, connected and completed, with the ticket")
    void answeredCall() throws Exception {
        FakeAmi fake = fake("ami-queue.txt");
        var recorded = AmiTranscript.load("ami-queue.txt");
        link(fake, SECRET);
        next(QueueEvent.QueueSnapshot.class);
        fake.emit(recorded.unsolicitedEvents().toArray(AmiTranscript.Message[]::new));

        var joined = next(QueueEvent.CallerJoined.class);
        assertThat(joined.queue()).isEqualTo("fraud");
        assertThat(joined.position()).isEqualTo(1);
        assertThat(joined.call().ticket()).isEqualTo("T-1");
        assertThat(joined.call().variable("HOTLINE_ACCOUNT")).isEqualTo("13800138000");
        assertThat(joined.call().callerMasked()).isEqualTo("*******8000");
        assertThat(joined.call().channel()).isEqualTo("Local/100@hotline-00000007;2");

        var called = next(QueueEvent.AgentCalled.class);
        assertThat(called.agentInterface()).isEqualTo("Local/agent1@agents");
        assertThat(called.call().ticket()).isEqualTo("T-1");

        var ringing = next(QueueEvent.MemberChanged.class);
        assertThat(ringing.member().state()).isEqualTo(MemberState.IN_USE);

        var left = next(QueueEvent.CallerLeft.class);
        assertThat(left.call().ticket()).isEqualTo("T-1");

        var connected = next(QueueEvent.AgentConnected.class);
        assertThat(connected.agentInterface()).isEqualTo("Local/agent1@agents");
        assertThat(connected.memberName()).isEqualTo("Agent Fraud 1");
        assertThat(connected.call().ticket()).isEqualTo("T-1");
        assertThat(connected.holdSeconds()).isEqualTo(2);

        var completed = next(QueueEvent.AgentCompleted.class);
        assertThat(completed.reason()).isEqualTo("agent");
        assertThat(completed.talkSeconds()).isEqualTo(4);
    }

    @Test
    @DisplayName("a caller who hangs up while waiting is reported as abandoned, then left")
    void abandonedCall() throws Exception {
        FakeAmi fake = fake("ami-queue-abandon.txt");
        var recorded = AmiTranscript.load("ami-queue-abandon.txt");
        link(fake, SECRET);
        next(QueueEvent.QueueSnapshot.class);
        fake.emit(recorded.unsolicitedEvents().toArray(AmiTranscript.Message[]::new));

        next(QueueEvent.CallerJoined.class);
        var abandoned = next(QueueEvent.CallerAbandoned.class);
        assertThat(abandoned.call().ticket()).isEqualTo("T-1");
        assertThat(abandoned.holdSeconds()).isEqualTo(6);
        assertThat(abandoned.originalPosition()).isEqualTo(1);
        next(QueueEvent.CallerLeft.class);
    }

    @Test
    @DisplayName("after the connection drops it reconnects and re-reads the waiting callers with their tickets")
    void reconnectsAndResyncs() throws Exception {
        FakeAmi fake = fake("ami-queue.txt");
        link(fake, SECRET);
        awaitState(s -> s.state() == LinkStatus.State.CONNECTED);
        next(QueueEvent.QueueSnapshot.class);

        fake.answerQueueStatusWith("qstat-2");
        fake.setVariable("Local/100@hotline-00000007;2", "HOTLINE_TICKET", "T-1");
        fake.dropClients();
        awaitState(s -> s.state() == LinkStatus.State.DISCONNECTED);
        awaitState(s -> s.state() == LinkStatus.State.CONNECTED);

        var snapshot = next(QueueEvent.QueueSnapshot.class);
        assertThat(fake.logins()).isEqualTo(2);
        assertThat(snapshot.callers()).singleElement().satisfies(w -> {
            assertThat(w.call().ticket()).isEqualTo("T-1");
            assertThat(w.call().callerMasked()).isEqualTo("*******8000");
            assertThat(w.position()).isEqualTo(1);
        });
        assertThat(snapshot.members())
                .singleElement()
                .satisfies(m -> assertThat(m.state()).isEqualTo(MemberState.IN_USE));
    }

    @Test
    @DisplayName("a wrong secret is reported as an authentication failure, retried, and never logged")
    void wrongSecret() throws Exception {
        FakeAmi fake = fake("ami-queue.txt");
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        try {
            var link = link(fake, "wrong-" + SECRET);
            var s = awaitState(x -> x.detail().contains("authentication failed"));
            assertThat(s.state()).isEqualTo(LinkStatus.State.DISCONNECTED);
            await("a second login attempt")
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> fake.actions().stream()
                                    .filter("Login"::equalsIgnoreCase)
                                    .count()
                            >= 2);
            assertThat(link.status().state()).isNotEqualTo(LinkStatus.State.CONNECTED);
        } finally {
            root.detachAppender(appender);
        }
        assertThat(appender.list).noneMatch(e -> e.getFormattedMessage().contains(SECRET));
    }

    @Test
    @DisplayName("hold parks the caller with the agent's leg as timeout channel; resume takes them back to that leg")
    void holdAndResume() throws Exception {
        FakeAmi fake = fake("ami-queue.txt");
        var link = link(fake, SECRET);
        awaitState(s -> s.state() == LinkStatus.State.CONNECTED);
        String caller = "Local/100@hotline-00000007;2";
        String agent = "Local/agent1@agents-00000009;1";
        fake.bridge(caller, agent);
        var calls = new AmiCalls(link);

        assertThat(calls.resume(caller)).as("not on hold: nothing to resume").isFalse();
        assertThat(calls.hold(caller)).isTrue();
        assertThat(fake.parked(caller)).isTrue();
        assertThat(fake.variable(caller, "BLINDTRANSFER")).isEqualTo(agent);
        await("res_parking's ParkedCall event read")
                .atMost(Duration.ofSeconds(10))
                .until(() -> link.parkingSpace(caller).isPresent());
        assertThat(link.parkingSpace(caller)).contains("701");

        // as from another console node (or after a restart): the leg is read from the caller's BLINDTRANSFER
        assertThat(new AmiCalls(link).resume(caller)).isTrue();
        // back with the same agent, and nothing left for app_queue to take for a transfer of the caller
        assertThat(fake.variable(caller, "BRIDGEPEER")).isEqualTo(agent);
        assertThat(fake.parked(caller)).isFalse();
        await("UnParkedCall read")
                .atMost(Duration.ofSeconds(10))
                .until(() -> link.parkingSpace(caller).isEmpty());
        assertThat(fake.variable(caller, "BLINDTRANSFER")).isEmpty();
        assertThat(fake.variable(agent, "BLINDTRANSFER")).isEqualTo("hotline-hold");
        assertThat(fake.actions().stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)))
                .containsSubsequence("getvar", "park", "getvar", "setvar", "setvar", "redirect");

        assertThat(calls.hold("Local/nobody@hotline-00000001;2"))
                .as("a channel that is not bridged")
                .isFalse();
    }
}
