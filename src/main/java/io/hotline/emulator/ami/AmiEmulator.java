package io.hotline.emulator.ami;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Asterisk 22's manager interface, for the tests and the pop benchmark: a real TCP server on a free
 * loopback port that talks like the lab Asterisk of the recorded transcripts. It sends the banner, answers the MD5
 * challenge login asterisk-java performs (checking the user and secret it was given), {@code CoreSettings},
 * {@code Command}, {@code Ping}, {@code Getvar}, app_queue's {@code QueueAdd}/{@code QueueRemove}/{@code QueuePause}
 * and {@code QueueStatus} (with a recorded answer, its ActionID replaced by the client's), the call control of
 * {@link EmulatedChannels} ({@code Setvar}, {@code Redirect} with {@code ExtraChannel}, {@code Bridge}), and emits
 * events to every logged-in client when told to. Not for production: one process's stand-in, on loopback only.
 */
public final class AmiEmulator implements AutoCloseable {
    /** The banner and queue answers of an Asterisk 22 with no queue members, for a run without a transcript. */
    private static final String EMPTY_PBX = """
            full stream
            <<< [  0.000] banner line b'Asterisk Call Manager/11.0.0\\r\\n'
            <<< [  0.100]
            Event: FullyBooted
            Privilege: system,all
            Uptime: 161
            LastReload: 161
            Status: Fully Booted

            <<< [  0.200]
            Response: Success
            ActionID: qstat-1
            EventList: start
            Message: Queue status will follow

            <<< [  0.201]
            Event: QueueStatusComplete
            ActionID: qstat-1
            EventList: Complete
            ListItems: 0
            """;

    private final AmiTranscript transcript;
    private final String user;
    private final String secret;
    private final ServerSocket server;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private final EmulatedChannels channels = new EmulatedChannels(variables);
    private final CountDownLatch firstLogin = new CountDownLatch(1);
    private volatile List<AmiTranscript.Message> queueStatus;
    private final EmulatedCalls calls = new EmulatedCalls(this::emit);
    private volatile boolean closed;

    /** A PBX with no queue members (QueueStatus lists none) that lets in {@code user} with {@code secret}. */
    public AmiEmulator(String user, String secret) throws IOException {
        this(AmiTranscript.parse(EMPTY_PBX), user, secret);
    }

    /**
     * A PBX that answers as in the transcript: its banner, its {@code FullyBooted} event after a login, and its
     * answer to {@code qstat-1} for {@code QueueStatus}.
     */
    @SuppressFBWarnings(
            value = "UNENCRYPTED_SERVER_SOCKET",
            justification = "a stand-in for Asterisk AMI, which is plain TCP, on loopback")
    public AmiEmulator(AmiTranscript transcript, String user, String secret) throws IOException {
        this.transcript = transcript;
        this.user = user;
        this.secret = secret;
        this.queueStatus = transcript.answerTo("qstat-1");
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("ami-emulator-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Waits for the first successful login; false if none came within the time. */
    public boolean awaitLogin(Duration within) throws InterruptedException {
        return firstLogin.await(within.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    /** Dynamic queue members (queue|interface) added with QueueAdd. */
    private final java.util.Set<String> members = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The dynamic members QueueAdd put in, as {@code queue|interface}. */
    public java.util.Set<String> members() {
        return java.util.Set.copyOf(members);
    }

    /** The most clients logged in at the same time so far. */
    public int mostLoggedInAtOnce() {
        return mostAtOnce.get();
    }

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

    /** Two channels app_queue connected: both exist, each the other's BRIDGEPEER (Redirect and Bridge need them). */
    public void bridge(String caller, String agentLeg) {
        channels.bridge(caller, agentLeg);
    }

    /**
     * A caller waiting in {@code queue} (send its QueueCallerJoin yourself), so that QueueWithdrawCaller finds it; its
     * queue events carry {@code carried} as ChanVariable lines (e.g. its HOTLINE_TICKET).
     */
    public void waiting(String channel, String uniqueId, String queue, Map<String, String> carried) {
        channels.waiting(channel, uniqueId, queue, carried);
    }

    /** Where the last Redirect sent the channel ({@code context,exten,priority}); "" when bridged, null if unknown. */
    public String location(String channel) {
        return channels.location(channel);
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

    /** Sends messages already in their wire form (CRLF after each line, an empty line after each message). */
    public void emit(String wire) {
        for (Client c : clients) {
            if (c.loggedIn) {
                c.write(wire);
            }
        }
    }

    /** How the phones that queued callbacks call back answer, by the Originate's channel (default: ring out). */
    public void phones(java.util.function.Function<String, CalledPhone> how) {
        calls.phones(how);
    }

    /** An agent becomes free in {@code queue}: app_queue connects them to its head; false when nobody waits. */
    public boolean agentConnects(String queue, String agentInterface) {
        return calls.agentConnects(queue, agentInterface);
    }

    /** The channels waiting in {@code queue} (emulated ones: placeholders), head first. */
    public List<String> waiting(String queue) {
        return calls.waiting(queue);
    }

    /** Every emulated channel up now. */
    public List<String> channels() {
        return calls.channels();
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
                Thread.ofVirtual().name("ami-emulator-client").start(c::serve);
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
                            // Originate's Variable header may come once per variable
                            action.merge(
                                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                    line.substring(colon + 1).trim(),
                                    (x, y) -> x + "\n" + y);
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
        @SuppressFBWarnings(
                value = "PREDICTABLE_RANDOM",
                justification = "the challenge of AMI's MD5 login, on a stand-in for tests and benchmarks")
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
                    firstLogin.countDown();
                    mostAtOnce.accumulateAndGet(connectedClients(), Math::max);
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
                        if (m.isEvent("QueueStatusComplete")) { // the emulated callers after the recorded ones
                            calls.entries(a.getOrDefault("queue", ""), id).forEach(this::write);
                        }
                        write(m.map(l -> l.startsWith("ActionID:") ? "ActionID: " + id : l)
                                .wire());
                    }
                }
                // queued callbacks' channels (EmulatedCalls)
                case "originate" -> {
                    write(calls.originate(a, id));
                    calls.afterOriginate(a, id);
                }
                case "hangup" -> write(calls.hangup(a, id));
                case "status" -> write(calls.status(a, id));
                case "getvar" -> {
                    String v = variables.getOrDefault(
                            a.getOrDefault("channel", "") + "|" + a.getOrDefault("variable", ""), "");
                    write(response("Success", id, "Variable: " + a.getOrDefault("variable", ""), "Value: " + v));
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
                case "queuepenalty" ->
                    write(
                            members.contains(a.get("queue") + "|" + a.get("interface"))
                                    ? response("Success", id, "Message: Interface penalty set successfully")
                                    : response("Error", id, "Message: Invalid interface, queuename or penalty"));
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
                default -> {
                    EmulatedChannels.Answer c = channels.answer(name.toLowerCase(Locale.ROOT), a);
                    if (c == null) {
                        write(response("Error", id, "Message: Invalid/unknown command"));
                    } else {
                        write(response(c.kind(), id, c.lines().toArray(String[]::new)));
                        c.events().forEach(e -> emit(new AmiTranscript.Message(true, 0, e).wire()));
                    }
                }
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

    @SuppressFBWarnings(value = "WEAK_MESSAGE_DIGEST_MD5", justification = "AMI's challenge login is MD5 by protocol")
    private static String md5(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
