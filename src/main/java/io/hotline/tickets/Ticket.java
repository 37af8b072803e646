package io.hotline.tickets;

import java.time.Instant;
import java.util.Objects;

/**
 * A ticket as stored.
 *
 * @param id           database id
 * @param reference    e.g. {@code T-482915}, said to the caller and shown to the agent
 * @param callId       the call that opened it, or null
 * @param category     e.g. {@code fraud}
 * @param queue        the agent queue, or null
 * @param priority     queue priority
 * @param status       {@code open}, {@code queued}, {@code with_agent}, {@code abandoned} (the caller hung up waiting) or {@code closed}
 * @param accountId    the account, or null
 * @param callerMasked the caller's number, masked
 * @param verified     whether the caller was verified
 * @param verifiedBy   how, or null
 * @param contextJson  the context as a JSON object (PostgreSQL's normalised text)
 * @param flowVersion  flow-set version
 * @param createdAt    when opened
 * @param updatedAt    when last changed
 * @param dueAt        when it must be answered (a complaint: 24 hours after the call), or null
 */
public record Ticket(
        long id,
        String reference,
        String callId,
        String category,
        String queue,
        int priority,
        String status,
        Long accountId,
        String callerMasked,
        boolean verified,
        String verifiedBy,
        String contextJson,
        long flowVersion,
        Instant createdAt,
        Instant updatedAt,
        Instant dueAt) {
    public Ticket {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(status, "status");
    }

    /** Past its due time and not closed. */
    public boolean overdue(Instant now) {
        return dueAt != null && !"closed".equals(status) && now.isAfter(dueAt);
    }
}
