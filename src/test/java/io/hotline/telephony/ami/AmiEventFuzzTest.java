package io.hotline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hotline.telephony.queue.QueueEvent;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerReaderImpl;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * What an AMI peer sends, as arbitrary lines, through asterisk-java's own reader (the code that turns
 * AMI lines into events on the live link) and then our {@link AmiTranslator}: translating never throws,
 * and what it produces carries masked caller numbers and only {@code HOTLINE_*} variables. Seeds:
 * {@code src/test/resources/io/hotline/telephony/ami/AmiEventFuzzTestInputs/}.
 */
class AmiEventFuzzTest {
    private static final String[] EVENTS = {
        "QueueCallerJoin",
        "QueueCallerLeave",
        "QueueCallerAbandon",
        "AgentCalled",
        "AgentConnect",
        "AgentComplete",
        "AgentRingNoAnswer",
        "QueueMemberStatus",
        "QueueParams",
        "QueueEntry",
        "QueueMember",
        "Newchannel",
        "Hangup",
        "FullyBooted",
        "Nonsense"
    };
    private static final String[] KEYS = {
        "Queue",
        "Position",
        "Count",
        "Channel",
        "Uniqueid",
        "Linkedid",
        "CallerIDNum",
        "CallerIDName",
        "ConnectedLineNum",
        "Interface",
        "MemberName",
        "StateInterface",
        "Status",
        "Paused",
        "HoldTime",
        "TalkTime",
        "Reason",
        "OriginalPosition",
        "RingTime",
        "Penalty",
        "CallsTaken",
        "LastCall",
        "InCall",
        "DestChannel",
        "DestCallerIDNum",
        "DestUniqueid",
        "Privilege"
    };
    private static final String[] VARIABLES = {
        "HOTLINE_TICKET",
        "__HOTLINE_TICKET",
        "HOTLINE_ACCOUNT",
        "HOTLINE_QUEUE",
        "HOTLINE_PRIORITY",
        "hotline_verified",
        "OTHER",
        ""
    };

    private final AmiTranslator translator = new AmiTranslator(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "pbx");

    @FuzzTest(maxDuration = "2m")
    void eventLines(FuzzedDataProvider data) throws Exception {
        Deque<String> lines = new ArrayDeque<>();
        lines.add("Asterisk Call Manager/9.0.0");
        int events = data.consumeInt(1, 6);
        for (int e = 0; e < events && data.remainingBytes() > 0; e++) {
            lines.add("Event: " + (data.consumeBoolean() ? data.pickValue(EVENTS) : data.consumeString(20)));
            int fields = data.consumeInt(0, 14);
            for (int f = 0; f < fields && data.remainingBytes() > 0; f++) {
                switch (data.consumeInt(0, 3)) {
                    case 0 -> lines.add(data.pickValue(KEYS) + ": " + data.consumeString(30));
                    case 1 -> lines.add("ChanVariable: " + data.pickValue(VARIABLES) + "=" + data.consumeString(20));
                    case 2 -> lines.add(data.pickValue(KEYS) + ": " + data.consumeLong());
                    default -> lines.add(data.consumeString(40));
                }
            }
            lines.add("");
        }
        List<ManagerEvent> built = read(lines);
        for (ManagerEvent event : built) {
            var out = translator.translate(event);
            out.ifPresent(AmiEventFuzzTest::wellFormed);
            assertThat(translator.translate(event))
                    .as("translating is deterministic")
                    .isEqualTo(out);
        }
    }

    private static void wellFormed(QueueEvent e) {
        // what one node sends another (io.hotline.cluster) reads back as the same event
        assertThat(io.hotline.cluster.QueueEventJson.decode(io.hotline.cluster.QueueEventJson.encode(e)))
                .contains(e);
        switch (e) {
            case QueueEvent.CallerJoined j -> callOk(j.call());
            case QueueEvent.CallerLeft l -> callOk(l.call());
            case QueueEvent.CallerAbandoned a -> callOk(a.call());
            case QueueEvent.AgentCalled c -> callOk(c.call());
            case QueueEvent.AgentConnected c -> callOk(c.call());
            case QueueEvent.AgentCompleted c -> callOk(c.call());
            case QueueEvent.AgentRingNoAnswer r -> callOk(r.call());
            default -> {}
        }
    }

    private static void callOk(io.hotline.telephony.queue.QueuedCall call) {
        assertThat(call.callerMasked()).doesNotContainPattern("[0-9]{5,}");
        assertThat(call.variables().keySet()).allSatisfy(k -> assertThat(k).startsWith("HOTLINE_"));
    }

    /** Runs asterisk-java's reader over the lines and collects the events it dispatches. */
    static List<ManagerEvent> read(Deque<String> lines) throws Exception {
        List<ManagerEvent> events = new ArrayList<>();
        Class<?> dispatcherType = Class.forName("org.asteriskjava.manager.internal.Dispatcher");
        Object dispatcher = Proxy.newProxyInstance(
                dispatcherType.getClassLoader(), new Class<?>[] {dispatcherType}, (proxy, method, args) -> {
                    if (method.getName().equals("dispatchEvent") && args[0] instanceof ManagerEvent me) {
                        events.add(me);
                    }
                    return null;
                });
        var reader = (ManagerReaderImpl) ManagerReaderImpl.class.getConstructors()[0].newInstance(dispatcher, "fuzz");
        reader.setSocket(new LinesSocket(lines));
        reader.run();
        return events;
    }

    /** A socket that yields the given lines, then the end of the stream. */
    private record LinesSocket(Deque<String> lines) implements SocketConnectionFacade {
        @Override
        public String readLine() {
            return lines.pollFirst();
        }

        @Override
        public void write(String s) {}

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public InetAddress getLocalAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public int getLocalPort() {
            return 0;
        }

        @Override
        public InetAddress getRemoteAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public int getRemotePort() {
            return 5038;
        }
    }
}
