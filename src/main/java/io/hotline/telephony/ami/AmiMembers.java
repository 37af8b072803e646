package io.hotline.telephony.ami;

import io.hotline.agents.Member;
import io.hotline.agents.QueueMembers;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueRemoveAction;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent state on Asterisk's app_queue over AMI: {@code QueueAdd} (with {@code Paused} and {@code Reason}) and
 * {@code QueueRemove} per queue, {@code QueuePause} (all the member's queues, with the reason). The members
 * are dynamic: queues.conf must not list them as {@code member =>} (those cannot be removed over AMI).
 * Agents without an Asterisk interface are skipped.
 *
 * <p>Threading: every method returns at once; the actions go out one at a time, in order, on a virtual
 * thread of their own. An action refused ({@code Already there}, {@code Not there}) or lost while the link is
 * down is logged; the desk applies every state again when the link connects.
 */
public final class AmiMembers implements QueueMembers, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiMembers.class);

    private final AmiLink link;
    private final ExecutorService out = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("ami-members").factory());

    public AmiMembers(AmiLink link) {
        this.link = link;
    }

    @Override
    public void join(Member m, boolean paused, String reason) {
        if (m.agentInterface().isEmpty()) {
            return;
        }
        for (String q : m.queues()) {
            QueueAddAction a = new QueueAddAction(q, m.agentInterface(), 0);
            a.setMemberName(m.name());
            a.setPaused(paused);
            if (paused) {
                a.setReason(reason);
            }
            send(a, m, "add to " + q);
        }
        // a member that was there already keeps its old pause: set it
        pause(m, paused, reason);
    }

    @Override
    public void leave(Member m) {
        if (m.agentInterface().isEmpty()) {
            return;
        }
        for (String q : m.queues()) {
            send(new QueueRemoveAction(q, m.agentInterface()), m, "remove from " + q);
        }
    }

    @Override
    public void pause(Member m, boolean paused, String reason) {
        if (m.agentInterface().isEmpty()) {
            return;
        }
        QueuePauseAction a = new QueuePauseAction(m.agentInterface(), paused);
        if (paused && reason != null && !reason.isBlank()) {
            a.setReason(reason);
        }
        send(a, m, paused ? "pause (" + reason + ")" : "unpause");
    }

    private void send(ManagerAction action, Member m, String what) {
        try {
            out.execute(() -> {
                try {
                    var r = link.send(action);
                    if (r.isEmpty()) {
                        log.info("AMI: not connected; {} {} waits for the reconnect", what, m.agentInterface());
                    } else if (r.get() instanceof ManagerError e) {
                        log.info("AMI: {} {} refused: {}", what, m.agentInterface(), e.getMessage());
                    } else {
                        log.info("AMI: {} {} ({})", what, m.agentInterface(), m.login());
                    }
                } catch (IOException | TimeoutException | IllegalStateException e) {
                    log.warn("AMI: {} {} failed: {}", what, m.agentInterface(), e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("AMI: {} {} dropped: stopping", what, m.agentInterface());
        }
    }

    @Override
    public void close() {
        out.shutdown();
    }
}
