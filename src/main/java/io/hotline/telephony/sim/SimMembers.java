package io.hotline.telephony.sim;

import io.hotline.agents.Member;
import io.hotline.agents.QueueMembers;
import java.util.Set;

/** Agent state on the simulated queues: a member is a ready {@link SimQueues.SimAgent}, paused or not. */
public final class SimMembers implements QueueMembers {
    private final SimQueues sim;

    public SimMembers(SimQueues sim) {
        this.sim = sim;
    }

    @Override
    public void join(Member m, boolean paused, String reason) {
        sim.pause(m.simInterface(), paused);
        sim.agentReady(new SimQueues.SimAgent(m.simInterface(), m.name(), Set.copyOf(m.queues())));
    }

    @Override
    public void leave(Member m) {
        sim.agentAway(m.simInterface());
        sim.pause(m.simInterface(), false);
    }

    @Override
    public void pause(Member m, boolean paused, String reason) {
        sim.pause(m.simInterface(), paused);
    }
}
