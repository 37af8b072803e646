package io.hotline.console;

import io.hotline.engine.Engine;
import io.hotline.prompts.PromptService;
import io.hotline.telephony.sim.SimQueues;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's WebSockets: {@code /ws/console} (the board, the pops, agent states; opening the first signs an
 * agent in for the queues, closing the last starts the grace period) and {@code /ws/softphone} (a simulated
 * caller). Both need a session and our own origin. Confined to the console's event loop.
 */
final class ConsoleSockets {
    private static final Logger log = LoggerFactory.getLogger(ConsoleSockets.class);

    /** What the softphone's caller runs on; {@code prompts} is null without prompt sounds. */
    record Softphone(boolean enabled, Engine engine, SimQueues sim, PromptService prompts) {}

    private final Context context;
    private final AuthRoutes auth;
    private final Sessions sessions;
    private final UserDirectory people;
    private final AgentHub hub;
    private final AgentRoutes agents;
    private final BoardFeed feed;
    private final LiveBoard liveBoard;
    private final PopDesk pops;
    private final Softphone softphone;

    ConsoleSockets(
            Context context,
            AuthRoutes auth,
            Sessions sessions,
            UserDirectory people,
            AgentHub hub,
            AgentRoutes agents,
            BoardFeed feed,
            LiveBoard liveBoard,
            PopDesk pops,
            Softphone softphone) {
        this.context = context;
        this.auth = auth;
        this.sessions = sessions;
        this.people = people;
        this.hub = hub;
        this.agents = agents;
        this.feed = feed;
        this.liveBoard = liveBoard;
        this.pops = pops;
        this.softphone = softphone;
    }

    void console(RoutingContext ctx) {
        var session = auth.signedIn(ctx);
        if (session.isEmpty() || !Http.sameOrigin(ctx.request())) {
            Http.error(ctx, session.isEmpty() ? 401 : 403, "sign in first");
            return;
        }
        Sessions.Session s = session.get();
        ConsoleUser user = people.byLogin(s.user.login()).orElse(s.user);
        ctx.request()
                .toWebSocket()
                .onSuccess(ws -> open(ws, user, s))
                .onFailure(e -> log.debug("console WebSocket upgrade failed: {}", e.toString()));
    }

    private void open(ServerWebSocket ws, ConsoleUser user, Sessions.Session session) {
        var sock = new AgentHub.Socket(ws, user, session.id);
        boolean first = hub.add(sock);
        if (first) {
            agents.opened(user);
        }
        ws.textMessageHandler(text -> {
            // the page pings to keep its session alive while it stays open
            if (sessions.find(session.id).isEmpty()) {
                ws.close((short) 4401, "session expired");
            }
        });
        ws.exceptionHandler(e -> log.debug("console WebSocket of {}: {}", user.login(), e.toString()));
        ws.closeHandler(v -> {
            if (hub.remove(sock)) {
                agents.closed(user);
            }
            feed.changed();
        });
        hub.write(
                sock,
                new JsonObject()
                        .put("type", "hello")
                        .put("user", Http.userJson(user))
                        .encode());
        sock.board(feed.message(user).encode());
        if (user.role() != Role.AGENT) {
            hub.write(sock, liveBoard.message().encode());
        }
        pops.livePops(user)
                .onSuccess(list -> list.forEach(p -> hub.write(
                        sock,
                        new JsonObject()
                                .put("type", "pop")
                                .put("pop", p)
                                .put("again", true)
                                .encode())));
        feed.changed();
    }

    void softphone(RoutingContext ctx) {
        var session = auth.signedIn(ctx);
        if (!softphone.enabled()) {
            Http.error(ctx, 404, "the softphone is switched off (HOTLINE_SOFTPHONE=false)");
            return;
        }
        if (session.isEmpty() || !Http.sameOrigin(ctx.request())) {
            Http.error(ctx, session.isEmpty() ? 401 : 403, "sign in first");
            return;
        }
        ConsoleUser user = session.get().user;
        ctx.request()
                .toWebSocket()
                .onSuccess(ws -> new SoftphoneSession(
                        ws,
                        context,
                        softphone.engine(),
                        softphone.sim(),
                        user,
                        softphone.prompts() == null ? null : new SoftphoneAudio(softphone.prompts())))
                .onFailure(e -> log.debug("softphone WebSocket upgrade failed: {}", e.toString()));
    }
}
