package io.hotline.telephony.ami;

import io.hotline.agents.Member;
import io.hotline.agents.QueueMembers;
import io.hotline.telephony.queue.LinkStatus;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueRemoveAction;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent state on one Asterisk server's app_queue over AMI: {@code QueueAdd} (with {@code Paused} and {@code Reason})
 * and {@code QueueRemove} per queue, {@code QueuePause} (all the member's queues, with the reason). The members
 * are dynamic: queues.conf must not list them as {@code member =>} (those cannot be removed over AMI).
 * Agents without an Asterisk interface are skipped.
 *
 * <p>Several servers: one instance per server; an agent joins only those of their queues that this server has
 * (its last {@code QueueStatus}; before the first one answered, all of them), and is paused only where it joined
 * one. So a queue belongs to every server that has it in queues.conf: the shipped configuration gives every
 * server every queue, and a site that splits its queues between servers just lists each queue on its own server.
 *
 * <p>Several nodes: only the node holding the server's link lease is connected. On the others the orders are
 * handed to {@link #forwardWhenStandby} (the console sends them over the cluster link) and the holder carries
 * them out ({@link #perform}).
 *
 * <p>Threading: every method returns at once; the actions go out one at a time, in order, on a virtual
 * thread of their own. An action refused ({@code Already there}, {@code Not there}) or lost while the link is
 * down is logged; the desk applies every state again when the link connects.
 */
public final class AmiMembers implements QueueMembers, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiMembers.class);

    /**
     * One membership order, as it travels between nodes.
     *
     * @param server the Asterisk server's name
     * @param kind   {@code add}, {@code remove} or {@code pause}
     * @param queue  the queue ({@code add}, {@code remove}); empty for {@code pause} (all the member's queues)
     * @param penalty app_queue's penalty for {@code add}: 0, or the agent's number in {@link AmiCalls#DIRECT_QUEUE}
     */
    public record Order(
            String server,
            String kind,
            String queue,
            String agentInterface,
            String memberName,
            String login,
            boolean paused,
            String reason,
            int penalty) {
        public Order {
            Objects.requireNonNull(server, "server");
            if (!Set.of("add", "remove", "pause").contains(kind)) {
                throw new IllegalArgumentException("kind: add, remove or pause, got " + kind);
            }
            queue = queue == null ? "" : queue;
            Objects.requireNonNull(agentInterface, "agentInterface");
            memberName = memberName == null ? "" : memberName;
            login = login == null ? "" : login;
            reason = reason == null ? "" : reason;
        }

        Order(
                String server,
                String kind,
                String queue,
                String agentInterface,
                String memberName,
                String login,
                boolean paused,
                String reason) {
            this(server, kind, queue, agentInterface, memberName, login, paused, reason, 0);
        }
    }

    private final AmiLink link;
    private volatile Consumer<Order> elsewhere = o -> {};
    private final ExecutorService out = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("ami-members").factory());

    public AmiMembers(AmiLink link) {
        this.link = link;
    }

    /** The server this instance acts on. */
    public String server() {
        return link.server().name();
    }

    /** Where orders go while this node stands by (another node holds the link). Must not block. */
    public void forwardWhenStandby(Consumer<Order> forward) {
        this.elsewhere = Objects.requireNonNull(forward);
    }

    /** True while this node holds the server's link (so it may {@link #perform} orders from other nodes). */
    public boolean connected() {
        return link.status().state() == LinkStatus.State.CONNECTED;
    }

    @Override
    public void join(Member m, boolean paused, String reason) {
        if (m.agentInterface().isEmpty()) {
            return;
        }
        List<String> here = queuesHere(m);
        for (String q : here) {
            order(new Order(server(), "add", q, m.agentInterface(), m.name(), m.login(), paused, reason));
        }
        if (direct(m)) {
            order(new Order(
                    server(),
                    "add",
                    AmiCalls.DIRECT_QUEUE,
                    m.agentInterface(),
                    m.name(),
                    m.login(),
                    paused,
                    reason,
                    m.number()));
        }
        if (!here.isEmpty()) {
            // a member that was there already keeps its old pause: set it
            pause(m, paused, reason);
        }
    }

    @Override
    public void leave(Member m) {
        if (m.agentInterface().isEmpty()) {
            return;
        }
        for (String q : queuesHere(m)) {
            order(new Order(server(), "remove", q, m.agentInterface(), m.name(), m.login(), false, ""));
        }
        if (direct(m)) {
            order(new Order(
                    server(), "remove", AmiCalls.DIRECT_QUEUE, m.agentInterface(), m.name(), m.login(), false, ""));
        }
    }

    /**
     * Whether the member is also a member of {@link AmiCalls#DIRECT_QUEUE} here, at their own number as penalty (so a
     * transfer to them rings them only): they have a number, and this server has that queue (or its queues are not
     * known yet). QueuePause without a queue pauses them there too.
     */
    private boolean direct(Member m) {
        Set<String> known = link.queues();
        return m.number() > 0 && (known.isEmpty() || known.contains(AmiCalls.DIRECT_QUEUE));
    }

    @Override
    public void pause(Member m, boolean paused, String reason) {
        if (m.agentInterface().isEmpty() || queuesHere(m).isEmpty()) {
            return;
        }
        order(new Order(server(), "pause", "", m.agentInterface(), m.name(), m.login(), paused, reason));
    }

    /** The agent's queues this server has (all of them while its queues are not known yet). */
    private List<String> queuesHere(Member m) {
        Set<String> known = link.queues();
        return known.isEmpty()
                ? m.queues()
                : m.queues().stream().filter(known::contains).toList();
    }

    private void order(Order o) {
        if (link.status().state() == LinkStatus.State.STANDBY) {
            log.debug("AMI: {} {} on {} goes to the node holding the link", o.kind(), o.agentInterface(), o.server());
            elsewhere.accept(o);
            return;
        }
        perform(o);
    }

    /** Carries an order out on this node's link (its own, or one another node forwarded). */
    public void perform(Order o) {
        ManagerAction action = switch (o.kind()) {
            case "add" -> {
                QueueAddAction a = new QueueAddAction(o.queue(), o.agentInterface(), o.penalty());
                a.setMemberName(o.memberName());
                a.setPaused(o.paused());
                if (o.paused()) {
                    a.setReason(o.reason());
                }
                yield a;
            }
            case "remove" -> new QueueRemoveAction(o.queue(), o.agentInterface());
            default -> {
                QueuePauseAction a = new QueuePauseAction(o.agentInterface(), o.paused());
                if (o.paused() && !o.reason().isBlank()) {
                    a.setReason(o.reason());
                }
                yield a;
            }
        };
        String what = switch (o.kind()) {
            case "add" -> "add to " + o.queue();
            case "remove" -> "remove from " + o.queue();
            default -> o.paused() ? "pause (" + o.reason() + ")" : "unpause";
        };
        send(action, o, what);
        if (o.kind().equals("add") && o.queue().equals(AmiCalls.DIRECT_QUEUE)) {
            // a member left there earlier (another Hotline's, or before their number changed) answers "Already
            // there" and keeps its old penalty: set it, so that their number rings them and nobody else
            send(
                    new org.asteriskjava.manager.action.QueuePenaltyAction(
                            o.agentInterface(), o.penalty(), AmiCalls.DIRECT_QUEUE),
                    o,
                    "set number " + o.penalty() + " in " + AmiCalls.DIRECT_QUEUE);
        }
    }

    private void send(ManagerAction action, Order o, String what) {
        try {
            out.execute(() -> {
                try {
                    var r = link.send(action);
                    if (r.isEmpty()) {
                        log.info(
                                "AMI: {} not connected; {} {} waits for the reconnect",
                                o.server(),
                                what,
                                o.agentInterface());
                    } else if (r.get() instanceof ManagerError e) {
                        log.info("AMI: {} {} refused by {}: {}", what, o.agentInterface(), o.server(), e.getMessage());
                    } else {
                        log.info("AMI: {} {} on {} ({})", what, o.agentInterface(), o.server(), o.login());
                    }
                } catch (IOException | TimeoutException | IllegalStateException e) {
                    log.warn("AMI: {} {} on {} failed: {}", what, o.agentInterface(), o.server(), e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("AMI: {} {} dropped: stopping", what, o.agentInterface());
        }
    }

    @Override
    public void close() {
        out.shutdown();
    }
}
