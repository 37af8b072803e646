package io.hotline.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Engine settings.
 *
 * @param ticketBudget  how long writing a ticket at a queue node may take before the call
 *                      goes on to the queue without one
 * @param fallbackQueue where a call goes when the flow itself fails (bug, missing flow),
 *                      so no caller is stranded
 * @param maxSteps      node visits allowed in one call (guards against runaway loops)
 * @param maxDepth      nested subflows allowed
 */
public record EngineOptions(Duration ticketBudget, String fallbackQueue, int maxSteps, int maxDepth) {
    public EngineOptions {
        Objects.requireNonNull(ticketBudget, "ticketBudget");
        Objects.requireNonNull(fallbackQueue, "fallbackQueue");
        if (maxSteps < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("maxSteps and maxDepth must be positive");
        }
    }

    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofSeconds(3), "general-support", 1000, 8);
    }
}
