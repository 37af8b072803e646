package io.hotline.metrics;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /metrics} (Prometheus text format) and {@code GET /ready} on a Vert.x router. Ready means
 * every check passes (serve registers: the database answers, flows are published, telephony listens);
 * the answer is 200 or 503 with each check's result, so an orchestrator routes calls only to a node that
 * can take them. Checks may block (the database one does): they run on a worker thread, never on the
 * event loop. {@code /health} (liveness, link states) is the console's own.
 */
public final class OpsEndpoints {
    private final HotlineMetrics metrics;
    private final Map<String, BooleanSupplier> checks = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    public OpsEndpoints(HotlineMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics);
    }

    /** Adds a readiness check (before {@link #mount}). */
    public OpsEndpoints check(String name, BooleanSupplier check) {
        checks.put(name, check);
        return this;
    }

    /** Mounts the two routes. */
    public void mount(Router router) {
        router.get("/metrics").handler(this::metrics);
        router.get("/ready").handler(this::ready);
    }

    private void metrics(RoutingContext ctx) {
        ctx.vertx().executeBlocking(metrics::scrape, false).onComplete(ar -> {
            if (ar.failed()) {
                ctx.response().setStatusCode(500).end();
                return;
            }
            ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(ar.result());
        });
    }

    private void ready(RoutingContext ctx) {
        ctx.vertx()
                .executeBlocking(
                        () -> {
                            JsonObject results = new JsonObject();
                            boolean all = true;
                            Map<String, BooleanSupplier> now;
                            synchronized (checks) {
                                now = new LinkedHashMap<>(checks);
                            }
                            for (var e : now.entrySet()) {
                                boolean ok;
                                try {
                                    ok = e.getValue().getAsBoolean();
                                } catch (RuntimeException failed) {
                                    ok = false;
                                }
                                results.put(e.getKey(), ok);
                                all &= ok;
                            }
                            return new JsonObject().put("ready", all).put("checks", results);
                        },
                        false)
                .onComplete(ar -> {
                    JsonObject body = ar.succeeded() ? ar.result() : new JsonObject().put("ready", false);
                    ctx.response()
                            .setStatusCode(body.getBoolean("ready") ? 200 : 503)
                            .putHeader("Content-Type", "application/json")
                            .putHeader("Cache-Control", "no-store")
                            .end(body.encode());
                });
    }
}
