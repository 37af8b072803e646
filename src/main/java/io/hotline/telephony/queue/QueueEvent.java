package io.hotline.telephony.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened in an agent queue. Named after app_queue's AMI events, in the past
 * tense; the simulated queues produce the same records in the same order Asterisk does
 * (joined, agent called, caller left, agent connected, agent completed).
 *
 * <p>{@code agentInterface} is the queue member's interface ({@code PJSIP/1001},
 * {@code Local/agent1@agents}): the console finds the agent by it.
 */
public sealed interface QueueEvent {

    /** The queue's name. */
    String queue();

    /** When the producer saw it. */
    Instant at();

    /** A caller entered the queue (AMI {@code QueueCallerJoin}). */
    record CallerJoined(String queue, QueuedCall call, int position, Instant at) implements QueueEvent {
        public CallerJoined {
            Objects.requireNonNull(queue);
            Objects.requireNonNull(call);
            Objects.requireNonNull(at);
        }
    }

    /** A caller left the queue, to an agent or elsewhere (AMI {@code QueueCallerLeave}). */
    record CallerLeft(String queue, QueuedCall call, int position, Instant at) implements QueueEvent {
        public CallerLeft {
            Objects.requireNonNull(queue);
            Objects.requireNonNull(call);
            Objects.requireNonNull(at);
        }
    }

    /** A caller hung up while waiting (AMI {@code QueueCallerAbandon}; a {@link CallerLeft} follows). */
    record CallerAbandoned(
            String queue, QueuedCall call, int position, int originalPosition, long holdSeconds, Instant at)
            implements QueueEvent {
        public CallerAbandoned {
            Objects.requireNonNull(queue);
            Objects.requireNonNull(call);
            Objects.requireNonNull(at);
        }
    }

    /** An agent's phone started ringing for the caller (AMI {@code AgentCalled}). */
    record AgentCalled(String queue, QueuedCall call, String agentInterface, String memberName, Instant at)
            implements QueueEvent {
        public AgentCalled {
            Objects.requireNonNull(queue);
            Objects.requireNonNull(call);
            Objects.requireNonNull(agentInterface);
            memberName = memberName == null ? "" : memberName;
            Objects.requireNonNull(at);
        }
    }

    /** The agent answered and is talking to the caller (AMI {@code AgentConnect}). */
    record AgentConnected(
            String queue, QueuedCall call, String agentInterface, String memberName, long holdSeconds, Instant at)
            implements QueueEvent {
        public AgentConnected {
            Objects.requireNonNull(queue);
            Objects.requireNonNull(call);
            Objects.requireNonNull(agentInterface);
            memberName = memberName == null ? "" : memberName;
            Objects.requireNonNull(at);
        }
    }

    /** The conversation ended (AMI {@code AgentComplete}; reason {@code agent}, {@code caller}, {@code transfer}). */
    record AgentCompleted(
            String queue, QueuedCall call, String agentInterface, String reason, long talkSeconds, Instant at)
            implements QueueEvent {
        public AgentCompleted {
            Objects.requireNonNull(queue);
            Objects.requireNonNull(call);
            Objects.requireNonNull(agentInterface);
            reason = reason == null ? "" : reason;
            Objects.requireNonNull(at);
        }
    }

    /** The agent's phone rang but nobody answered in time (AMI {@code AgentRingNoAnswer}). */
    record AgentRingNoAnswer(String queue, QueuedCall call, String agentInterface, long ringMillis, Instant at)
            implements QueueEvent {
        public AgentRingNoAnswer {
            Objects.requireNonNull(queue);
            Objects.requireNonNull(call);
            Objects.requireNonNull(agentInterface);
            Objects.requireNonNull(at);
        }
    }

    /** A queue member's device state changed (AMI {@code QueueMemberStatus}). */
    record MemberChanged(String queue, Member member, Instant at) implements QueueEvent {
        public MemberChanged {
            Objects.requireNonNull(queue);
            Objects.requireNonNull(member);
            Objects.requireNonNull(at);
        }
    }

    /**
     * The whole state of one queue on one Asterisk server, replacing what was known of it before (AMI
     * {@code QueueStatus} after a (re)connect: events sent while disconnected are lost). Callers and members of the
     * same queue on other servers stay as they were.
     *
     * @param server the server's name, as in {@link QueuedCall#server()} (empty: the only one)
     */
    record QueueSnapshot(String queue, List<Waiting> callers, List<Member> members, Instant at, String server)
            implements QueueEvent {
        public QueueSnapshot {
            Objects.requireNonNull(queue);
            callers = List.copyOf(callers);
            members = List.copyOf(members);
            Objects.requireNonNull(at);
            server = server == null ? "" : server;
        }

        public QueueSnapshot(String queue, List<Waiting> callers, List<Member> members, Instant at) {
            this(queue, callers, members, at, "");
        }
    }

    /** A waiting caller in a snapshot (AMI {@code QueueEntry}). */
    record Waiting(QueuedCall call, int position, long waitSeconds) {
        public Waiting {
            Objects.requireNonNull(call);
        }
    }

    /**
     * A queue member (AMI {@code QueueMember} / {@code QueueMemberStatus}).
     *
     * @param server the Asterisk server whose queue it is a member of, as in {@link QueuedCall#server()}
     */
    record Member(String agentInterface, String name, MemberState state, boolean paused, String server) {
        public Member {
            Objects.requireNonNull(agentInterface);
            name = name == null ? "" : name;
            Objects.requireNonNull(state);
            server = server == null ? "" : server;
        }

        public Member(String agentInterface, String name, MemberState state, boolean paused) {
            this(agentInterface, name, state, paused, "");
        }
    }
}
