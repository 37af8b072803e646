package io.hotline.console;

import io.hotline.users.ConsoleUser;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The open console WebSockets, per signed-in user. Confined to the console's event loop.
 *
 * <p>Pops and other messages are always written. Board updates are only state: a socket that is not
 * keeping up (write queue full) skips them and gets the newest board once it drains, and a board equal
 * to the last one sent to that socket is not sent again.
 */
final class AgentHub {

    /** One open console. */
    static final class Socket {
        private final ServerWebSocket ws;
        private final ConsoleUser user;
        private final String sessionId;
        private String lastBoard = "";
        private String pendingBoard;

        Socket(ServerWebSocket ws, ConsoleUser user, String sessionId) {
            this.ws = ws;
            this.user = user;
            this.sessionId = sessionId;
            ws.drainHandler(v -> {
                String b = pendingBoard;
                pendingBoard = null;
                if (b != null) {
                    board(b);
                }
            });
        }

        ServerWebSocket ws() {
            return ws;
        }

        ConsoleUser user() {
            return user;
        }

        String sessionId() {
            return sessionId;
        }

        /** Sends a board unless it is the one last sent; holds it back while the socket is busy. */
        void board(String text) {
            if (ws.isClosed() || text.equals(lastBoard)) {
                return;
            }
            if (ws.writeQueueFull()) {
                pendingBoard = text;
                return;
            }
            lastBoard = text;
            ws.writeTextMessage(text);
        }
    }

    private final Map<String, List<Socket>> byLogin = new HashMap<>();
    /** Also hears every {@link #send} (the cluster link forwards it to the other nodes). */
    private java.util.function.BiConsumer<String, String> forward = (login, text) -> {};

    void forwardTo(java.util.function.BiConsumer<String, String> forward) {
        this.forward = forward;
    }

    /** Adds a socket; true when it is the user's first (they just came online). */
    boolean add(Socket s) {
        List<Socket> list = byLogin.computeIfAbsent(s.user().login(), k -> new ArrayList<>());
        list.add(s);
        return list.size() == 1;
    }

    /** Removes a socket; true when it was the user's last (they went offline). */
    boolean remove(Socket s) {
        List<Socket> list = byLogin.get(s.user().login());
        if (list == null || !list.remove(s)) {
            return false;
        }
        if (list.isEmpty()) {
            byLogin.remove(s.user().login());
            return true;
        }
        return false;
    }

    boolean online(String login) {
        return byLogin.containsKey(login);
    }

    Set<String> onlineLogins() {
        return Set.copyOf(byLogin.keySet());
    }

    /**
     * Sends a message to every console the user has open, on this node and (through the cluster link) on
     * the others; false when none is open on this node.
     */
    boolean send(String login, JsonObject message) {
        return sendText(login, message.encode());
    }

    /** As {@link #send}, already encoded; also forwarded to the other nodes (cluster link). */
    boolean sendText(String login, String text) {
        forward.accept(login, text);
        return sendHere(login, text);
    }

    /** Sends to the user's consoles on this node only (a message forwarded from another node). */
    boolean sendHere(String login, String text) {
        List<Socket> list = byLogin.get(login);
        if (list == null || list.isEmpty()) {
            return false;
        }
        for (Socket s : List.copyOf(list)) {
            write(s, text);
        }
        return true;
    }

    void write(Socket s, String text) {
        if (!s.ws().isClosed()) {
            s.ws().writeTextMessage(text);
        }
    }

    void forEach(Consumer<Socket> action) {
        for (List<Socket> list : List.copyOf(byLogin.values())) {
            for (Socket s : List.copyOf(list)) {
                action.accept(s);
            }
        }
    }

    /** Closes the sockets of one session (sign-out). */
    void closeSession(String sessionId) {
        forEach(s -> {
            if (s.sessionId().equals(sessionId)) {
                s.ws().close((short) 4401, "signed out");
            }
        });
    }

    int size() {
        return byLogin.values().stream().mapToInt(List::size).sum();
    }
}
