package io.hotline.metrics;

import io.hotline.call.CallInfo;
import io.hotline.engine.ActionRecord;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what the engine does, as a {@link CallListener} added to the engine. Called on the calls' own
 * threads; only increments meters, never blocks.
 */
public final class CallMetrics implements CallListener {
    private final MeterRegistry registry;
    private final AtomicInteger inProgress = new AtomicInteger();

    CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("hotline_calls_in_progress", inProgress, AtomicInteger::get)
                .description("calls running through the IVR now")
                .register(registry);
    }

    @Override
    public void started(CallInfo call) {
        inProgress.incrementAndGet();
    }

    @Override
    public void actionDone(ActionRecord record) {
        Timer.builder("hotline_action_duration_seconds")
                .description("how long flow actions take, by action and outcome")
                .tag("action", record.name())
                .tag("outcome", record.outcome())
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(1))
                .register(registry)
                .record(Duration.ofMillis(record.millis()));
    }

    @Override
    public void ended(CallEnding ending) {
        inProgress.decrementAndGet();
        String reason = ending.reason().wire();
        Counter.builder("hotline_calls_ended_total")
                .description("calls by how they ended (journeys by outcome)")
                .tag("reason", reason)
                .tag("queue", ending.queue())
                .register(registry)
                .increment();
        if (!ending.queue().isEmpty()) {
            Counter.builder("hotline_queue_handoffs_total")
                    .description("calls handed to an agent queue")
                    .tag("queue", ending.queue())
                    .tag("ticket", ending.ticket().isEmpty() ? "no" : "yes")
                    .register(registry)
                    .increment();
        }
    }

    /** Calls running now. */
    public int inProgress() {
        return inProgress.get();
    }
}
