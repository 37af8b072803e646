package io.hotline.doctor;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The doctor's manager connection, spoken as plain AMI lines: it must see every line as Asterisk sends
 * it (the {@code ChanVariable} lines of an event, whatever a response carries for actions asterisk-java
 * has no class for, such as {@code ListCommands}). Logs in with the MD5 challenge, so the secret never
 * crosses the wire.
 *
 * <p>A message is a map of its header lines; {@code ChanVariable: NAME=value} lines become
 * {@code ChanVariable.NAME} keys. Event listeners run on the reader thread and must not block.
 */
final class DoctorAmi implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final String banner;
    private final Duration timeout;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<Consumer<Map<String, String>>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    /** An action waiting for its response (and, for a list, its events up to {@code EventList: Complete}). */
    private record Pending(
            CompletableFuture<List<Map<String, String>>> done, List<Map<String, String>> messages, boolean list) {}

    private DoctorAmi(Socket socket, Duration timeout) throws IOException {
        this.socket = socket;
        this.timeout = timeout;
        this.out = socket.getOutputStream();
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        socket.setSoTimeout((int) timeout.toMillis());
        String first = in.readLine();
        if (first == null || !first.startsWith("Asterisk Call Manager")) {
            throw new IOException("not Asterisk's manager interface (it said "
                    + (first == null ? "nothing" : "'" + first.substring(0, Math.min(60, first.length())) + "'") + ")");
        }
        socket.setSoTimeout(0);
        this.banner = first;
        Thread.ofVirtual().name("doctor-ami").start(() -> read(in));
    }

    /** Connects; throws with Asterisk's or the network's reason when that fails. */
    @SuppressFBWarnings(
            value = "UNENCRYPTED_SOCKET",
            justification = "Asterisk AMI is plain TCP (the doctor checks the shipped, unencrypted manager.conf)")
    static DoctorAmi connect(String host, int port, Duration timeout) throws IOException {
        var s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new DoctorAmi(s, timeout);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** {@code Asterisk Call Manager/11.0.0}. */
    String banner() {
        return banner;
    }

    /** Logs in with the MD5 challenge; the login's response ({@code Response: Success} or {@code Error}). */
    Map<String, String> login(String user, String secret, String events) {
        Map<String, String> challenge = action("Challenge", Map.of("AuthType", "MD5"));
        String c = challenge.getOrDefault("Challenge", "");
        if (!"Success".equals(challenge.get("Response")) || c.isEmpty()) {
            return action("Login", ordered("Username", user, "Secret", secret, "Events", events));
        }
        return action("Login", ordered("Username", user, "AuthType", "MD5", "Key", md5(c + secret), "Events", events));
    }

    void onEvent(Consumer<Map<String, String>> listener) {
        listeners.add(listener);
    }

    /** Sends an action and waits for its response. */
    Map<String, String> action(String name, Map<String, String> fields) {
        return await(name, fields, false).getFirst();
    }

    /** Sends an action whose answer is a list of events; the response first, then each event. */
    List<Map<String, String>> list(String name, Map<String, String> fields) {
        return await(name, fields, true);
    }

    /** {@code Getvar} of a variable or function, globally or on a channel (by name or unique id). */
    Optional<String> getvar(String channel, String variable) {
        Map<String, String> f = new LinkedHashMap<>();
        if (channel != null) {
            f.put("Channel", channel);
        }
        f.put("Variable", variable);
        Map<String, String> r = action("Getvar", f);
        return "Success".equals(r.get("Response")) ? Optional.of(r.getOrDefault("Value", "")) : Optional.empty();
    }

    private List<Map<String, String>> await(String name, Map<String, String> fields, boolean list) {
        String id = "d" + ids.incrementAndGet();
        var p = new Pending(new CompletableFuture<>(), new ArrayList<>(), list);
        pending.put(id, p);
        try {
            send(name, id, fields);
            return p.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AmiFailure("Asterisk did not answer " + name + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AmiFailure("the manager connection broke during " + name + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmiFailure("interrupted during " + name);
        } finally {
            pending.remove(id);
        }
    }

    private synchronized void send(String name, String id, Map<String, String> fields) {
        StringBuilder b = new StringBuilder("Action: ")
                .append(name)
                .append("\r\nActionID: ")
                .append(id)
                .append("\r\n");
        fields.forEach((k, v) -> {
            for (String one : k.equals("Variable") ? v.split("\n") : new String[] {v}) {
                b.append(k)
                        .append(": ")
                        .append(one.replace("\r", "").replace("\n", " "))
                        .append("\r\n");
            }
        });
        b.append("\r\n");
        try {
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new AmiFailure("cannot send " + name + " to Asterisk: " + e.getMessage());
        }
    }

    private void read(BufferedReader in) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!m.isEmpty()) {
                        dispatch(m);
                        m = new LinkedHashMap<>();
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String key = line.substring(0, colon);
                String value = line.substring(colon + 1).strip();
                if (key.equals("ChanVariable") && value.indexOf('=') > 0) {
                    m.put(key + "." + value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                } else {
                    m.putIfAbsent(key, value);
                }
            }
        } catch (IOException e) {
            // closed, or the peer went away: every waiting action fails below
        }
        var gone = new IOException("connection closed");
        pending.values().forEach(p -> p.done().completeExceptionally(gone));
    }

    private void dispatch(Map<String, String> m) {
        String id = m.get("ActionID");
        Pending p = id == null ? null : pending.get(id);
        if (p != null) {
            p.messages().add(m);
            boolean failed = "Error".equals(m.get("Response"));
            if (!p.list() || failed || "Complete".equals(m.get("EventList"))) {
                p.done().complete(List.copyOf(p.messages()));
            }
            return;
        }
        if (m.containsKey("Event")) {
            listeners.forEach(l -> l.accept(m));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!socket.isClosed()) {
                send("Logoff", "bye", Map.of());
            }
        } catch (AmiFailure e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @SuppressFBWarnings(
            value = "WEAK_MESSAGE_DIGEST_MD5",
            justification = "AMI's challenge login is defined with MD5; nothing is stored with it")
    static String md5(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** The manager connection failed or Asterisk did not answer; the message says which. */
    static final class AmiFailure extends RuntimeException {
        AmiFailure(String message) {
            super(message);
        }
    }
}
