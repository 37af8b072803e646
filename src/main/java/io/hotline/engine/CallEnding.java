package io.hotline.engine;

/**
 * How a call left the IVR.
 *
 * @param reason {@link Reason}
 * @param queue  the queue it went to, when queued
 * @param ticket the ticket reference, when one was written
 * @param detail a short human-readable note (error message without PII), or empty
 */
public record CallEnding(Reason reason, String queue, String ticket, String detail) {
    public CallEnding {
        queue = queue == null ? "" : queue;
        ticket = ticket == null ? "" : ticket;
        detail = detail == null ? "" : detail;
    }

    public enum Reason {
        /** Handed to an agent queue. */
        QUEUED,
        /** The flow said goodbye and hung up. */
        HANGUP,
        /** The caller hung up first. */
        CALLER_HANGUP,
        /** The caller booked a queued callback at a queue node and hung up; the detail is its reference. */
        CALLBACK,
        /** Something broke (telephony link, flow error); the session says what. */
        ERROR;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
