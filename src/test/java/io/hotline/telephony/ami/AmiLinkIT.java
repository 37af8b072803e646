package io.hotline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hotline.emulator.ami.AmiEmulator;
import io.hotline.emulator.ami.AmiTranscript;
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

    private AmiLink link(AmiEmulator fake, String secret) {
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

    private AmiEmulator fake(String transcript) throws Exception {
        var fake = new AmiEmulator(AmiTranscript.load(transcript), "hotline", SECRET);
        toClose.add(fake);
        return fake;
    }

    /** The next event of this type, skipping (and dropping) the others. */
    private <T extends QueueEvent> T next(Class<T> type) {
        return type.cast(taking(events, type::isInstance, "a " + type.getSimpleName()));
    }

    private LinkStatus awaitState(Predicate<LinkStatus> p) {
        return taking(states, p, "the link state");
    }

    /** Takes from the queue until an item matches, waiting on the queue itself between items. */
    private static <T> T taking(BlockingQueue<T> queue, Predicate<? super T> p, String what) {
        return await(what)
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> queue.poll(100, TimeUnit.MILLISECONDS), e -> e != null && p.test(e));
    }

    @Test
    @DisplayName("logs in, reads the queues with QueueStatus and reports itself connected")
    void logsInAndResyncs() throws Exception {
        AmiEmulator fake = fake("ami-queue.txt");
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
        AmiEmulator fake = fake("ami-queue.txt");
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
        AmiEmulator fake = fake("ami-queue-abandon.txt");
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
        AmiEmulator fake = fake("ami-queue.txt");
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
        AmiEmulator fake = fake("ami-queue.txt");
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
}
