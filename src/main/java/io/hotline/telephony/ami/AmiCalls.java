package io.hotline.telephony.ami;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.ParkAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.response.GetVarResponse;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call control on Asterisk for calls app_queue connected: hang up the caller's channel, and blind transfer to
 * another queue ({@code Setvar __HOTLINE_QUEUE}, then {@code Redirect} of the caller's channel to
 * {@code queues,<queue>,1} of the shipped dialplan; the ticket variables stay on the channel, so the next
 * agent's AgentCalled carries the same ticket).
 *
 * <p>Hold and resume (AMI has no hold action for a bridged call): hold parks the caller in the default parking
 * lot (music on hold) with {@code Park Channel=<caller> TimeoutChannel=<the agent's leg>} (the caller's
 * {@code BRIDGEPEER}); the agent's leg stays in app_queue's bridge, and app_queue keeps tracking the call.
 * Resume clears the {@code BLINDTRANSFER} Park set on the caller (or app_queue would never send AgentComplete),
 * sets {@code BLINDTRANSFER} on the agent's leg (so app_queue does not take the Redirect's hang-up request for the
 * end of the call), and redirects the agent's leg to {@code hotline-hold,<parking slot>,1}, which runs
 * {@code ParkedCall(default,<slot>)} (docker/asterisk/extensions.conf). Not the AMI {@code Bridge} action: its
 * after-goto would restart the agent's leg in the agents context and ring the agent again after the call.
 *
 * <p>Threading: blocking (AMI round trips); call on a virtual thread, never an event loop.
 */
public final class AmiCalls {
    private static final Logger log = LoggerFactory.getLogger(AmiCalls.class);
    /** The shipped dialplan's queue entry (docker/asterisk/extensions.conf). */
    public static final String QUEUE_CONTEXT = "queues";

    /** The shipped dialplan's context that takes a parked caller back to the agent (docker/asterisk/extensions.conf). */
    public static final String HOLD_CONTEXT = "hotline-hold";
    /** The longest a caller stays parked on hold before res_parking gives them back to the agent's leg. */
    static final int HOLD_TIMEOUT_MS = 3_600_000;

    private final AmiLink link;
    /** The agent's leg of each caller on hold (caller channel to agent channel), to take the caller back to. */
    private final Map<String, String> onHold = new ConcurrentHashMap<>();

    public AmiCalls(AmiLink link) {
        this.link = link;
    }

    /** Puts the caller of {@code channel} on hold (parked, music); false when not bridged, refused or the link is down. */
    public boolean hold(String channel) {
        String agentLeg = variable(channel, "BRIDGEPEER").orElse("");
        if (agentLeg.isEmpty()) {
            log.warn("AMI: cannot hold {}: it is not bridged to an agent", channel);
            return false;
        }
        if (!ok(
                new ParkAction(channel, agentLeg, HOLD_TIMEOUT_MS),
                "park " + channel + " (hold, agent " + agentLeg + ")")) {
            return false;
        }
        onHold.put(channel, agentLeg);
        return true;
    }

    /**
     * Takes the caller of {@code channel} off hold, back to the agent who held them; false when that failed. The
     * parking space comes from res_parking's ParkedCall event ({@link AmiLink#parkingSpace}).
     */
    public boolean resume(String channel) {
        // Park set BLINDTRANSFER on the caller to the timeout channel, the agent's leg: it names the leg when this
        // node did not hold the call itself (another console node, or a restart since)
        String agentLeg = onHold.get(channel);
        if (agentLeg == null) {
            agentLeg = variable(channel, "BLINDTRANSFER").orElse(null);
        }
        String slot = link.parkingSpace(channel).orElse("");
        if (agentLeg == null || slot.isEmpty()) {
            log.warn("AMI: cannot resume {}: it is not parked by a hold", channel);
            return false;
        }
        boolean back = ok(new SetVarAction(channel, "BLINDTRANSFER", ""), "clear BLINDTRANSFER of " + channel)
                && ok(new SetVarAction(agentLeg, "BLINDTRANSFER", HOLD_CONTEXT), "mark " + agentLeg + " resuming")
                && ok(
                        new RedirectAction(agentLeg, HOLD_CONTEXT, slot, 1),
                        "resume " + channel + " from slot " + slot + " to " + agentLeg);
        if (back) {
            onHold.remove(channel);
        }
        return back;
    }

    private Optional<String> variable(String channel, String name) {
        try {
            Optional<ManagerResponse> r = link.send(new GetVarAction(channel, name));
            if (r.isEmpty() || r.get() instanceof ManagerError) {
                return Optional.empty();
            }
            String v =
                    r.get() instanceof GetVarResponse g ? g.getValue() : r.get().getAttribute("Value");
            return v == null || v.isBlank() || v.equals("(null)") ? Optional.empty() : Optional.of(v.trim());
        } catch (IOException | TimeoutException | IllegalStateException e) {
            log.warn("AMI: Getvar {} of {} failed: {}", name, channel, e.toString());
            return Optional.empty();
        }
    }

    /** Hangs the caller's channel up; false when Asterisk refused (no such channel) or the link is down. */
    public boolean hangup(String channel) {
        onHold.remove(channel);
        return ok(new HangupAction(channel), "hang up " + channel);
    }

    /** Moves the caller into another queue; false when Asterisk refused or the link is down. */
    public boolean transferToQueue(String channel, String queue) {
        return ok(new SetVarAction(channel, "__HOTLINE_QUEUE", queue), "set queue of " + channel)
                && ok(new RedirectAction(channel, QUEUE_CONTEXT, queue, 1), "transfer " + channel + " to " + queue);
    }

    private boolean ok(ManagerAction action, String what) {
        try {
            var r = link.send(action);
            if (r.isEmpty()) {
                log.warn("AMI: cannot {}: not connected", what);
                return false;
            }
            if (r.get() instanceof ManagerError e) {
                log.warn("AMI: {} refused: {}", what, e.getMessage());
                return false;
            }
            log.info("AMI: {}", what);
            return true;
        } catch (IOException | TimeoutException | IllegalStateException e) {
            log.warn("AMI: {} failed: {}", what, e.toString());
            return false;
        }
    }
}
