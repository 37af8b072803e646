package io.hotline.console;

import io.hotline.agents.AgentStatus;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The queue board as the consoles get it: the board itself, the links' states in the header and the agents'
 * states. A change is sent at most every {@value #BOARD_DEBOUNCE_MS} ms, {@value #BOARD_CHUNK} sockets per turn
 * of the event loop, one message per view (all queues, or one agent's queues). Confined to the console's event
 * loop.
 */
final class BoardFeed {
    static final long BOARD_DEBOUNCE_MS = 200;
    static final int BOARD_CHUNK = 16;

    private final Vertx vertx;
    private final Context context;
    private final QueueBoard board;
    private final AgentHub hub;
    private final UserDirectory people;
    private final Supplier<JsonArray> announcements;
    private final java.util.function.Function<JsonObject, JsonArray> callbacks;
    private final Map<String, LinkStatus> links = new TreeMap<>();
    private final Map<String, AgentStatus> agentStates = new HashMap<>();
    private boolean dirty;
    private long timer = -1;

    BoardFeed(
            Vertx vertx,
            Context context,
            QueueBoard board,
            AgentHub hub,
            UserDirectory people,
            Map<String, LinkStatus> initialLinks,
            Supplier<JsonArray> announcements,
            java.util.function.Function<JsonObject, JsonArray> callbacks) {
        this.vertx = vertx;
        this.context = context;
        this.board = board;
        this.hub = hub;
        this.people = people;
        this.announcements = announcements;
        this.callbacks = callbacks;
        this.links.putAll(initialLinks);
    }

    QueueBoard board() {
        return board;
    }

    /** Records a link's state; returns the one before, or null. */
    LinkStatus link(LinkStatus s) {
        return links.put(s.link(), s);
    }

    /** Every link's state by name, as the header and {@code /health} show it. */
    JsonObject linkView() {
        JsonObject view = new JsonObject();
        links.forEach((name, s) -> view.put(name, linkJson(s)));
        return view;
    }

    void agentStates(Map<String, AgentStatus> all) {
        agentStates.putAll(all);
    }

    void agentState(AgentStatus s) {
        agentStates.put(s.login(), s);
    }

    /** The board changed: it goes out within {@value #BOARD_DEBOUNCE_MS} ms, once for all changes meanwhile. */
    void changed() {
        dirty = true;
        if (timer < 0) {
            timer = vertx.setTimer(BOARD_DEBOUNCE_MS, id -> {
                timer = -1;
                if (dirty) {
                    dirty = false;
                    broadcast();
                }
            });
        }
    }

    /**
     * Sends the board to every console, {@value #BOARD_CHUNK} sockets per turn of the event loop so that
     * screen pops arriving meanwhile are not held up behind a long broadcast.
     */
    private void broadcast() {
        Map<String, String> byView = new HashMap<>();
        List<AgentHub.Socket> all = new ArrayList<>();
        hub.forEach(all::add);
        send(all, 0, byView);
    }

    private void send(List<AgentHub.Socket> all, int from, Map<String, String> byView) {
        int to = Math.min(all.size(), from + BOARD_CHUNK);
        for (AgentHub.Socket s : all.subList(from, to)) {
            ConsoleUser u = s.user();
            String key = u.role() == Role.AGENT ? "agent:" + String.join(",", u.queues()) : "all";
            s.board(byView.computeIfAbsent(key, k -> message(u).encode()));
        }
        if (to < all.size()) {
            context.runOnContext(v -> send(all, to, byView));
        }
    }

    /** The board as this user sees it, with the queued callbacks of its queues in their lines. */
    JsonObject message(ConsoleUser u) {
        JsonObject view = board.view(u, people.all(), hub.onlineLogins(), agentStates);
        return new JsonObject()
                .put("type", "board")
                .put("board", view)
                .put("links", linkView())
                .put("announcements", announcements.get())
                .put("callbacks", callbacks.apply(view));
    }

    static JsonObject linkJson(LinkStatus s) {
        return new JsonObject()
                .put("name", s.link())
                .put("state", s.state().wire())
                .put("detail", s.detail())
                .put("since", s.since().toString());
    }
}
