package io.hotline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.telephony.queue.QueueEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** AMI lines as Asterisk 22's app_queue sends them, through asterisk-java's reader and our translator. */
class AmiTranslatorTest {
    private final AmiTranslator translator = new AmiTranslator(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "pbx");

    private static final String CONNECT = """
            Asterisk Call Manager/9.0.0
            Event: AgentConnect
            Privilege: agent,all
            Channel: Local/100@hotline-00000007;2
            ChannelState: 6
            CallerIDNum: 13800138000
            Uniqueid: 1795393812.15
            Linkedid: 1795393812.14
            ChanVariable: HOTLINE_TICKET=T-482915
            ChanVariable: HOTLINE_QUEUE=account
            DestChannel: Local/agent6@agents-00000008;1
            DestUniqueid: 1795393813.16
            Queue: account
            Interface: Local/agent6@agents
            MemberName: Desk B
            HoldTime: 2
            RingTime: 2

            """;

    /** The caller's channel was gone when app_queue looked it up: only the member's (Dest) lines are left. */
    private static final String COMPLETE_WITHOUT_CALLER = """
            Asterisk Call Manager/9.0.0
            Event: AgentComplete
            Privilege: agent,all
            DestChannel: Local/agent6@agents-00000008;1
            DestUniqueid: 1795393813.16
            Queue: account
            Interface: Local/agent6@agents
            MemberName: Desk B
            HoldTime: 2
            TalkTime: 9
            Reason: caller

            """;

    private Optional<QueueEvent> translate(String lines) throws Exception {
        var events = AmiEventFuzzTest.read(new ArrayDeque<>(Arrays.asList(lines.split("\n", -1)))).stream()
                .filter(e -> e instanceof AgentConnectEvent || e instanceof AgentCompleteEvent)
                .toList();
        assertThat(events).hasSize(1);
        return translator.translate(events.getFirst());
    }

    @Test
    @DisplayName(
            "an AgentComplete without the caller's channel ends the call its member was connected to, ticket and all")
    void completeWithoutTheCallersChannel() throws Exception {
        var connected = (QueueEvent.AgentConnected) translate(CONNECT).orElseThrow();
        var completed =
                (QueueEvent.AgentCompleted) translate(COMPLETE_WITHOUT_CALLER).orElseThrow();
        assertThat(completed.call().key()).isEqualTo(connected.call().key()).isEqualTo("pbx@1795393812.15");
        assertThat(completed.call().ticket()).isEqualTo("T-482915");
        assertThat(completed.call().channel()).isEqualTo("Local/100@hotline-00000007;2");
        assertThat(completed.call().callerMasked()).isEqualTo(connected.call().callerMasked());
        assertThat(completed.call().server()).isEqualTo("pbx");
        assertThat(completed.talkSeconds()).isEqualTo(9);
        assertThat(completed.reason()).isEqualTo("caller");
    }

    @Test
    @DisplayName("an AgentComplete for a member nobody saw connected is passed on as it came")
    void completeOfAnUnknownMember() throws Exception {
        var completed =
                (QueueEvent.AgentCompleted) translate(COMPLETE_WITHOUT_CALLER).orElseThrow();
        assertThat(completed.call().ticket()).isEmpty();
        assertThat(completed.call().channel()).isEmpty();
        assertThat(List.of(completed.agentInterface())).containsExactly("Local/agent6@agents");
    }

    /** Every queue event the lines hold (asterisk-java's connect banner and the like left out). */
    private List<Optional<QueueEvent>> translateAll(String lines) throws Exception {
        return AmiEventFuzzTest.read(new ArrayDeque<>(Arrays.asList(lines.split("\n", -1)))).stream()
                .filter(e -> !(e instanceof org.asteriskjava.manager.event.ConnectEvent
                        || e instanceof org.asteriskjava.manager.event.DisconnectEvent
                        || e instanceof org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent))
                .map(translator::translate)
                .toList();
    }

    /** A caller ringing one agent (a transfer to Desk B): app_queue's queue is hotline-agent. */
    private static final String DIRECT = """
            Asterisk Call Manager/9.0.0
            Event: QueueCallerJoin
            Privilege: agent,all
            Channel: Local/100@hotline-00000007;2
            CallerIDNum: 13800138000
            Uniqueid: 1795393812.15
            ChanVariable: HOTLINE_TICKET=T-482915
            ChanVariable: HOTLINE_QUEUE=account
            ChanVariable: HOTLINE_MOVE=6
            Queue: hotline-agent
            Position: 1
            Count: 1

            Event: AgentConnect
            Privilege: agent,all
            Channel: Local/100@hotline-00000007;2
            CallerIDNum: 13800138000
            Uniqueid: 1795393812.15
            ChanVariable: HOTLINE_TICKET=T-482915
            ChanVariable: HOTLINE_QUEUE=account
            ChanVariable: HOTLINE_MOVE=6
            Queue: hotline-agent
            Interface: Local/agent6@agents
            MemberName: Desk B
            HoldTime: 2
            RingTime: 2

            Event: AgentComplete
            Privilege: agent,all
            DestChannel: Local/agent6@agents-00000008;1
            Queue: hotline-agent
            Interface: Local/agent6@agents
            MemberName: Desk B
            HoldTime: 2
            TalkTime: 9
            Reason: caller

            """;

    @Test
    @DisplayName("a call ringing one agent (queue hotline-agent) is the call of the queue its HOTLINE_QUEUE names")
    void oneAgentsCallsBelongToTheTicketsQueue() throws Exception {
        var events = translateAll(DIRECT).stream().map(Optional::orElseThrow).toList();
        assertThat(events).extracting(QueueEvent::queue).containsExactly("account", "account", "account");
        var completed = (QueueEvent.AgentCompleted) events.get(2);
        assertThat(completed.call().ticket()).isEqualTo("T-482915");
    }

    @Test
    @DisplayName(
            "a withdrawn caller (HOTLINE_MOVE set) is no abandon, a caller hanging up is; one agent's membership is no board member")
    void movesAreNoAbandons() throws Exception {
        String abandon = """
                Asterisk Call Manager/9.0.0
                Event: QueueCallerAbandon
                Privilege: agent,all
                Channel: Local/100@hotline-00000007;2
                Uniqueid: 1795393812.15
                ChanVariable: HOTLINE_TICKET=T-482915
                ChanVariable: HOTLINE_QUEUE=fraud
                %s
                Queue: fraud
                Position: 1
                OriginalPosition: 1
                HoldTime: 12

                """;
        assertThat(translateAll(abandon.formatted("ChanVariable: HOTLINE_MOVE=7")))
                .containsExactly(Optional.empty());
        assertThat(translateAll(abandon.formatted("ChanVariable: HOTLINE_LANG=en")))
                .singleElement()
                .satisfies(e -> assertThat(e.orElseThrow()).isInstanceOf(QueueEvent.CallerAbandoned.class));
        String added = """
                Asterisk Call Manager/9.0.0
                Event: QueueMemberAdded
                Privilege: agent,all
                Queue: %s
                MemberName: Desk B
                Interface: Local/agent6@agents
                StateInterface: Local/agent6@agents
                Membership: dynamic
                Penalty: %s
                CallsTaken: 0
                LastCall: 0
                Status: 1
                Paused: 0

                """;
        assertThat(translateAll(added.formatted("hotline-agent", "6"))).containsExactly(Optional.empty());
        assertThat(translateAll(added.formatted("account", "0")))
                .singleElement()
                .satisfies(e -> assertThat(e.orElseThrow().queue()).isEqualTo("account"));
    }
}
