package io.hotline.pbx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The tests' own manager connection to the lab Asterisk (a test-only AMI user with every class),
 * spoken as plain AMI lines so that every event Asterisk sends is seen, including those
 * asterisk-java has no class for ({@code AGIExecStart}, {@code VarSet}).
 *
 * <p>A message is a map of its header lines; repeated {@code ChanVariable: NAME=value} lines become
 * {@code ChanVariable.NAME} keys. Listeners run on the reader thread and must not block.
 */
final class TestAmi implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final Map<String, CompletableFuture<Map<String, String>>> responses = new ConcurrentHashMap<>();
    private final List<Consumer<Map<String, String>>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread reader;
    private volatile boolean closed;

    private TestAmi(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String banner = in.readLine();
        if (banner == null || !banner.startsWith("Asterisk Call Manager")) {
            throw new IOException("not an AMI banner: " + banner);
        }
        this.reader = Thread.ofPlatform().daemon().name("test-ami").start(() -> read(in));
    }

    /** Connects and logs in. */
    static TestAmi connect(int port, String user, String secret) throws IOException {
        var s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        var ami = new TestAmi(s);
        Map<String, String> r = ami.action("Login", Map.of("Username", user, "Secret", secret, "Events", "on"));
        if (!"Success".equals(r.get("Response"))) {
            ami.close();
            throw new IOException("AMI login of " + user + " refused: " + r);
        }
        return ami;
    }

    void onEvent(Consumer<Map<String, String>> listener) {
        listeners.add(listener);
    }

    /** Sends an action and waits for its response. */
    Map<String, String> action(String name, Map<String, String> fields) {
        String id = "t" + ids.incrementAndGet();
        var f = new CompletableFuture<Map<String, String>>();
        responses.put(id, f);
        send(name, id, fields);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no response to AMI " + name + " " + fields, e);
        } finally {
            responses.remove(id);
        }
    }

    /**
     * Sends an action whose answer is a list of events ({@code QueueStatus}) and returns the events carrying its
     * ActionID, up to the one named {@code complete}.
     */
    List<Map<String, String>> list(String name, Map<String, String> fields, String complete) {
        String id = "l" + ids.incrementAndGet();
        var got = new CopyOnWriteArrayList<Map<String, String>>();
        var done = new CompletableFuture<Void>();
        Consumer<Map<String, String>> l = e -> {
            if (id.equals(e.get("ActionID"))) {
                if (complete.equals(e.get("Event"))) {
                    done.complete(null);
                } else {
                    got.add(e);
                }
            }
        };
        listeners.add(l);
        var f = new CompletableFuture<Map<String, String>>();
        responses.put(id, f);
        try {
            send(name, id, fields);
            done.get(30, TimeUnit.SECONDS);
            return List.copyOf(got);
        } catch (Exception e) {
            throw new IllegalStateException("no complete answer to AMI " + name + " " + fields, e);
        } finally {
            listeners.remove(l);
            responses.remove(id);
        }
    }

    /** Fires an action without waiting (safe from a listener). */
    void fire(String name, Map<String, String> fields) {
        send(name, "f" + ids.incrementAndGet(), fields);
    }

    private synchronized void send(String name, String id, Map<String, String> fields) {
        StringBuilder b = new StringBuilder("Action: ")
                .append(name)
                .append("\r\nActionID: ")
                .append(id)
                .append("\r\n");
        fields.forEach((k, v) -> {
            if (k.equals("Variable") && v.contains("\n")) {
                for (String one : v.split("\n")) {
                    b.append("Variable: ").append(one).append("\r\n");
                }
            } else {
                b.append(k).append(": ").append(v).append("\r\n");
            }
        });
        b.append("\r\n");
        try {
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("AMI write failed", e);
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
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon);
                String value = line.substring(colon + 2);
                if (key.equals("ChanVariable") || key.equals("DestChanVariable")) {
                    int eq = value.indexOf('=');
                    if (eq > 0) {
                        m.put(key + "." + value.substring(0, eq), value.substring(eq + 1));
                    }
                } else {
                    m.put(key, value);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                responses.values().forEach(f -> f.completeExceptionally(e));
            }
        }
    }

    private void dispatch(Map<String, String> m) {
        String id = m.get("ActionID");
        if (m.containsKey("Response") && id != null && responses.containsKey(id)) {
            responses.get(id).complete(m);
            return;
        }
        if (m.containsKey("Event")) {
            for (var l : listeners) {
                l.accept(m);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        reader.interrupt();
    }
}
