package io.hotline.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * The server's meters in one Prometheus registry: calls (through {@link #calls()}), links, the JVM.
 * One per process, created by {@code serve}. Thread-safe.
 */
public final class HotlineMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CallMetrics calls;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public HotlineMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
        calls = new CallMetrics(registry);
    }

    /** The engine listener that counts calls, outcomes, actions and hand-offs. */
    public CallMetrics calls() {
        return calls;
    }

    /**
     * Reports a link's state as {@code hotline_link_up{link=name}}, read at each scrape (so the supplier
     * must be cheap and never block).
     */
    public void link(String name, BooleanSupplier up) {
        Gauge.builder("hotline_link_up", up, s -> s.getAsBoolean() ? 1 : 0)
                .description("1 when the link is connected (AMI, ARI) or listening (FastAGI)")
                .tag("link", name)
                .strongReference(true)
                .register(registry);
    }

    /** The registry, to bind more meters (e.g. the database pool). */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
