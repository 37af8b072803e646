package io.hotline.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hotline.call.Masking;
import io.hotline.wallet.Account;
import io.hotline.wallet.Freeze;
import io.hotline.wallet.PinCheck;
import io.hotline.wallet.Recharge;
import io.hotline.wallet.ResetCode;
import io.hotline.wallet.SmsDispatch;
import io.hotline.wallet.Transaction;
import io.hotline.wallet.Unfreeze;
import io.hotline.wallet.Unlock;
import io.hotline.wallet.Wallet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wallet company's API as {@code docs/wallet-api.yaml} describes it, a real HTTP server on port 0 over the demo
 * data: each operation is answered by the built-in {@link Wallet} on the test database, so the journeys' database
 * checks hold with either adapter. Every request is checked against the document ({@link WalletApiDocument}); an
 * unknown path or method, or a request off the document, is answered 404/400 naming the field and recorded in
 * {@link #violations()}, and so is an answer of this server off the document. Writes with an Idempotency-Key are
 * executed once per key and repeated answers replayed.
 *
 * <p>Faults for the tests, per operation: {@link Fault#SLOW} (the answer waits until {@link #releaseSlow()}),
 * {@link Fault#ERROR_500}, {@link Fault#DROP_REPLY} (executed, then the connection closed before the answer).
 */
public final class TestWalletApi implements AutoCloseable {
    public static final String TOKEN = "test-wallet-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a request to an operation meets instead of its normal answer. */
    public enum Fault {
        SLOW,
        ERROR_500,
        DROP_REPLY
    }

    private final WalletApiDocument doc = new WalletApiDocument();
    private volatile Wallet wallet;
    private final HttpServer server;
    private volatile SmsDispatch sms;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faultsLeft = new ConcurrentHashMap<>();
    private final Map<String, Stored> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private volatile CountDownLatch slow = new CountDownLatch(1);
    private final AtomicInteger waiting = new AtomicInteger();

    private record Stored(String operation, String account, int status, String body) {}

    private record Answer(int status, JsonNode body) {}

    /** Listening at once; it answers once {@link #backedBy} says what with. */
    public TestWalletApi() throws IOException {
        this(null);
    }

    /**
     * Over https with {@code tls} when not null, asking for a client certificate: a client the context does not
     * trust (or one without a certificate) fails the handshake.
     */
    public TestWalletApi(javax.net.ssl.SSLContext tls) throws IOException {
        var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            this.server = HttpServer.create(address, 0);
        } else {
            var https = com.sun.net.httpserver.HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls) {
                @Override
                public void configure(com.sun.net.httpserver.HttpsParameters params) {
                    var p = tls.getDefaultSSLParameters();
                    p.setNeedClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            this.server = https;
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * The tables the API answers from and where its reset codes and freeze notices are sent: the Hotline's own
     * built-in wallet and SMS sender on the test database, known once the Hotline is built.
     */
    public TestWalletApi backedBy(Wallet wallet, SmsDispatch dispatch) {
        this.wallet = wallet;
        this.sms = dispatch;
        return this;
    }

    /** The base URL the adapter is pointed at. */
    public URI url() {
        String scheme = server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/hotline/v1");
    }

    /** The next {@code times} requests to {@code operation} meet {@code fault}. */
    public void fault(String operation, Fault fault, int times) {
        require(operation);
        faults.put(operation, fault);
        faultsLeft.put(operation, new AtomicInteger(times));
    }

    /** Every request to {@code operation} meets {@code fault} until {@link #clearFaults()}. */
    public void fault(String operation, Fault fault) {
        fault(operation, fault, Integer.MAX_VALUE);
    }

    public void clearFaults() {
        faults.clear();
        faultsLeft.clear();
        releaseSlow();
    }

    /** Lets every slow answer go (they then find their client gone). */
    public void releaseSlow() {
        CountDownLatch l = slow;
        slow = new CountDownLatch(1);
        l.countDown();
    }

    /** Requests waiting in a {@link Fault#SLOW} answer now. */
    public int waitingSlow() {
        return waiting.get();
    }

    /** Requests received for an operation (whatever they met). */
    public int requests(String operation) {
        return requests.getOrDefault(operation, new AtomicInteger()).get();
    }

    /** How many times the write with this Idempotency-Key was executed. */
    public int executions(String idempotencyKey) {
        return executions.getOrDefault(idempotencyKey, new AtomicInteger()).get();
    }

    /** Requests and answers off the document, so far. */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Takes the violations a test provoked on purpose. */
    public List<String> takeViolations() {
        synchronized (violations) {
            List<String> out = List.copyOf(violations);
            violations.clear();
            return out;
        }
    }

    /** The operations that received a request on the document. */
    public Set<String> exercised() {
        return Set.copyOf(exercised);
    }

    /** The operations of the document. */
    public List<String> operations() {
        return doc.operationIds();
    }

    private void require(String operation) {
        if (!doc.operationIds().contains(operation)) {
            throw new IllegalArgumentException("no operation " + operation + " in " + WalletApiDocument.FILE);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String full = ex.getRequestURI().getRawPath();
            String base = url().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!full.startsWith(base + "/")) {
                off(ex, 404, "path", method + " " + full + " is outside " + base);
                return;
            }
            String path = full.substring(base.length());
            Optional<WalletApiDocument.Match> found = doc.match(method, path);
            if (found.isEmpty()) {
                off(ex, 404, "path", method + " " + path + " is not an operation of the document");
                return;
            }
            var match = found.get();
            String op = match.operation().id();
            requests.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
            var problems = doc.checkRequest(match, query, headers, body);
            if (!problems.isEmpty()) {
                off(ex, 400, problems.getFirst().field(), op + ": " + problems);
                return;
            }
            if (!("Bearer " + TOKEN).equals(headers.get("authorization"))) {
                send(ex, 401, error("unauthorized", "wrong token", null));
                return;
            }
            exercised.add(op);
            Fault fault = takeFault(op);
            if (fault == Fault.ERROR_500) {
                send(ex, 500, error("unavailable", "the wallet core is down (test fault)", null));
                return;
            }
            if (fault == Fault.SLOW) {
                CountDownLatch l = slow;
                waiting.incrementAndGet();
                try {
                    l.await(); // the client has timed out long before the test releases this
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    waiting.decrementAndGet();
                }
            }
            String account = match.pathParams().getOrDefault("accountId", "");
            String key = headers.get("idempotency-key");
            Answer answer;
            if (key != null) {
                answer = keyed(op, account, key, () -> execute(op, account, query, body));
            } else {
                answer = execute(op, account, query, body);
            }
            String text = answer.body().toString();
            var responseProblems = doc.checkResponse(match, answer.status(), text);
            if (!responseProblems.isEmpty()) {
                violations.add("answer of " + op + " off the document: " + responseProblems);
            }
            if (fault == Fault.DROP_REPLY) {
                // executed and committed; the connection dies before the answer arrives
                ex.sendResponseHeaders(answer.status(), text.length() + 100L);
                ex.getResponseBody().write("{".getBytes(StandardCharsets.UTF_8));
                ex.getResponseBody().flush();
                return; // closing short of the length: the client sees a broken answer
            }
            send(ex, answer.status(), answer.body());
        } catch (RuntimeException e) {
            violations.add("the test server failed: " + e);
            throw e;
        }
    }

    private Fault takeFault(String op) {
        Fault f = faults.get(op);
        AtomicInteger left = faultsLeft.get(op);
        if (f == null || left == null || left.getAndDecrement() <= 0) {
            return null;
        }
        return f;
    }

    private interface Execution {
        Answer run();
    }

    private synchronized Answer keyed(String op, String account, String key, Execution execution) {
        Stored s = replies.get(key);
        if (s != null) {
            if (!s.operation().equals(op) || !s.account().equals(account)) {
                return new Answer(422, error("key_reused", "Idempotency-Key used for another request", null));
            }
            try {
                return new Answer(s.status(), JSON.readTree(s.body()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        Answer a = execution.run();
        executions.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (a.status() < 500) {
            replies.put(key, new Stored(op, account, a.status(), a.body().toString()));
        }
        return a;
    }

    private Answer execute(String op, String accountId, Map<String, String> query, String body) {
        JsonNode in = body.isEmpty() ? JSON.createObjectNode() : read(body);
        long id = accountId.isEmpty() ? 0 : Long.parseLong(accountId);
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 5;
        try {
            return switch (op) {
                case "lookupAccount" ->
                    account(wallet.findByMsisdn(in.path("msisdn").asText()));
                case "getAccount" -> account(wallet.findById(id));
                case "checkPin" ->
                    exists(id)
                            .orElseGet(() -> pin(wallet.verifyPinForApi(
                                    id,
                                    in.path("pin").asText(),
                                    in.path("callerNumber").asText())));
                case "listFailedRecharges" ->
                    exists(id).orElseGet(() -> recharges(wallet.recentFailedRecharges(id, limit)));
                case "listOutgoingTransfers" ->
                    exists(id).orElseGet(() -> outgoing(wallet.recentOutgoingTransfers(id, limit)));
                case "listTransactions" ->
                    exists(id).orElseGet(() -> {
                        Instant since = Instant.parse(query.get("since"));
                        return transactions(since, wallet.transactionsSince(id, since, limit));
                    });
                case "listTransactionsSinceTrustedLogin" ->
                    exists(id).orElseGet(() -> {
                        var r = wallet.transactionsSinceTrustedLogin(
                                id, Instant.parse(query.get("orElseSince")), limit);
                        return transactions(r.since(), r.transactions());
                    });
                case "freezeAccount" ->
                    exists(id)
                            .orElseGet(() -> freeze(wallet.freezeByCall(
                                    id,
                                    in.path("callId").asText(),
                                    in.path("reason").asText(),
                                    in.path("language").asText())));
                case "unfreezeAccount" ->
                    exists(id)
                            .orElseGet(() -> unfreeze(wallet.unfreeze(
                                    id,
                                    in.path("actor").asText(),
                                    in.path("reason").asText())));
                case "sendResetCode" ->
                    exists(id)
                            .orElseGet(() -> resetCode(wallet.sendResetCode(
                                    id,
                                    in.path("callId").asText(),
                                    in.path("language").asText())));
                case "unlockLogin" ->
                    exists(id).orElseGet(() -> {
                        Unlock u = wallet.unlockLogin(
                                id, in.path("callId").asText(), in.path("actor").asText());
                        return new Answer(200, JSON.createObjectNode().put("wasLocked", u.wasLocked()));
                    });
                default -> throw new IllegalStateException("no handler for " + op);
            };
        } catch (IllegalArgumentException e) {
            return new Answer(400, error("bad_request", e.getMessage(), "body"));
        }
    }

    private Optional<Answer> exists(long id) {
        return wallet.findById(id).isPresent()
                ? Optional.empty()
                : Optional.of(new Answer(404, error("not_found", "no such account", "accountId")));
    }

    private static Answer account(Optional<Account> account) {
        if (account.isEmpty()) {
            return new Answer(404, error("not_found", "no such account", null));
        }
        Account a = account.get();
        ObjectNode n = JSON.createObjectNode()
                .put("id", a.id())
                .put("msisdn", a.msisdn())
                .put("holderName", a.holderName())
                .put("status", a.status().wire())
                .put("loginLocked", a.loginLocked());
        n.put(
                "lastTrustedLogin",
                a.lastTrustedLogin() == null ? null : a.lastTrustedLogin().toString());
        return new Answer(200, n);
    }

    private static Answer pin(PinCheck c) {
        ObjectNode n = JSON.createObjectNode()
                .put("result", c.result().name().toLowerCase(Locale.ROOT))
                .put("attemptsLeft", c.attemptsLeft());
        n.put("lockedUntil", c.lockedUntil() == null ? null : c.lockedUntil().toString());
        return new Answer(200, n);
    }

    private static Answer recharges(List<Recharge> list) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode a = n.putArray("recharges");
        for (Recharge r : list) {
            ObjectNode x = a.addObject()
                    .put("id", r.id())
                    .put("reference", r.reference())
                    .put("amountFen", r.amountFen())
                    .put("at", r.at().toString())
                    .put("channel", r.channel())
                    .put("cardLast4", r.cardLast4())
                    .put("status", r.status().wire());
            x.put("failureReason", r.reason() == null ? null : r.reason().wire());
        }
        return new Answer(200, n);
    }

    private static Answer outgoing(List<io.hotline.wallet.OutgoingTransfer> list) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode a = n.putArray("transfers");
        for (var t : list) {
            a.addObject()
                    .put("id", t.id())
                    .put("reference", t.reference())
                    .put("kind", t.kind())
                    .put("amountFen", t.amountFen())
                    .put("feeFen", t.feeFen())
                    .put("destinationBank", t.destinationBank())
                    .put("destinationLast4", t.destinationLast4())
                    .put("submittedAt", t.submittedAt().toString())
                    .put("state", t.state().wire())
                    .put("processingAt", t.processingAt())
                    .put("expectedBy", t.expectedBy().toString())
                    .put(
                            "settledAt",
                            t.settledAt() == null ? null : t.settledAt().toString())
                    .put("reason", t.reason());
        }
        return new Answer(200, n);
    }

    private static Answer transactions(Instant since, List<Transaction> list) {
        ObjectNode n = JSON.createObjectNode().put("since", since.toString());
        ArrayNode a = n.putArray("transactions");
        for (Transaction t : list) {
            a.addObject()
                    .put("id", t.id())
                    .put("reference", t.reference())
                    .put("at", t.at().toString())
                    .put("amountFen", t.amountFen())
                    .put("kind", t.kind())
                    .put("counterparty", t.counterparty())
                    .put("channel", t.channel());
        }
        return new Answer(200, n);
    }

    private Answer freeze(Freeze f) {
        if (!f.alreadyFrozen() && sms != null) {
            sms.wake(); // the freeze notice the wallet queued with the freeze
        }
        return new Answer(
                200,
                JSON.createObjectNode()
                        .put("reference", f.reference())
                        .put("frozenAt", f.frozenAt().toString())
                        .put("alreadyFrozen", f.alreadyFrozen()));
    }

    private static Answer unfreeze(Unfreeze u) {
        return new Answer(
                200,
                JSON.createObjectNode()
                        .put("freezeReference", u.freezeReference())
                        .put("wasFrozen", u.wasFrozen()));
    }

    private Answer resetCode(ResetCode rc) {
        String result = switch (rc.result()) {
            case RATE_LIMITED -> "rate_limited";
            case QUEUED ->
                sms != null && sms.sendNow(rc.messageId(), Duration.ofMillis(700)) == SmsDispatch.SmsSent.ACCEPTED
                        ? "sent"
                        : "not_sent";
        };
        return new Answer(
                200,
                JSON.createObjectNode()
                        .put("result", result)
                        .put("maskedPhone", rc.maskedMsisdn().isEmpty() ? Masking.phone("") : rc.maskedMsisdn()));
    }

    private void off(HttpExchange ex, int status, String field, String message) throws IOException {
        violations.add(message);
        send(ex, status, error(status == 404 ? "not_found" : "bad_request", message, field));
    }

    private static ObjectNode error(String code, String message, String field) {
        ObjectNode n = JSON.createObjectNode().put("error", code).put("message", message);
        if (field != null) {
            n.put("field", field);
        }
        return n;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        releaseSlow();
        server.stop(0);
    }
}
