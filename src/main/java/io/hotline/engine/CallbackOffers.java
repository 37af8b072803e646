package io.hotline.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Books queued callbacks for the queue node's {@code callback:} offer. Implemented by the {@code contact} package.
 *
 * <p>Threading: called on the call's virtual thread; may block (JDBC).
 */
public interface CallbackOffers {

    /** How long a caller joining {@code queue} now would probably wait, or {@link Duration#ZERO} when unknown. */
    Duration estimatedWait(String queue);

    /**
     * Whether {@code number} may be called back for this call: the number the call came from, the account's
     * registered phone, or (callers without an account) any number the premium/foreign rule allows.
     */
    boolean mayCall(CallSnapshot call, String number);

    /**
     * Books the callback (committed before returning): it takes the caller's place in {@code queue} as of now, and
     * returns its reference, said to the caller.
     *
     * @param ticketRef the call's ticket, or empty when it could not be written
     * @param number    the full number to call back (sealed at rest, removed once the callback is done)
     */
    String book(CallSnapshot call, String queue, int priority, String ticketRef, String number) throws Exception;

    /**
     * Books the callback of a caller who left the PBX's queue to be called back (committed before returning): its
     * placeholder first joins {@code queue} at {@code position}, the place the caller had (app_queue's position, 1 =
     * next), rather than behind everyone waiting now. Returns its reference, said to the caller. Without a PBX that
     * takes positions this is {@link #book}.
     */
    default String bookAt(CallSnapshot call, String queue, int priority, String ticketRef, String number, int position)
            throws Exception {
        return book(call, queue, priority, ticketRef, number);
    }

    /**
     * Books a callback while {@code queue} is closed (committed before returning): it waits until the queue next
     * opens (by the calendar then in force; {@code opensAt} is what the caller was told), then joins the queue, in
     * the order such callbacks were taken. Returns its reference, said to the caller.
     *
     * @param ticketRef the call's ticket, or empty when it could not be written
     * @param number    the full number to call back (sealed at rest, removed once the callback is done)
     */
    String bookWhenOpen(CallSnapshot call, String queue, int priority, String ticketRef, String number, Instant opensAt)
            throws Exception;

    /** No callbacks: never offered. */
    CallbackOffers NONE = new CallbackOffers() {
        @Override
        public Duration estimatedWait(String queue) {
            return Duration.ZERO;
        }

        @Override
        public boolean mayCall(CallSnapshot call, String number) {
            return false;
        }

        @Override
        public String book(CallSnapshot call, String queue, int priority, String ticketRef, String number) {
            throw new IllegalStateException("no callbacks here");
        }

        @Override
        public String bookWhenOpen(
                CallSnapshot call, String queue, int priority, String ticketRef, String number, Instant opensAt) {
            throw new IllegalStateException("no callbacks here");
        }
    };

    /** Whether there is anyone to book callbacks with at all. */
    default boolean available() {
        return this != NONE;
    }
}
