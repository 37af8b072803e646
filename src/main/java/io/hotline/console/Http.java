package io.hotline.console;

import io.hotline.users.ConsoleUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small helpers for JSON answers and requests. */
final class Http {
    static final String SESSION = "hotline.session";

    private Http() {}

    static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
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

    /** The request's JSON body, field by field; a bad field throws {@link JsonBody.BadField}. */
    static JsonBody body(RoutingContext ctx) {
        return JsonBody.of(ctx);
    }

    /** 400 naming the field. */
    static void badField(RoutingContext ctx, JsonBody.BadField bad) {
        json(ctx, 400, new JsonObject().put("error", bad.getMessage()).put("field", bad.field));
    }

    /**
     * The API's failure handler: a {@link JsonBody.BadField} thrown by a handler is 400 naming the field; a
     * status set by a framework handler (413 from the body limit) is answered in JSON; anything else is
     * logged on one line and answered 500 without details.
     */
    static void apiFailure(RoutingContext ctx) {
        Throwable t = ctx.failure();
        if (t instanceof JsonBody.BadField bad) {
            badField(ctx, bad);
            return;
        }
        if (t == null && ctx.statusCode() == 413) {
            boolean admin = ctx.request().path().startsWith("/api/admin/");
            error(
                    ctx,
                    413,
                    "the request body is larger than this route takes ("
                            + (admin
                                    ? AdminRoutes.MAX_YAML / 1024 + " KiB of YAML"
                                    : ConsoleServer.API_BODY_LIMIT / 1024 + " KiB")
                            + ")");
            return;
        }
        if (t == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
            error(ctx, ctx.statusCode(), "the request could not be read");
            return;
        }
        org.slf4j.LoggerFactory.getLogger(Http.class)
                .warn(
                        "console request {} failed: {}",
                        ctx.request().path(),
                        t == null ? "status " + ctx.statusCode() : t.toString());
        error(ctx, 500, "something went wrong on our side");
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
