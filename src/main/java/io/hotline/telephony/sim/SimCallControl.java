package io.hotline.telephony.sim;

import io.hotline.telephony.queue.MemberState;
import io.hotline.telephony.queue.QueueEvent;
import java.time.Instant;

/**
 * What an agent (or a supervisor) does to a simulated call once it is in a queue: hold and resume, blind
 * transfer to a queue or one agent, a supervisor giving a waiting caller to an agent. Always called by
 * {@link SimQueues} holding its lock, on its state.
 */
final class SimCallControl {
    private SimCallControl() {}

    /**
     * The agent puts the caller on hold (music) or takes them back; false when they are not talking on that
     * call. The agent stays on the call; their line shows on hold.
     */
    static boolean hold(SimQueues q, String agentInterface, String callKey, boolean hold) {
        SimQueues.Entry e = q.calls.get(callKey);
        if (e == null || e.stage != SimQueues.Stage.TALKING || !e.agent.equals(agentInterface)) {
            return false;
        }
        e.onHold = hold;
        q.memberState(q.agentFor(agentInterface), hold ? MemberState.ON_HOLD : MemberState.IN_USE);
        q.notifyCaller(e);
        return true;
    }

    /**
     * Blind transfer to another queue: the agent's part of the call ends ({@code AgentCompleted}, reason
     * {@code transfer}) and the caller joins {@code queue} with the same call (variables, ticket), as after a
     * dialplan redirect into that queue. False when the agent is not talking on that call.
     */
    static boolean transfer(SimQueues q, String agentInterface, String callKey, String queue) {
        SimQueues.Entry e = q.calls.get(callKey);
        if (e == null || e.stage != SimQueues.Stage.TALKING || !e.agent.equals(agentInterface)) {
            return false;
        }
        Instant now = q.clock.instant();
        q.sink.publish(new QueueEvent.AgentCompleted(e.queue, e.call, e.agent, "transfer", 0, now));
        q.release(e.agent);
        e.queue = queue;
        e.stage = SimQueues.Stage.WAITING;
        e.agent = "";
        e.onHold = false;
        q.sink.publish(new QueueEvent.CallerJoined(queue, e.call, q.position(e), now));
        SimQueues.log.info("sim queue {}: call {} transferred in by {}", queue, callKey, agentInterface);
        q.notifyCaller(e);
        q.dispatch();
        return true;
    }

    /**
     * Blind transfer to one agent: as {@link #transfer} into the call's queue, but the call rings only
     * {@code toInterface}; false when that agent is not ready, busy or q.paused.
     */
    static boolean transferTo(SimQueues q, String agentInterface, String callKey, String toInterface, String queue) {
        SimQueues.Entry e = q.calls.get(callKey);
        SimQueues.SimAgent to = q.ready.get(toInterface);
        if (e == null
                || e.stage != SimQueues.Stage.TALKING
                || !e.agent.equals(agentInterface)
                || to == null
                || q.busy.containsKey(toInterface)
                || q.paused.contains(toInterface)) {
            return false;
        }
        Instant now = q.clock.instant();
        q.sink.publish(new QueueEvent.AgentCompleted(e.queue, e.call, e.agent, "transfer", 0, now));
        q.release(e.agent);
        e.queue = queue;
        e.onHold = false;
        q.sink.publish(new QueueEvent.CallerJoined(queue, e.call, q.position(e), now));
        q.offer(e, to);
        return true;
    }

    /**
     * A supervisor hands a waiting caller to one agent: the call rings that agent now (a ring to someone else is
     * withdrawn first). False when the call is not waiting or ringing, or the agent is not ready, busy or q.paused.
     */
    static boolean offerTo(SimQueues q, String callKey, String agentInterface) {
        SimQueues.Entry e = q.calls.get(callKey);
        SimQueues.SimAgent to = q.ready.get(agentInterface);
        if (e == null
                || e.stage == SimQueues.Stage.TALKING
                || to == null
                || q.busy.containsKey(agentInterface)
                || q.paused.contains(agentInterface)) {
            return false;
        }
        if (e.stage == SimQueues.Stage.RINGING) {
            SimQueues.cancelTimer(e);
            String was = e.agent;
            q.sink.publish(new QueueEvent.AgentRingNoAnswer(e.queue, e.call, was, 0, q.clock.instant()));
            q.busy.remove(was);
            SimQueues.SimAgent a = q.ready.get(was);
            if (a != null) {
                q.memberState(a, MemberState.NOT_IN_USE);
            }
        }
        q.offer(e, to);
        return true;
    }
}
