package io.hotline.engine;

/**
 * Opens or updates the call's ticket. Implemented on top of the {@code tickets} package.
 * One call has at most one ticket: a second request for the same call updates it.
 *
 * <p>Threading: called on a virtual thread; may block.
 */
public interface TicketDesk {

    /**
     * Writes the ticket (committed before returning) and returns its reference.
     *
     * @param call     everything known about the call (path, actions, variables)
     * @param category e.g. {@code fraud}, {@code recharge}, {@code complaint}
     * @param queue    the agent queue it goes to
     * @param priority the queue priority
     */
    String openOrUpdate(CallSnapshot call, String category, String queue, int priority) throws Exception;

    /**
     * Keeps a voice message the caller left (a complaint's), with the call's ticket: stored before returning, found
     * from the ticket by its call. Returns false when this desk keeps no recordings.
     *
     * @param purpose what it is, the flow's variable for it (e.g. {@code complaint.message})
     */
    default boolean keepRecording(CallSnapshot call, String purpose, io.hotline.call.Recording recording)
            throws Exception {
        return false;
    }
}
