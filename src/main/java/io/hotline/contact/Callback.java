package io.hotline.contact;

import java.time.Instant;
import java.util.Objects;

/**
 * A queued callback as stored, without its number (only the masked one).
 *
 * @param reference    said to the caller, e.g. {@code CB-482915}
 * @param ticketRef    the call's ticket, or empty
 * @param callId       the call it was booked on
 * @param status       {@code pending} (waiting for its queue to open), {@code waiting}, {@code dialing}, {@code done}, {@code given_up}, {@code cancelled}
 * @param placedAt     the caller's place in the queue: when they would have joined it
 * @param attempts     calls back made so far
 * @param nextAttempt  when the placeholder may (again) wait in the queue; while pending, the opening the caller
 *                     was told
 * @param lastResult   how the last attempt went ({@code no-answer}, ...), or empty
 */
public record Callback(
        String reference,
        String ticketRef,
        String callId,
        String queue,
        int priority,
        String language,
        Long accountId,
        String numberMasked,
        String status,
        Instant placedAt,
        int attempts,
        Instant nextAttempt,
        String owner,
        String agent,
        String lastResult) {
    public Callback {
        Objects.requireNonNull(reference, "reference");
        ticketRef = ticketRef == null ? "" : ticketRef;
        callId = callId == null ? "" : callId;
        language = language == null ? "" : language;
        owner = owner == null ? "" : owner;
        agent = agent == null ? "" : agent;
        lastResult = lastResult == null ? "" : lastResult;
    }

    /** Booked while its queue was closed, waiting for it to open (then it joins the queue). */
    public boolean waitsForOpening() {
        return status.equals("pending");
    }

    /** Still to be made (waiting in the queue, or being dialed). */
    public boolean open() {
        return status.equals("waiting") || status.equals("dialing");
    }
}
