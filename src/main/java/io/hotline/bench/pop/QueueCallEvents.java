package io.hotline.bench.pop;

/**
 * The app_queue events of one queued call, in the shape Asterisk 22 sends them (see the recorded streams in
 * {@code src/test/resources/transcripts/ami-queue.txt}), each in its wire form for
 * {@link io.hotline.emulator.ami.AmiEmulator#emit(String)}.
 */
final class QueueCallEvents {
    private QueueCallEvents() {}

    /** A queued caller, as the events of app_queue describe it. */
    record Caller(String channel, String uniqueId, String callerNum, String ticket, String account) {}

    private static String callerBlock(Caller c) {
        return "Channel: " + c.channel() + "\r\nChannelState: 6\r\nChannelStateDesc: Up\r\nCallerIDNum: "
                + c.callerNum() + "\r\nCallerIDName: Wallet Customer\r\nConnectedLineNum: " + c.callerNum()
                + "\r\nConnectedLineName: Wallet Customer\r\nLanguage: en\r\nAccountCode: \r\nContext: hotline\r\n"
                + "Exten: 100\r\nPriority: 3\r\nUniqueid: " + c.uniqueId() + "\r\nLinkedid: " + c.uniqueId()
                + "\r\nChanVariable: HOTLINE_TICKET=" + c.ticket() + "\r\nChanVariable: HOTLINE_ACCOUNT="
                + c.account() + "\r\n";
    }

    private static String destBlock(Caller c, String iface, String state, String stateDesc) {
        return "DestChannel: " + iface + "-00000001;1\r\nDestChannelState: " + state + "\r\nDestChannelStateDesc: "
                + stateDesc + "\r\nDestCallerIDNum: " + c.callerNum() + "\r\nDestCallerIDName: Wallet Customer\r\n"
                + "DestConnectedLineNum: " + c.callerNum() + "\r\nDestConnectedLineName: Wallet Customer\r\n"
                + "DestLanguage: en\r\nDestAccountCode: \r\nDestContext: agents\r\nDestExten: 100\r\n"
                + "DestPriority: 1\r\nDestUniqueid: " + c.uniqueId() + "-a\r\nDestLinkedid: " + c.uniqueId()
                + "\r\nDestChanVariable: HOTLINE_TICKET=" + c.ticket() + "\r\nDestChanVariable: HOTLINE_ACCOUNT="
                + c.account() + "\r\n";
    }

    static String queueCallerJoin(Caller c, String queue) {
        return "Event: QueueCallerJoin\r\nPrivilege: agent,all\r\n" + callerBlock(c) + "Queue: " + queue
                + "\r\nPosition: 1\r\nCount: 1\r\n\r\n";
    }

    static String agentCalled(Caller c, String queue, String iface, String name) {
        return "Event: AgentCalled\r\nPrivilege: agent,all\r\n" + callerBlock(c) + destBlock(c, iface, "0", "Down")
                + "Queue: " + queue + "\r\nInterface: " + iface + "\r\nMemberName: " + name + "\r\n\r\n";
    }

    static String queueCallerLeave(Caller c, String queue) {
        return "Event: QueueCallerLeave\r\nPrivilege: agent,all\r\n" + callerBlock(c) + "Queue: " + queue
                + "\r\nPosition: 1\r\nCount: 0\r\n\r\n";
    }

    static String agentConnect(Caller c, String queue, String iface, String name) {
        return "Event: AgentConnect\r\nPrivilege: agent,all\r\n" + callerBlock(c) + destBlock(c, iface, "6", "Up")
                + "Queue: " + queue + "\r\nInterface: " + iface + "\r\nMemberName: " + name
                + "\r\nHoldTime: 2\r\nRingTime: 2\r\n\r\n";
    }

    static String agentComplete(Caller c, String queue, String iface, String name) {
        return "Event: AgentComplete\r\nPrivilege: agent,all\r\n" + callerBlock(c) + destBlock(c, iface, "6", "Up")
                + "Queue: " + queue + "\r\nInterface: " + iface + "\r\nMemberName: " + name
                + "\r\nHoldTime: 2\r\nTalkTime: 4\r\nReason: agent\r\n\r\n";
    }
}
