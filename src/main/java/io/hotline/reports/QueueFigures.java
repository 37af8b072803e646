package io.hotline.reports;

/**
 * One queue right now, as the console, the wallboard and Prometheus show it: live counts from the
 * queue events (AMI or the simulator) and today's figures from the durable record.
 *
 * @param queue              the queue
 * @param waiting            callers waiting now
 * @param longestWaitSeconds how long the longest-waiting caller has waited, 0 when none waits
 * @param available          members free to take a call (logged in, not paused, not on a call, not in wrap-up)
 * @param onCall             members ringing or talking
 * @param paused             members paused and not on a call
 * @param wrapUp             members in after-call work (the wrap-up time after a call)
 * @param today              today's figures (since local midnight)
 * @param targetSeconds      the queue's service-level target
 * @param slStatus           {@code good}, {@code warn} or {@code bad}: service level against the goal
 * @param waitStatus         {@code good}, {@code warn} or {@code bad}: longest wait against the target
 * @param callbacksPending   callbacks promised and not yet made (waiting for the caller's turn, or being dialled)
 */
public record QueueFigures(
        String queue,
        int waiting,
        long longestWaitSeconds,
        int available,
        int onCall,
        int paused,
        int wrapUp,
        Figures today,
        long targetSeconds,
        String slStatus,
        String waitStatus,
        int callbacksPending) {}
