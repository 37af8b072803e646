package io.hotline.telephony.ami;

import io.hotline.call.Masking;
import io.hotline.telephony.queue.MemberState;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueuedCall;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;

/**
 * Turns asterisk-java's queue events into {@link QueueEvent}s; everything else is ignored.
 * Fast: it runs on asterisk-java's reader thread. Its one piece of state is the call each member was last
 * connected to per queue, so that an AgentComplete which arrives without the caller's channel still ends that
 * call ({@link #completed}).
 *
 * <p>The ticket comes from the caller's {@code ChanVariable: HOTLINE_TICKET=...} line (manager.conf
 * {@code channelvars}); asterisk-java drops the agent leg's {@code DestChanVariable} lines, and the
 * caller's channel always carries the variables the IVR set. The caller's number is masked here so
 * full numbers never travel further.
 */
final class AmiTranslator {
    private final Clock clock;
    /** queue|member interface → the call app_queue last connected that member to in that queue. */
    private final Map<String, QueuedCall> talking = new ConcurrentHashMap<>();

    private final String server;

    AmiTranslator(Clock clock, String server) {
        this.clock = clock;
        this.server = server;
    }

    Optional<QueueEvent> translate(ManagerEvent e) {
        if (e instanceof QueueCallerAbandonEvent a
                && hotlineVariables(a.getChannelVariables()).containsKey(AmiCalls.MOVE)) {
            // a caller Hotline withdrew to give to one agent (AmiCalls.give): app_queue reports it as an abandon
            return Optional.empty();
        }
        if ((e instanceof QueueMemberEvent m && AmiCalls.DIRECT_QUEUE.equals(m.getQueue()))
                || (e instanceof org.asteriskjava.manager.event.AbstractQueueMemberEvent q
                        && AmiCalls.DIRECT_QUEUE.equals(q.getQueue()))) {
            // every agent is a member of hotline-agent too (AmiMembers): the board shows their own queues only
            return Optional.empty();
        }
        return Optional.ofNullable(
                switch (e) {
                    case QueueCallerJoinEvent j -> {
                        QueuedCall c = call(server, j, j.getChannel(), j.getUniqueId());
                        yield new QueueEvent.CallerJoined(
                                home(j.getQueue(), c), c, n(j.getPosition()), clock.instant());
                    }
                    case QueueCallerAbandonEvent a -> {
                        QueuedCall c = call(server, a, a.getChannel(), a.getUniqueId());
                        yield new QueueEvent.CallerAbandoned(
                                home(a.getQueue(), c),
                                c,
                                n(a.getPosition()),
                                n(a.getOriginalPosition()),
                                n(a.getHoldTime()),
                                clock.instant());
                    }
                    case QueueCallerLeaveEvent l -> {
                        QueuedCall c = call(server, l, l.getChannel(), l.getUniqueId());
                        yield new QueueEvent.CallerLeft(home(l.getQueue(), c), c, n(l.getPosition()), clock.instant());
                    }
                    case AgentCalledEvent c -> {
                        QueuedCall call = call(server, c, c.getChannel(), c.getUniqueId());
                        yield agentInterface(c.getInterface(), c.getAgentCalled()) == null
                                ? null
                                : new QueueEvent.AgentCalled(
                                        home(c.getQueue(), call),
                                        call,
                                        agentInterface(c.getInterface(), c.getAgentCalled()),
                                        c.getMemberName(),
                                        clock.instant());
                    }
                    case AgentConnectEvent c -> {
                        String member = agentInterface(c.getInterface(), c.getMember());
                        if (member == null) {
                            yield null;
                        }
                        QueuedCall call =
                                connected(c.getQueue(), member, call(server, c, c.getChannel(), c.getUniqueId()));
                        yield new QueueEvent.AgentConnected(
                                home(c.getQueue(), call),
                                call,
                                member,
                                c.getMemberName(),
                                n(c.getHoldTime()),
                                clock.instant());
                    }
                    case AgentCompleteEvent c -> {
                        String member = agentInterface(c.getInterface(), c.getMember());
                        if (member == null) {
                            yield null;
                        }
                        QueuedCall call =
                                completed(c.getQueue(), member, call(server, c, c.getChannel(), c.getUniqueId()));
                        yield new QueueEvent.AgentCompleted(
                                home(c.getQueue(), call),
                                call,
                                member,
                                c.getReason(),
                                n(c.getTalkTime()),
                                clock.instant());
                    }
                    case AgentRingNoAnswerEvent r -> {
                        QueuedCall call = call(server, r, r.getChannel(), r.getUniqueId());
                        yield agentInterface(r.getInterface(), r.getMember()) == null
                                ? null
                                : new QueueEvent.AgentRingNoAnswer(
                                        home(r.getQueue(), call),
                                        call,
                                        agentInterface(r.getInterface(), r.getMember()),
                                        n(r.getRingtime()),
                                        clock.instant());
                    }
                    // QueueMemberStatus arrives unsolicited; plain QueueMember events only answer QueueStatus
                    // and are read by the resync, not here.
                    case QueueMemberStatusEvent m ->
                        new QueueEvent.MemberChanged(m.getQueue(), member(m, server), clock.instant());
                    // membership and pause changes (Hotline's own QueueAdd/QueuePause, or the CLI's, a phone's)
                    case org.asteriskjava.manager.event.QueueMemberAddedEvent m ->
                        new QueueEvent.MemberChanged(
                                m.getQueue(),
                                member(
                                        m,
                                        MemberState.fromAsterisk(m.getStatus()),
                                        Boolean.TRUE.equals(m.getPaused()),
                                        server),
                                clock.instant());
                    case org.asteriskjava.manager.event.QueueMemberPauseEvent m ->
                        new QueueEvent.MemberChanged(
                                m.getQueue(),
                                member(
                                        m,
                                        MemberState.fromAsterisk(m.getStatus()),
                                        Boolean.TRUE.equals(m.getPaused()),
                                        server),
                                clock.instant());
                    // a member no longer in the queue: INVALID, which the board drops
                    case org.asteriskjava.manager.event.QueueMemberRemovedEvent m ->
                        new QueueEvent.MemberChanged(
                                m.getQueue(),
                                new QueueEvent.Member(iface(m), m.getMemberName(), MemberState.INVALID, false, server),
                                clock.instant());
                    default -> null;
                });
    }

    /**
     * The queue a call event belongs to: app_queue's, except for {@link AmiCalls#DIRECT_QUEUE}, where a caller rings
     * one agent on behalf of the queue its {@code HOTLINE_QUEUE} names (a transfer or give to that agent).
     */
    private static String home(String queue, QueuedCall call) {
        if (!AmiCalls.DIRECT_QUEUE.equals(queue)) {
            return queue;
        }
        return call.variables().getOrDefault(QueuedCall.QUEUE, queue);
    }

    /** Remembers the call a member took in a queue, for that call's AgentComplete. */
    private QueuedCall connected(String queue, String member, QueuedCall call) {
        talking.put(queue + "|" + member, call);
        return call;
    }

    /**
     * The call an AgentComplete ends: the one its member was connected to in that queue. app_queue builds the
     * event from the caller's latest channel snapshot; when the caller's channel is already gone (it hung up,
     * or was hung up, after a Redirect brought it into this queue) the event has no {@code Channel},
     * {@code Uniqueid} or {@code ChanVariable} lines, only the member's. The member and queue are always
     * there, and a member talks to one caller per queue at a time, so the AgentConnect's call is the one.
     * The entry is not removed (the next AgentConnect replaces it): translating stays a function of the
     * events seen so far, and the map holds one call per member and queue at most.
     */
    private QueuedCall completed(String queue, String member, QueuedCall call) {
        QueuedCall took = talking.get(queue + "|" + member);
        if (took == null || (!call.uniqueId().isEmpty() && !call.uniqueId().equals(took.uniqueId()))) {
            return call;
        }
        Map<String, String> vars = new LinkedHashMap<>(took.variables());
        vars.putAll(call.variables());
        return new QueuedCall(
                took.channel(),
                took.uniqueId(),
                call.callerMasked().isEmpty() ? took.callerMasked() : call.callerMasked(),
                vars,
                took.server());
    }

    @SuppressWarnings("deprecation") // QueueMemberStatus names the member "MemberName", QueueMember "Name"
    static QueueEvent.Member member(QueueMemberEvent m, String server) {
        String iface = m.getInterface() != null ? m.getInterface() : m.getLocation();
        String name = m.getMemberName() != null ? m.getMemberName() : m.getName();
        return new QueueEvent.Member(
                iface == null ? "" : iface,
                name,
                MemberState.fromAsterisk(m.getStatus()),
                Boolean.TRUE.equals(m.getPaused()),
                server);
    }

    private static QueueEvent.Member member(
            org.asteriskjava.manager.event.AbstractQueueMemberEvent m,
            MemberState state,
            boolean paused,
            String server) {
        return new QueueEvent.Member(iface(m), m.getMemberName(), state, paused, server);
    }

    private static String iface(org.asteriskjava.manager.event.AbstractQueueMemberEvent m) {
        return m.getInterface() == null ? "" : m.getInterface();
    }

    static QueuedCall call(String server, ManagerEvent e, String channel, String uniqueId) {
        return new QueuedCall(
                channel == null ? "" : channel,
                uniqueId,
                maskedCaller(e.getCallerIdNum()),
                hotlineVariables(e.getChannelVariables()),
                server);
    }

    static String maskedCaller(String callerIdNum) {
        if (callerIdNum == null || callerIdNum.isBlank() || callerIdNum.equals("<unknown>")) {
            return "";
        }
        return Masking.phone(callerIdNum.trim());
    }

    /** The {@code HOTLINE_*} variables with a value, names as the dialplan sees them. */
    static Map<String, String> hotlineVariables(Map<String, String> vars) {
        Map<String, String> out = new LinkedHashMap<>();
        if (vars != null) {
            vars.forEach((k, v) -> {
                String name = k == null
                        ? ""
                        : io.hotline.telephony.queue.ChannelVariables.baseName(k)
                                .toUpperCase(java.util.Locale.ROOT);
                if (name.startsWith("HOTLINE_") && v != null && !v.isBlank()) {
                    out.put(name, v.trim());
                }
            });
        }
        return out;
    }

    private static String agentInterface(String iface, String fallback) {
        String v = iface != null && !iface.isBlank() ? iface : fallback;
        return v == null || v.isBlank() ? null : v;
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }
}
