package io.hotline.tickets;

import java.time.Instant;

/**
 * One row of {@code call_sessions}: a call's trace through the IVR.
 *
 * @param callId       the call id
 * @param transport    {@code agi}, {@code ari} or {@code sim}; null if the start was never written
 * @param flowId       the flow the call started in
 * @param flowVersion  the flow-set version, or null
 * @param callerMasked the caller's number, masked
 * @param language     the caller's language
 * @param startedAt    when it started; null if the start was never written (database down then)
 * @param endedAt      when it ended, or null while in progress
 * @param endReason    {@code in_progress}, {@code queued}, {@code hangup}, {@code caller_hangup},
 *                     {@code error} or {@code interrupted} (the server stopped during the call)
 * @param queue        the queue it went to, or null
 * @param ticketRef    its ticket, or null
 * @param pathJson     the nodes visited, as JSON, or null
 * @param actionsJson  the actions done, as JSON, or null
 * @param detail       a short note, or null
 */
public record SessionRow(
        String callId,
        String transport,
        String flowId,
        Long flowVersion,
        String callerMasked,
        String language,
        Instant startedAt,
        Instant endedAt,
        String endReason,
        String queue,
        String ticketRef,
        String pathJson,
        String actionsJson,
        String detail) {}
