package io.hotline.telephony.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test AMI peer: a real TCP server on port 0 that talks like the lab Asterisk 22 of the
 * recorded transcripts. It sends the recorded banner, answers the MD5 challenge login
 * asterisk-java performs, answers {@code QueueStatus} with a recorded answer (its ActionID
 * replaced by the client's) and emits recorded events verbatim when the test says so.
 */
public final class FakeAmi implements AutoCloseable {
    private final AmiTranscript transcript;
    private final String user;
    private final String secret;
    private final ServerSocket server;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    /** Parking space to parked channel. */
    private final Map<String, String> parkedAt = new ConcurrentHashMap<>();

    private final java.util.Queue<List<String>> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile List<AmiTranscript.Message> queueStatus;
    private volatile boolean closed;

    public FakeAmi(AmiTranscript transcript, String user, String secret) throws IOException {
        this.transcript = transcript;
        this.user = user;
        this.secret = secret;
        this.queueStatus = transcript.answerTo("qstat-1");
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-ami-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    /** Dynamic queue members (queue|interface) added with QueueAdd. */
    private final java.util.Set<String> members = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Action names received so far, in order. */
    public List<String> actions() {
        return List.copyOf(actions);
    }

    /** Answer later QueueStatus actions with the recorded answer to this ActionID (e.g. {@code qstat-2}). */
    public void answerQueueStatusWith(String recordedActionId) {
        this.queueStatus = transcript.answerTo(recordedActionId);
    }

    /** The value Getvar returns for a channel's variable. */
    public void setVariable(String channel, String name, String value) {
        variables.put(channel + "|" + name, value);
    }

    /** A caller's channel bridged to an agent's leg, as app_queue leaves them: each one's BRIDGEPEER is the other. */
    public void bridge(String caller, String agentLeg) {
        setVariable(caller, "BRIDGEPEER", agentLeg);
        setVariable(agentLeg, "BRIDGEPEER", caller);
    }

    /** The value of a channel's variable now ("" when unset), as Getvar would answer. */
    public String variable(String channel, String name) {
        return variables.getOrDefault(channel + "|" + name, "");
    }

    private boolean exists(String channel) {
        return !channel.isEmpty() && variables.keySet().stream().anyMatch(k -> k.startsWith(channel + "|"));
    }

    /**
     * res_parking's Park of a bridged channel (res/parking/parking_manager.c): the caller leaves the bridge for the
     * first free slot from 701, BLINDTRANSFER names the timeout channel; the timeout channel keeps its bridge.
     */
    private String park(String id, Map<String, String> a) {
        String channel = a.getOrDefault("channel", "");
        String timeoutChannel = a.getOrDefault("timeoutchannel", a.getOrDefault("channel2", ""));
        if (channel.isEmpty()) {
            return Client.response("Error", id, "Message: Channel not specified");
        }
        if (!exists(channel)) {
            return Client.response("Error", id, "Message: Channel does not exist: " + channel);
        }
        int slot = 701;
        while (parkedAt.containsKey(Integer.toString(slot))) {
            slot++;
        }
        if (!timeoutChannel.isEmpty()) {
            variables.put(channel + "|BLINDTRANSFER", timeoutChannel);
        }
        variables.remove(channel + "|BRIDGEPEER");
        parkedAt.put(Integer.toString(slot), channel);
        // the ack first; res_parking announces the parked call once the bridge moved it (no variable names the space)
        String space = Integer.toString(slot);
        pending.add(List.of("ParkedCall", channel, space));
        return Client.response("Success", id, "Message: Park successful");
    }

    /** Whether a channel is parked now (by a Park not yet retrieved). */
    public boolean parked(String channel) {
        return parkedAt.containsValue(channel);
    }

    /** res_parking's events for what the last action did, sent after its response (as Asterisk orders them). */
    private void emitPending() {
        for (List<String> e = pending.poll(); e != null; e = pending.poll()) {
            emit(new AmiTranscript.Message(
                    true,
                    0,
                    List.of(
                            "Event: " + e.get(0),
                            "Privilege: call,all",
                            "ParkeeChannel: " + e.get(1),
                            "ParkingSpace: " + e.get(2),
                            "ParkingLot: default")));
        }
    }

    /** Redirect (main/manager.c); into hotline-hold,<slot> the redirected channel takes the caller parked there. */
    private String redirect(String id, Map<String, String> a) {
        String channel = a.getOrDefault("channel", "");
        if (!exists(channel)) {
            return Client.response("Error", id, "Message: Channel does not exist: " + channel);
        }
        if ("hotline-hold".equals(a.get("context"))) {
            String slot = a.getOrDefault("exten", "");
            String parked = parkedAt.remove(slot);
            if (parked != null) {
                bridge(parked, channel);
                pending.add(List.of("UnParkedCall", parked, slot));
            }
        }
        return Client.response("Success", id, "Message: Redirect successful");
    }

    /** Sends recorded messages, verbatim, to every logged-in client. */
    public void emit(AmiTranscript.Message... messages) {
        for (Client c : clients) {
            if (c.loggedIn) {
                for (AmiTranscript.Message m : messages) {
                    c.write(m.wire());
                }
            }
        }
    }

    /** Closes every client connection (the link must notice and reconnect). */
    public void dropClients() {
        for (Client c : clients) {
            c.close();
        }
    }

    public int connectedClients() {
        return (int) clients.stream().filter(c -> c.loggedIn).count();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Client c = new Client(s);
                clients.add(c);
                Thread.ofVirtual().name("fake-ami-client").start(c::serve);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropClients();
    }

    private final class Client {
        private final Socket socket;
        private final OutputStream out;
        private volatile boolean loggedIn;
        private String challenge;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        void serve() {
            try (socket;
                    var in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                write(transcript.banner() + "\r\n");
                Map<String, String> action = new LinkedHashMap<>();
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            action.put(
                                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                    line.substring(colon + 1).trim());
                        }
                        continue;
                    }
                    if (!action.isEmpty()) {
                        if (!answer(action)) {
                            return;
                        }
                        action = new LinkedHashMap<>();
                    }
                }
            } catch (IOException e) {
                // the client went away or we dropped it
            } finally {
                clients.remove(this);
            }
        }

        /** Answers one action; false to hang up. */
        private boolean answer(Map<String, String> a) {
            String name = a.getOrDefault("action", "");
            String id = a.getOrDefault("actionid", "");
            actions.add(name);
            switch (name.toLowerCase(Locale.ROOT)) {
                case "challenge" -> {
                    challenge = Long.toString(100_000_000L + (long) (Math.random() * 800_000_000L));
                    write(response("Success", id, "Challenge: " + challenge));
                }
                case "login" -> {
                    boolean ok = user.equals(a.get("username"))
                            && (secret.equals(a.get("secret"))
                                    || (challenge != null
                                            && md5(challenge + secret).equalsIgnoreCase(a.getOrDefault("key", ""))));
                    if (!ok) {
                        write(response("Error", id, "Message: Authentication failed"));
                        return false;
                    }
                    write(response("Success", id, "Message: Authentication accepted"));
                    loggedIn = true;
                    logins.incrementAndGet();
                    write(transcript.event("FullyBooted").wire());
                }
                case "coresettings" ->
                    write(response(
                            "Success",
                            id,
                            "AMIversion: 11.0.0",
                            "AsteriskVersion: 22.10.1",
                            "SystemName: ",
                            "CoreMaxCalls: 0",
                            "CoreMaxLoadAvg: 0.000000",
                            "CoreRunUser: ",
                            "CoreRunGroup: ",
                            "CoreMaxFilehandles: 0",
                            "CoreRealTimeEnabled: No",
                            "CoreCDRenabled: Yes",
                            "CoreHTTPenabled: Yes",
                            "SoundsSearchCustomDir: No"));
                case "command" ->
                    write(response(
                            "Success", id, "Output: Asterisk 22.10.1 built by lab @ lab on a x86_64 running Linux"));
                case "ping" -> write(response("Success", id, "Ping: Pong", "Timestamp: 1795393812.000000"));
                case "queuestatus" -> {
                    for (AmiTranscript.Message m : queueStatus) {
                        write(m.map(l -> l.startsWith("ActionID:") ? "ActionID: " + id : l)
                                .wire());
                    }
                }
                case "getvar" -> {
                    String v = variables.getOrDefault(
                            a.getOrDefault("channel", "") + "|" + a.getOrDefault("variable", ""), "");
                    write(response("Success", id, "Variable: " + a.getOrDefault("variable", ""), "Value: " + v));
                }
                case "setvar" -> {
                    String channel = a.getOrDefault("channel", "");
                    if (a.getOrDefault("variable", "").isEmpty()) {
                        write(response("Error", id, "Message: No variable specified"));
                    } else if (!channel.isEmpty() && !exists(channel)) {
                        write(response("Error", id, "Message: No such channel"));
                    } else {
                        variables.put(channel + "|" + a.get("variable"), a.getOrDefault("value", ""));
                        write(response("Success", id, "Message: Variable Set"));
                    }
                }
                case "park" -> {
                    write(park(id, a));
                    emitPending();
                }
                case "redirect" -> {
                    write(redirect(id, a));
                    emitPending();
                }
                case "logoff" -> {
                    write(response("Goodbye", id, "Message: Thanks for all the fish."));
                    return false;
                }
                // app_queue's answers (apps/app_queue.c, manager_add/remove/pause_queue_member)
                case "queueadd" ->
                    write(
                            members.add(a.get("queue") + "|" + a.get("interface"))
                                    ? response("Success", id, "Message: Added interface to queue")
                                    : response("Error", id, "Message: Unable to add interface: Already there"));
                case "queueremove" ->
                    write(
                            members.remove(a.get("queue") + "|" + a.get("interface"))
                                    ? response("Success", id, "Message: Removed interface from queue")
                                    : response("Error", id, "Message: Unable to remove interface: Not there"));
                case "queuepause" ->
                    write(
                            members.stream().noneMatch(m -> m.endsWith("|" + a.get("interface")))
                                    ? response("Error", id, "Message: Interface not found")
                                    : response(
                                            "Success",
                                            id,
                                            "Message: Interface "
                                                    + ("true".equalsIgnoreCase(a.get("paused")) ? "paused" : "unpaused")
                                                    + " successfully"));
                default -> write(response("Error", id, "Message: Invalid/unknown command"));
            }
            return true;
        }

        private static String response(String kind, String id, String... lines) {
            List<String> all = new ArrayList<>();
            all.add("Response: " + kind);
            if (!id.isEmpty()) {
                all.add("ActionID: " + id);
            }
            all.addAll(List.of(lines));
            return new AmiTranscript.Message(true, 0, all).wire();
        }

        synchronized void write(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            loggedIn = false;
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static String md5(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
