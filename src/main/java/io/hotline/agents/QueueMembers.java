package io.hotline.agents;

/**
 * The PBX side of agent state: queue membership and pause. Implemented by the simulated queues and by
 * Asterisk's app_queue over AMI ({@code QueueAdd}, {@code QueueRemove}, {@code QueuePause}).
 *
 * <p>Threading: every method returns at once (an adapter that talks to a PBX does so on its own thread, in
 * the order the calls were made); a failure is logged by the adapter and repaired by the next
 * {@link AgentDesk#resync()}.
 */
public interface QueueMembers {
    /**
     * Adds the member to their queues, paused (with the reason) or not; a member already there is paused or
     * unpaused to match.
     */
    void join(Member m, boolean paused, String reason);

    /** Removes the member from their queues. */
    void leave(Member m);

    /** Pauses (with a reason) or unpauses the member in all their queues. */
    void pause(Member m, boolean paused, String reason);
}
