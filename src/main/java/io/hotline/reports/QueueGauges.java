package io.hotline.reports;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The real-time queue figures as Prometheus gauges, per queue (tag {@code queue}): {@code hotline_queue_waiting},
 * {@code hotline_queue_longest_wait_seconds}, {@code hotline_queue_agents{state=available|on_call|paused|wrap_up}},
 * and today's {@code hotline_queue_offered_today}, {@code hotline_queue_answered_today},
 * {@code hotline_queue_abandoned_today}, {@code hotline_queue_service_level} (0..1, NaN before the first call)
 * {@code hotline_queue_asa_seconds} and {@code hotline_queue_callbacks_pending}: the same numbers as the console (README: Report figures). Gauges are
 * registered for the configured queues ({@code HOTLINE_QUEUES}) when bound, never during a scrape.
 */
public final class QueueGauges {
    private final MeterRegistry registry;
    private final Supplier<List<QueueFigures>> figures;
    private final Set<String> bound = new HashSet<>();

    private QueueGauges(MeterRegistry registry, Supplier<List<QueueFigures>> figures) {
        this.registry = registry;
        this.figures = figures;
    }

    /** Registers the gauges of {@code queues}, reading their values from {@code figures} at each scrape. */
    public static QueueGauges bind(MeterRegistry registry, List<String> queues, Supplier<List<QueueFigures>> figures) {
        var g = new QueueGauges(registry, figures);
        queues.forEach(g::register);
        return g;
    }

    private synchronized void register(String name) {
        if (!bound.add(name)) {
            return;
        }
        gauge("hotline_queue_waiting", name, "callers waiting now", f -> f.waiting());
        gauge("hotline_queue_longest_wait_seconds", name, "longest wait now", f -> f.longestWaitSeconds());
        agents(name, "available", f -> f.available());
        agents(name, "on_call", f -> f.onCall());
        agents(name, "paused", f -> f.paused());
        agents(name, "wrap_up", f -> f.wrapUp());
        gauge(
                "hotline_queue_offered_today",
                name,
                "offered since midnight",
                f -> f.today().offered());
        gauge(
                "hotline_queue_answered_today",
                name,
                "answered since midnight",
                f -> f.today().answered());
        gauge(
                "hotline_queue_abandoned_today",
                name,
                "abandoned since midnight (short abandons apart)",
                f -> f.today().abandoned());
        gauge(
                "hotline_queue_service_level",
                name,
                "answered in target / (answered + abandoned after target)",
                f -> f.today().serviceLevel() == null ? Double.NaN : f.today().serviceLevel());
        gauge(
                "hotline_queue_asa_seconds",
                name,
                "average speed of answer today",
                f -> f.today().asa() == null ? Double.NaN : f.today().asa());
        gauge(
                "hotline_queue_callbacks_pending",
                name,
                "callbacks promised and not yet made",
                QueueFigures::callbacksPending);
    }

    private void gauge(String metric, String queue, String help, ToDoubleFunction<QueueFigures> value) {
        Gauge.builder(metric, this, g -> g.of(queue).map(value::applyAsDouble).orElse(Double.NaN))
                .description(help)
                .tag("queue", queue)
                .strongReference(true)
                .register(registry);
    }

    private void agents(String queue, String state, ToDoubleFunction<QueueFigures> value) {
        Gauge.builder(
                        "hotline_queue_agents",
                        this,
                        g -> g.of(queue).map(value::applyAsDouble).orElse(Double.NaN))
                .description("queue members by state")
                .tag("queue", queue)
                .tag("state", state)
                .strongReference(true)
                .register(registry);
    }

    private Optional<QueueFigures> of(String queue) {
        return figures.get().stream().filter(f -> f.queue().equals(queue)).findFirst();
    }
}
