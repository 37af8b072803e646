package io.hotline.telephony.ami;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.BridgeAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
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
 * agent's AgentCalled carries the same ticket); hold and resume (below). With several Asterisk servers the action goes to the one the
 * call is on (the pop's {@code server}); a channel lives on one server only.
 *
 * <p>Hold: app_queue has no hold action, so both legs leave its bridge for the shipped {@code [hotline-hold]}
 * context: {@code Getvar BRIDGEPEER} names the agent's leg, {@code Setvar HOTLINE_HOLD_PEER} on each leg names the
 * other (their hangup handlers hang the other up, so a hangup on hold ends the call), then one {@code Redirect} with
 * {@code ExtraChannel}: the caller to {@code hotline-hold,caller,1} (a holding bridge with music on hold), the agent's
 * leg to {@code hotline-hold,agent,1} (a holding bridge with silence). Both legs stay up, so the agent's device stays
 * in use and app_queue does not ring them; app_queue sees no hangup and logs nothing at hold (on the lab, its
 * AgentComplete did not come either when a held call ended: README, known gap).
 * Resume: {@code Bridge} of the caller and the leg its {@code HOTLINE_HOLD_PEER} names; both are moved out of their
 * holding bridges (not masqueraded: they keep their unique ids), then {@code HOTLINE_HOLD_PEER} is emptied on both so
 * that a transfer after the resume is not hung up by the hold's hangup handlers.
 *
 * <p>Transfer to one agent and a supervisor's give: see {@link #DIRECT_QUEUE}, {@link #transferToAgent} and
 * {@link #give}.
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

    /**
     * The shipped queue and context that ring one agent (docker/asterisk/extensions.conf, queues.conf): every agent
     * with a number is a member at that number as penalty ({@link AmiMembers}), and {@code hotline-agent,<number>,1}
     * pins {@code QUEUE_MIN_PENALTY} and {@code QUEUE_MAX_PENALTY} to it, so only that agent rings, for
     * {@code AGENT_RING} seconds; not answered, the caller goes back to the queue {@code HOTLINE_QUEUE} names.
     */
    public static final String DIRECT_QUEUE = "hotline-agent";

    /**
     * Set on a waiting caller just before Hotline withdraws it from its queue (a supervisor's give): the
     * {@code QueueCallerAbandon} app_queue sends for a withdrawn caller carries it, so it is not taken for a caller
     * hanging up ({@link AmiTranslator}). The {@code hotline-agent} context clears it.
     */
    public static final String MOVE = "HOTLINE_MOVE";

    /**
     * Moves the caller, talking to the sending agent, to one agent: {@code __HOTLINE_QUEUE} becomes {@code queue} (the
     * ticket's queue from now on, and where the caller waits if the agent does not answer), then a Redirect to
     * {@code hotline-agent,<number>,1}. False when Asterisk refused or the link is down.
     */
    public boolean transferToAgent(String server, String channel, String queue, int number) {
        return number > 0
                && ok(server, new SetVarAction(channel, "__HOTLINE_QUEUE", queue), "set queue of " + channel)
                && ok(
                        server,
                        new RedirectAction(channel, DIRECT_QUEUE, Integer.toString(number), 1),
                        "transfer " + channel + " to agent " + number);
    }

    /**
     * Gives a caller waiting in {@code fromQueue} to one agent: {@code __HOTLINE_QUEUE} becomes {@code queue} and
     * {@link #MOVE} is set, then {@code QueueWithdrawCaller} with the agent's number; the shipped {@code [queues]}
     * context sends a caller withdrawn that way to {@code hotline-agent,<number>,1}. False when the caller is no
     * longer waiting there (answered, gone), Asterisk refused, or the link is down; {@link #MOVE} is then cleared and
     * {@code __HOTLINE_QUEUE} set back to {@code fromQueue}.
     */
    public boolean give(String server, String fromQueue, String channel, String queue, int number) {
        if (number <= 0
                || !ok(
                        server,
                        new SetVarAction(channel, MOVE, Integer.toString(number)),
                        "mark " + channel + " moving")) {
            return false;
        }
        boolean done = ok(server, new SetVarAction(channel, "__HOTLINE_QUEUE", queue), "set queue of " + channel)
                && ok(
                        server,
                        new QueueWithdrawCallerAction(fromQueue, channel, Integer.toString(number)),
                        "withdraw " + channel + " from " + fromQueue + " for agent " + number);
        if (!done) {
            ok(server, new SetVarAction(channel, MOVE, ""), "unmark " + channel);
            ok(server, new SetVarAction(channel, "__HOTLINE_QUEUE", fromQueue), "set queue of " + channel + " back");
        }
        return done;
    }

    /** The shipped dialplan's hold context (docker/asterisk/extensions.conf). */
    public static final String HOLD_CONTEXT = "hotline-hold";

    /** The channel variable naming the other leg of a held call (set on both legs by {@link #hold}). */
    public static final String HOLD_PEER = "HOTLINE_HOLD_PEER";

    /**
     * Puts the caller on hold (music) and the agent's leg aside (silence); false when the caller is not bridged to
     * anyone, Asterisk refused, or the link is down.
     */
    public boolean hold(String server, String channel) {
        String agent = variable(server, channel, "BRIDGEPEER");
        if (agent.isEmpty()) {
            log.warn("AMI: cannot hold {}: it is not bridged to an agent", channel);
            return false;
        }
        RedirectAction both = new RedirectAction(channel, HOLD_CONTEXT, "caller", 1);
        both.setExtraChannel(agent);
        both.setExtraContext(HOLD_CONTEXT);
        both.setExtraExten("agent");
        both.setExtraPriority(1);
        return ok(server, new SetVarAction(channel, HOLD_PEER, agent), "name the held peer of " + channel)
                && ok(server, new SetVarAction(agent, HOLD_PEER, channel), "name the held peer of " + agent)
                && ok(server, both, "hold " + channel + " (agent leg " + agent + ")");
    }

    /** Bridges the held caller with the agent's leg again; false when either is gone or Asterisk refused. */
    public boolean resume(String server, String channel) {
        String agent = variable(server, channel, HOLD_PEER);
        if (agent.isEmpty()) {
            log.warn("AMI: cannot resume {}: no agent leg held with it", channel);
            return false;
        }
        if (!ok(server, new BridgeAction(channel, agent, false), "resume " + channel + " with " + agent)) {
            return false;
        }
        // Off hold, the legs no longer name each other: the hold's hangup handlers (still pushed) do nothing then. Else
        // a transfer after a resume is undone: the caller is redirected out of the bridge, the agent's leg leaves it
        // and hangs up, and its handler hung up the transferred caller too. A hangup after the resume still ends both
        // legs: each leaves the Bridge into hotline-hold's Hangup.
        ok(server, new SetVarAction(channel, HOLD_PEER, ""), "forget the held peer of " + channel);
        ok(server, new SetVarAction(agent, HOLD_PEER, ""), "forget the held peer of " + agent);
        return true;
    }

    /** A channel variable's value; empty when unset, the channel is gone, or the link is down. */
    private String variable(String server, String channel, String name) {
        return response(server, new GetVarAction(channel, name), "read " + name + " of " + channel)
                .map(r -> r instanceof GetVarResponse v ? v.getValue() : r.getAttribute("value"))
                .map(String::strip)
                .orElse("");
    }

    /** The link to the named server; with one server, that one whatever the name. */
    private Optional<AmiLink> link(String server) {
        if (links.size() == 1) {
            return Optional.of(links.getFirst());
        }
        return links.stream().filter(l -> l.server().name().equals(server)).findFirst();
    }

    private boolean ok(String server, ManagerAction action, String what) {
        boolean done = response(server, action, what).isPresent();
        if (done) {
            log.info("AMI: {} on {}", what, server);
        }
        return done;
    }

    /** Asterisk's answer to the action; empty when it refused, or the server is unknown or not connected. */
    private Optional<ManagerResponse> response(String server, ManagerAction action, String what) {
        Optional<AmiLink> link = link(server);
        if (link.isEmpty()) {
            log.warn("AMI: cannot {}: no Asterisk server named '{}'", what, server);
            return Optional.empty();
        }
        try {
            var r = link.get().send(action);
            if (r.isEmpty()) {
                log.warn(
                        "AMI: cannot {} on {}: not connected",
                        what,
                        link.get().server().name());
                return Optional.empty();
            }
            if (r.get() instanceof ManagerError e) {
                log.warn("AMI: {} refused by {}: {}", what, link.get().server().name(), e.getMessage());
                return Optional.empty();
            }
            return r;
        } catch (IOException | TimeoutException | IllegalStateException e) {
            log.warn("AMI: {} failed: {}", what, e.toString());
            return Optional.empty();
        }
    }
}
