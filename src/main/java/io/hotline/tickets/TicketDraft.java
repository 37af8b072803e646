package io.hotline.tickets;

import java.util.Objects;

/**
 * What the IVR knows when it opens or updates a call's ticket.
 *
 * @param callId       the call; one call has at most one ticket (null: a ticket without a call)
 * @param category     e.g. {@code fraud}, {@code recharge}, {@code complaint}
 * @param queue        the agent queue it goes to, or null while not queued
 * @param priority     the queue priority (higher first)
 * @param accountId    the caller's account, when identified
 * @param callerMasked the caller's number, masked
 * @param verified     whether the caller proved who they are
 * @param verifiedBy   how (e.g. {@code pin}), or null
 * @param contextJson  a JSON object with what the menus found and did (never PINs or codes), or null
 * @param flowVersion  the flow-set version the call ran on
 */
public record TicketDraft(
        String callId,
        String category,
        String queue,
        int priority,
        Long accountId,
        String callerMasked,
        boolean verified,
        String verifiedBy,
        String contextJson,
        long flowVersion) {
    public TicketDraft {
        Objects.requireNonNull(category, "category");
        if (category.isBlank()) {
            throw new IllegalArgumentException("a ticket needs a category");
        }
        if (contextJson == null || contextJson.isBlank()) {
            contextJson = "{}";
        }
    }
}
