package io.hotline.console;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A browser stand-in for tests: keeps the session cookie and CSRF token, calls the JSON API, and opens the
 * console WebSocket collecting what arrives.
 */
public final class ConsoleClient implements AutoCloseable {
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf = "";
    private WebSocket ws;
    private final List<WebSocket> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    final List<JsonObject> all = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One HTTP answer. */
    public record Answer(int status, JsonObject body) {}

    ConsoleClient(int port) {
        this(port, null);
    }

    /** A client whose connections come from {@code local} (another loopback address, as another machine would). */
    ConsoleClient(int port, java.net.InetAddress local) {
        this.base = "http://127.0.0.1:" + port;
        var b = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (local != null) {
            b.localAddress(local);
        }
        this.http = b.build();
    }

    /** Fetches the session's CSRF token (creating an anonymous session). */
    ConsoleClient session() {
        Answer a = get("/api/session");
        csrf = a.body().getString("csrf", "");
        return this;
    }

    Answer signIn(String login, String password) {
        if (csrf.isEmpty()) {
            session();
        }
        Answer a = post("/api/signin", new JsonObject().put("login", login).put("password", password));
        if (a.status() == 200) {
            csrf = a.body().getString("csrf");
        }
        return a;
    }

    public static ConsoleClient signedIn(int port, String login, String password) {
        ConsoleClient c = new ConsoleClient(port);
        Answer a = c.signIn(login, password);
        if (a.status() != 200) {
            throw new AssertionError("sign-in of " + login + " failed: " + a);
        }
        return c;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Answer post(String path, JsonObject body) {
        return post(path, body, csrf);
    }

    Answer post(String path, JsonObject body, String token) {
        var b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return send(b);
    }

    /** POSTs a body as it is, JSON or not, with the session's CSRF token. */
    Answer postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    int status(String path) {
        return get(path).status();
    }

    private Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r =
                    http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            String text = r.body();
            JsonObject json = text != null && text.startsWith("{") ? new JsonObject(text) : new JsonObject();
            return new Answer(r.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(Sessions.COOKIE))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse("");
    }

    /** Opens the console WebSocket; messages land in {@link #received}. */
    public ConsoleClient connect() {
        ws = openSocket("/ws/console", received, all);
        return this;
    }

    WebSocket openSocket(String path, BlockingQueue<JsonObject> into, List<JsonObject> log) {
        var listener = new WebSocket.Listener() {
            private final StringBuilder part = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                part.append(data);
                if (last) {
                    JsonObject m = new JsonObject(part.toString());
                    part.setLength(0);
                    into.add(m);
                    log.add(m);
                }
                socket.request(1);
                return null;
            }
        };
        WebSocket socket = http.newWebSocketBuilder()
                .header("Cookie", Sessions.COOKIE + "=" + sessionCookie())
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + base.substring(base.lastIndexOf(':') + 1) + path), listener)
                .join();
        opened.add(socket);
        return socket;
    }

    /** Waits for a message matching the predicate, skipping others (which stay in {@link #all}). */
    public JsonObject await(Predicate<JsonObject> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching message within " + timeout + "; got " + all);
            }
            JsonObject m = received.poll(left, TimeUnit.NANOSECONDS);
            if (m != null && p.test(m)) {
                return m;
            }
        }
    }

    /** A message matching the predicate among those received so far, else the next one that matches. */
    public JsonObject seenOrAwait(Predicate<JsonObject> p, Duration timeout) throws InterruptedException {
        for (JsonObject m : all) {
            if (p.test(m)) {
                return m;
            }
        }
        return await(p, timeout);
    }

    JsonObject awaitPop(String state, Duration timeout) throws InterruptedException {
        return await(
                        m -> "pop".equals(m.getString("type"))
                                && state.equals(m.getJsonObject("pop").getString("state")),
                        timeout)
                .getJsonObject("pop");
    }

    public JsonObject awaitPop(String state, String ticket, Duration timeout) throws InterruptedException {
        return await(
                        m -> "pop".equals(m.getString("type"))
                                && state.equals(m.getJsonObject("pop").getString("state"))
                                && ticket.equals(m.getJsonObject("pop").getString("ticket")),
                        timeout)
                .getJsonObject("pop");
    }

    /** Pops received so far. */
    public List<JsonObject> pops() {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject m : all) {
            if ("pop".equals(m.getString("type"))) {
                out.add(m.getJsonObject("pop"));
            }
        }
        return out;
    }

    void disconnect() {
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            ws = null;
        }
    }

    @Override
    public void close() {
        opened.forEach(WebSocket::abort);
        // close() would wait for the aborted sockets' exchanges to wind down; nothing is worth waiting for
        http.shutdownNow();
    }
}
