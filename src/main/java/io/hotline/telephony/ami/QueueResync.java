package io.hotline.telephony.ami;

import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueueEventSink;
import io.hotline.telephony.queue.QueuedCall;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.GetVarResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every queue's state with {@code QueueStatus} and publishes one
 * {@link QueueEvent.QueueSnapshot} per queue. {@code QueueEntry} lines carry no channel
 * variables, so the ticket of each waiting caller is asked for with {@code Getvar}.
 * Runs on the link's supervisor thread (blocking is fine there).
 */
final class QueueResync {
    private static final Logger log = LoggerFactory.getLogger(QueueResync.class);

    private final ManagerConnection conn;
    private final QueueEventSink sink;
    private final Clock clock;
    private final Duration timeout;
    private final String server;

    QueueResync(ManagerConnection conn, QueueEventSink sink, Clock clock, Duration timeout, String server) {
        this.conn = conn;
        this.sink = sink;
        this.clock = clock;
        this.timeout = timeout;
        this.server = server;
    }

    /** Publishes the snapshots; returns the server's queues, or empty when QueueStatus did not complete. */
    Optional<Set<String>> run() throws IOException {
        ResponseEvents status;
        try {
            status = conn.sendEventGeneratingAction(new QueueStatusAction(), timeout.toMillis());
        } catch (EventTimeoutException e) {
            log.warn(
                    "AMI: QueueStatus of {} did not complete within {} ms; the board may be stale",
                    server,
                    timeout.toMillis());
            return Optional.empty();
        }
        Map<String, List<QueueEvent.Waiting>> callers = new LinkedHashMap<>();
        Map<String, List<QueueEvent.Member>> members = new LinkedHashMap<>();
        for (ResponseEvent e : status.getEvents()) {
            switch (e) {
                case QueueParamsEvent p -> {
                    callers.computeIfAbsent(p.getQueue(), q -> new ArrayList<>());
                    members.computeIfAbsent(p.getQueue(), q -> new ArrayList<>());
                }
                case QueueMemberEvent m ->
                    members.computeIfAbsent(m.getQueue(), q -> new ArrayList<>())
                            .add(AmiTranslator.member(m, server));
                case QueueEntryEvent q ->
                    callers.computeIfAbsent(q.getQueue(), x -> new ArrayList<>())
                            .add(waiting(q));
                default -> {}
            }
        }
        var at = clock.instant();
        int waiting = 0;
        for (var e : callers.entrySet()) {
            String queue = e.getKey();
            if (queue.equals(AmiCalls.DIRECT_QUEUE)) {
                // every agent's second membership, ringing one agent at a time: not a queue of the board's
                continue;
            }
            List<QueueEvent.Waiting> w = e.getValue();
            waiting += w.size();
            sink.publish(new QueueEvent.QueueSnapshot(queue, w, members.getOrDefault(queue, List.of()), at, server));
        }
        log.info("AMI: re-synced {} queue(s) of {}, {} caller(s) waiting", callers.size(), server, waiting);
        return Optional.of(Set.copyOf(callers.keySet()));
    }

    private QueueEvent.Waiting waiting(QueueEntryEvent q) {
        String num = q.getCallerIdNum() != null ? q.getCallerIdNum() : q.getCallerId();
        Map<String, String> vars = new LinkedHashMap<>();
        String ticket = variable(q.getChannel(), QueuedCall.TICKET);
        if (!ticket.isEmpty()) {
            vars.put(QueuedCall.TICKET, ticket);
        }
        var call = new QueuedCall(
                q.getChannel() == null ? "" : q.getChannel(),
                q.getUniqueId(),
                AmiTranslator.maskedCaller(num),
                vars,
                server);
        return new QueueEvent.Waiting(
                call, q.getPosition() == null ? 0 : q.getPosition(), q.getWait() == null ? 0 : q.getWait());
    }

    private String variable(String channel, String name) {
        if (channel == null || channel.isBlank()) {
            return "";
        }
        try {
            ManagerResponse r = conn.sendAction(new GetVarAction(channel, name), timeout.toMillis());
            String v = r instanceof GetVarResponse g ? g.getValue() : r.getAttribute("Value");
            return v == null || v.equals("(null)") ? "" : v.trim();
        } catch (IOException | TimeoutException | RuntimeException e) {
            log.debug("AMI: Getvar {} failed: {}", name, e.toString());
            return "";
        }
    }
}
