package io.hotline.telephony.ami;

import java.io.IOException;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call control on Asterisk for calls app_queue connected: hang up the caller's channel, and blind transfer to
 * another queue ({@code Setvar __HOTLINE_QUEUE}, then {@code Redirect} of the caller's channel to
 * {@code queues,<queue>,1} of the shipped dialplan; the ticket variables stay on the channel, so the next
 * agent's AgentCalled carries the same ticket).
 *
 * <p>Threading: blocking (AMI round trips); call on a virtual thread, never an event loop.
 */
public final class AmiCalls {
    private static final Logger log = LoggerFactory.getLogger(AmiCalls.class);
    /** The shipped dialplan's queue entry (docker/asterisk/extensions.conf). */
    public static final String QUEUE_CONTEXT = "queues";

    private final AmiLink link;

    public AmiCalls(AmiLink link) {
        this.link = link;
    }

    /** Hangs the caller's channel up; false when Asterisk refused (no such channel) or the link is down. */
    public boolean hangup(String channel) {
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
