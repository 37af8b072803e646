package io.hotline.engine;

import java.time.Instant;

/**
 * One node visited.
 *
 * @param flowId the flow the node belongs to
 * @param nodeId the node
 * @param type   the node type ({@code menu}, {@code input}, ...)
 * @param input  keys pressed there ({@code "2"}, {@code "****"} for secure input,
 *               {@code "timeout"}, or empty)
 * @param exit   the exit taken (target node id, action outcome, or {@code hangup})
 * @param at     when the node was entered
 */
public record PathStep(String flowId, String nodeId, String type, String input, String exit, Instant at) {}
