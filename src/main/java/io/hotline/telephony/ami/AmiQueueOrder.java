package io.hotline.telephony.ami;

import io.hotline.telephony.queue.MemberState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue's line as app_queue reports it to {@code QueueStatus}: its waiting callers in Asterisk's own order and
 * how many of its members could take a call. Where a callback's placeholder joins so that it keeps its caller's
 * place ({@link #position}), and how long a caller joining now would wait ({@link #estimatedWait}).
 *
 * @param callers the waiting callers, by position (1 = next)
 * @param agents  members neither paused nor unavailable
 */
record AmiQueueOrder(List<Caller> callers, int agents) {
    private static final Logger log = LoggerFactory.getLogger(AmiQueueOrder.class);

    /** A waiting caller: its channel, position and seconds waited ({@code QueueEntry}). */
    record Caller(String channel, int position, long waitSeconds) {}

    AmiQueueOrder {
        callers = callers.stream()
                .sorted(Comparator.comparingInt(Caller::position))
                .toList();
    }

    /** The queue's line now; empty when the link is down or QueueStatus did not answer. Blocking. */
    static Optional<AmiQueueOrder> read(AmiLink link, String queue) {
        var action = new QueueStatusAction();
        action.setQueue(queue);
        try {
            var answer = link.sendEvents(action);
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            List<Caller> callers = new ArrayList<>();
            int agents = 0;
            for (ResponseEvent e : answer.get().getEvents()) {
                if (e instanceof QueueEntryEvent q && queue.equals(q.getQueue())) {
                    callers.add(new Caller(
                            q.getChannel() == null ? "" : q.getChannel(),
                            q.getPosition() == null ? 0 : q.getPosition(),
                            q.getWait() == null ? 0 : q.getWait()));
                } else if (e instanceof QueueMemberEvent m && queue.equals(m.getQueue()) && available(m)) {
                    agents++;
                }
            }
            return Optional.of(new AmiQueueOrder(callers, agents));
        } catch (IOException | TimeoutException | IllegalStateException e) {
            log.warn("AMI: QueueStatus of {} failed: {}", queue, e.toString());
            return Optional.empty();
        }
    }

    private static boolean available(QueueMemberEvent m) {
        MemberState s = MemberState.fromAsterisk(m.getStatus());
        return !Boolean.TRUE.equals(m.getPaused()) && s != MemberState.UNAVAILABLE && s != MemberState.INVALID;
    }

    /**
     * app_queue's position argument for a placeholder of a caller who joined at {@code placedAt}: 1 + the callers
     * who joined at or before then (the others came later and wait behind it). A caller's time of joining is now
     * minus its wait; for a placeholder already in the line ({@code placedAtOf}, by channel) its caller's time.
     * Priority needs no care here: app_queue puts a caller ahead of every lower-priority one and never ahead of a
     * higher-priority one, whatever the position asked.
     */
    int position(Instant placedAt, Instant now, Map<String, Instant> placedAtOf) {
        int ahead = 0;
        for (Caller c : callers) {
            Instant joined = placedAtOf.getOrDefault(c.channel(), now.minusSeconds(c.waitSeconds()));
            if (!joined.isAfter(placedAt)) {
                ahead++;
            }
        }
        return ahead + 1;
    }

    /** How long a caller joining now would wait: the callers ahead times {@code handleTime}, shared by the agents. */
    Duration estimatedWait(Duration handleTime) {
        return handleTime.multipliedBy(callers.size()).dividedBy(Math.max(1, agents));
    }
}
