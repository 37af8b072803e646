/**
 * Operations: Prometheus metrics through Micrometer, and the {@code /metrics} and {@code /ready}
 * endpoints served by the console's web server.
 *
 * <p>The engine knows nothing of this package: {@link io.hotline.metrics.CallMetrics} is a
 * {@link io.hotline.engine.CallListener} that serve adds to the engine, and links (AMI, ARI, FastAGI)
 * are read when Prometheus scrapes. Meters (all prefixed {@code hotline_}):
 * <ul>
 *   <li>{@code hotline_calls_in_progress} (gauge)</li>
 *   <li>{@code hotline_calls_ended_total{reason,queue}}: journeys by outcome ({@code queued},
 *       {@code hangup}, {@code caller_hangup}, {@code error}; the queue when queued)</li>
 *   <li>{@code hotline_action_duration_seconds{action,outcome}}: action latency histogram</li>
 *   <li>{@code hotline_queue_handoffs_total{queue,ticket}}: hand-offs to agent queues, {@code ticket="no"}
 *       when the ticket could not be written</li>
 *   <li>{@code hotline_link_up{link}}: 1 connected, 0 not, for {@code ami}, {@code ari}, {@code agi}
 *       (listening); absent when that link is not configured</li>
 *   <li>with {@code HOTLINE_WALLET=http}: {@code hotline_wallet_request_seconds{operation,outcome}} (one per
 *       attempt), {@code hotline_wallet_retries_total{operation}}, {@code hotline_wallet_circuit_state} (0 closed,
 *       1 open, 2 half-open); registered by the core on {@code Hotline.meters()}, which serve joins to this
 *       registry</li>
 *   <li>the JVM's memory, GC and threads, and the HikariCP pool when registered</li>
 * </ul>
 */
package io.hotline.metrics;
