package io.hotline.telephony.ami;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
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
 * agent's AgentCalled carries the same ticket). With several Asterisk servers the action goes to the one the
 * call is on (the pop's {@code server}); a channel lives on one server only.
 *
 * <p>Threading: blocking (AMI round trips); call on a virtual thread, never an event loop.
 */
public final class AmiCalls {
    private static final Logger log = LoggerFactory.getLogger(AmiCalls.class);
    /** The shipped dialplan's queue entry (docker/asterisk/extensions.conf). */
    public static final String QUEUE_CONTEXT = "queues";

    private final List<AmiLink> links;

    public AmiCalls(AmiLink link) {
        this(List.of(link));
    }

    public AmiCalls(List<AmiLink> links) {
        this.links = List.copyOf(links);
    }

    /** Hangs the caller's channel up; false when Asterisk refused (no such channel) or the link is down. */
    public boolean hangup(String server, String channel) {
        return ok(server, new HangupAction(channel), "hang up " + channel);
    }

    /** Moves the caller into another queue; false when Asterisk refused or the link is down. */
    public boolean transferToQueue(String server, String channel, String queue) {
        return ok(server, new SetVarAction(channel, "__HOTLINE_QUEUE", queue), "set queue of " + channel)
                && ok(
                        server,
                        new RedirectAction(channel, QUEUE_CONTEXT, queue, 1),
                        "transfer " + channel + " to " + queue);
    }

    /** The link to the named server; with one server, that one whatever the name. */
    private Optional<AmiLink> link(String server) {
        if (links.size() == 1) {
            return Optional.of(links.getFirst());
        }
        return links.stream().filter(l -> l.server().name().equals(server)).findFirst();
    }

    private boolean ok(String server, ManagerAction action, String what) {
        Optional<AmiLink> link = link(server);
        if (link.isEmpty()) {
            log.warn("AMI: cannot {}: no Asterisk server named '{}'", what, server);
            return false;
        }
        try {
            var r = link.get().send(action);
            if (r.isEmpty()) {
                log.warn(
                        "AMI: cannot {} on {}: not connected",
                        what,
                        link.get().server().name());
                return false;
            }
            if (r.get() instanceof ManagerError e) {
                log.warn("AMI: {} refused by {}: {}", what, link.get().server().name(), e.getMessage());
                return false;
            }
            log.info("AMI: {} on {}", what, link.get().server().name());
            return true;
        } catch (IOException | TimeoutException | IllegalStateException e) {
            log.warn("AMI: {} failed: {}", what, e.toString());
            return false;
        }
    }
}
