package io.hotline.console;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small helpers for JSON answers and requests. */
final class Http {
    static final String SESSION = "hotline.session";

    private Http() {
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }

    static void ok(RoutingContext ctx, JsonObject body) {
        json(ctx, 200, body);
    }

    static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("error", message));
    }

    /** The request's JSON body, or an empty object when there is none or it is not JSON. */
    static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject b = ctx.body() == null ? null : ctx.body().asJsonObject();
            return b == null ? new JsonObject() : b;
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    static Sessions.Session session(RoutingContext ctx) {
        return ctx.get(SESSION);
    }

    static ConsoleUser user(RoutingContext ctx) {
        Sessions.Session s = session(ctx);
        return s == null ? null : s.user;
    }

    /**
     * True when a browser request comes from our own pages: no {@code Origin} (same-origin GETs,
     * non-browser clients) or an {@code Origin} whose host is the one the request was sent to.
     */
    static boolean sameOrigin(HttpServerRequest req) {
        String origin = req.getHeader("Origin");
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        String host = req.getHeader("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    static JsonObject userJson(ConsoleUser u) {
        return new JsonObject()
                .put("login", u.login())
                .put("name", u.displayName())
                .put("role", u.role().wire())
                .put("interface", u.agentInterface())
                .put("queues", new io.vertx.core.json.JsonArray(u.queues()))
                .put("mayUnfreeze", u.mayUnfreeze());
    }
}
