package io.hotline.bench.pop;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in Asterisk manager interface for the pop benchmark: one client, the login asterisk-java does
 * (MD5 challenge, any key accepted), {@code CoreSettings}, an empty {@code QueueStatus}, {@code Ping}; and
 * queue events written on demand in the shape Asterisk 22 sends them (see the recorded streams in
 * {@code src/test/resources/transcripts/ami-queue.txt}). Not for production: it accepts any login.
 */
public final class AmiPeer implements AutoCloseable {
    private final ServerSocket server;
    private final CountDownLatch loggedIn = new CountDownLatch(1);
    private volatile OutputStream out;
    private volatile Socket client;

    @SuppressFBWarnings(
            value = "UNENCRYPTED_SERVER_SOCKET",
            justification = "a bench stand-in for Asterisk AMI (plain TCP) on loopback")
    public AmiPeer() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("bench-ami-peer").start(this::serve);
    }

    public int port() {
        return server.getLocalPort();
    }

    public boolean awaitLogin(long seconds) throws InterruptedException {
        return loggedIn.await(seconds, TimeUnit.SECONDS);
    }

    private void serve() {
        try (Socket s = server.accept();
                var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            client = s;
            s.setTcpNoDelay(true);
            out = s.getOutputStream();
            write("Asterisk Call Manager/11.0.0\r\n");
            Map<String, String> action = new LinkedHashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        action.put(
                                line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                                line.substring(colon + 1).trim());
                    }
                } else if (!action.isEmpty()) {
                    answer(action);
                    action = new LinkedHashMap<>();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @SuppressWarnings("StringConcatToTextBlock") // AMI lines end in CRLF, which a text block would hide
    private void answer(Map<String, String> a) throws IOException {
        String id = a.getOrDefault("actionid", "");
        switch (a.getOrDefault("action", "").toLowerCase(java.util.Locale.ROOT)) {
            case "challenge" -> write("Response: Success\r\nActionID: " + id + "\r\nChallenge: 424242424\r\n\r\n");
            case "login" -> {
                write("Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n");
                write("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 161\r\nLastReload: 161\r\n"
                        + "Status: Fully Booted\r\n\r\n");
                loggedIn.countDown();
            }
            case "coresettings" ->
                write("Response: Success\r\nActionID: " + id + "\r\nAMIversion: 11.0.0\r\n"
                        + "AsteriskVersion: 22.10.1\r\nSystemName: \r\n\r\n");
            case "queuestatus" ->
                write("Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\n"
                        + "Message: Queue status will follow\r\n\r\nEvent: QueueStatusComplete\r\nActionID: " + id
                        + "\r\nEventList: Complete\r\nListItems: 0\r\n\r\n");
            case "ping" -> write("Response: Success\r\nActionID: " + id + "\r\nPing: Pong\r\nTimestamp: 0.0\r\n\r\n");
            case "logoff" ->
                write("Response: Goodbye\r\nActionID: " + id + "\r\nMessage: Thanks for all the fish.\r\n\r\n");
            default -> write("Response: Error\r\nActionID: " + id + "\r\nMessage: Invalid/unknown command\r\n\r\n");
        }
    }

    /** Writes one event (its lines, CRLF-terminated, then the empty line) and flushes. */
    public synchronized void write(String text) throws IOException {
        OutputStream o = out;
        if (o == null) {
            throw new IOException("no AMI client connected");
        }
        o.write(text.getBytes(StandardCharsets.UTF_8));
        o.flush();
    }

    /** A queued caller, as the events of app_queue describe it. */
    public record Caller(String channel, String uniqueId, String callerNum, String ticket, String account) {}

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

    public static String queueCallerJoin(Caller c, String queue) {
        return "Event: QueueCallerJoin\r\nPrivilege: agent,all\r\n" + callerBlock(c) + "Queue: " + queue
                + "\r\nPosition: 1\r\nCount: 1\r\n\r\n";
    }

    public static String agentCalled(Caller c, String queue, String iface, String name) {
        return "Event: AgentCalled\r\nPrivilege: agent,all\r\n" + callerBlock(c) + destBlock(c, iface, "0", "Down")
                + "Queue: " + queue + "\r\nInterface: " + iface + "\r\nMemberName: " + name + "\r\n\r\n";
    }

    public static String queueCallerLeave(Caller c, String queue) {
        return "Event: QueueCallerLeave\r\nPrivilege: agent,all\r\n" + callerBlock(c) + "Queue: " + queue
                + "\r\nPosition: 1\r\nCount: 0\r\n\r\n";
    }

    public static String agentConnect(Caller c, String queue, String iface, String name) {
        return "Event: AgentConnect\r\nPrivilege: agent,all\r\n" + callerBlock(c) + destBlock(c, iface, "6", "Up")
                + "Queue: " + queue + "\r\nInterface: " + iface + "\r\nMemberName: " + name
                + "\r\nHoldTime: 2\r\nRingTime: 2\r\n\r\n";
    }

    public static String agentComplete(Caller c, String queue, String iface, String name) {
        return "Event: AgentComplete\r\nPrivilege: agent,all\r\n" + callerBlock(c) + destBlock(c, iface, "6", "Up")
                + "Queue: " + queue + "\r\nInterface: " + iface + "\r\nMemberName: " + name
                + "\r\nHoldTime: 2\r\nTalkTime: 4\r\nReason: agent\r\n\r\n";
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }
}
