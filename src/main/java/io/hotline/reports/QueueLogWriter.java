package io.hotline.reports;

import io.hotline.db.DataAccessException;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueueEventSink;
import io.hotline.telephony.queue.QueuedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@code queue_log} rows of the simulated PBX's calls, as app_queue writes them for real calls
 * (apps/app_queue.c: {@code ENTERQUEUE url|callerid|position}, {@code CONNECT holdtime|peer|ringtime},
 * {@code COMPLETECALLER}/{@code COMPLETEAGENT holdtime|talktime|origposition}, {@code ABANDON
 * position|origposition|waittime}, {@code RINGNOANSWER ringmillis}, {@code BLINDTRANSFER
 * exten|context|holdtime|talktime|origposition}), plus the {@code HOTLINE ticket|language|category} row
 * the shipped dialplan writes with {@code QueueLog()}. Events of real calls are left alone: Asterisk
 * writes those itself.
 *
 * <p>Threading: {@link #publish} is called on the simulator's thread, keeps a little state per call under
 * its own lock and hands the rows to one virtual thread that writes them in order; it never blocks.
 * A row that cannot be written (database down) is logged and dropped.
 */
public final class QueueLogWriter implements QueueEventSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueLogWriter.class);
    public static final String SOURCE = "sim";

    private record Entered(int position, String member, long holdSeconds) {}

    private final QueueLogStore store;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("queue-log-writer").factory());
    private final Map<String, Entered> calls = new HashMap<>();
    private final Map<String, String> memberNames = new HashMap<>();

    public QueueLogWriter(QueueLogStore store) {
        this.store = store;
    }

    @Override
    public void publish(QueueEvent event) {
        List<QueueLogEntry> rows = rows(event);
        if (rows.isEmpty()) {
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    store.append(rows);
                } catch (DataAccessException e) {
                    log.warn(
                            "queue_log: {} row(s) of call {} not written: {}",
                            rows.size(),
                            rows.getFirst().callId(),
                            e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            log.debug("queue_log writer closed; {} row(s) dropped", rows.size());
        }
    }

    /** The rows one event means (none for events Asterisk does not log, or of real calls). */
    synchronized List<QueueLogEntry> rows(QueueEvent event) {
        List<QueueLogEntry> out = new ArrayList<>();
        switch (event) {
            case QueueEvent.CallerJoined j
            when j.call().simulated() -> {
                calls.put(j.call().key(), new Entered(j.position(), "", 0));
                out.add(row(
                        j,
                        j.call(),
                        "NONE",
                        "ENTERQUEUE",
                        "",
                        j.call().callerMasked(),
                        Integer.toString(j.position())));
                out.add(row(
                        j,
                        j.call(),
                        "NONE",
                        "HOTLINE",
                        j.call().ticket(),
                        j.call().variable(QueuedCall.LANGUAGE),
                        j.call().variable(QueuedCall.CATEGORY)));
            }
            case QueueEvent.AgentCalled c
            when c.call().simulated() && !c.memberName().isEmpty() ->
                memberNames.put(c.agentInterface(), c.memberName());
            case QueueEvent.AgentRingNoAnswer r
            when r.call().simulated() ->
                out.add(row(
                        r,
                        r.call(),
                        memberNames.getOrDefault(r.agentInterface(), r.agentInterface()),
                        "RINGNOANSWER",
                        Long.toString(r.ringMillis())));
            case QueueEvent.AgentConnected c
            when c.call().simulated() -> {
                Entered e = calls.get(c.call().key());
                String member = c.memberName().isEmpty() ? c.agentInterface() : c.memberName();
                calls.put(c.call().key(), new Entered(e == null ? 1 : e.position(), member, c.holdSeconds()));
                out.add(row(c, c.call(), member, "CONNECT", Long.toString(c.holdSeconds()), c.agentInterface(), "0"));
            }
            case QueueEvent.AgentCompleted c
            when c.call().simulated() -> {
                Entered e = calls.remove(c.call().key());
                long hold = e == null ? 0 : e.holdSeconds();
                String member = e == null || e.member().isEmpty() ? c.agentInterface() : e.member();
                int pos = e == null ? 1 : e.position();
                long talk = c.talkSeconds();
                if (c.reason().equals("transfer")) {
                    out.add(row(
                            c,
                            c.call(),
                            member,
                            "BLINDTRANSFER",
                            "",
                            "",
                            Long.toString(hold),
                            Long.toString(talk),
                            Integer.toString(pos)));
                } else {
                    out.add(row(
                            c,
                            c.call(),
                            member,
                            c.reason().equals("caller") ? "COMPLETECALLER" : "COMPLETEAGENT",
                            Long.toString(hold),
                            Long.toString(talk),
                            Integer.toString(pos)));
                }
            }
            case QueueEvent.CallerAbandoned a
            when a.call().simulated() -> {
                calls.remove(a.call().key());
                out.add(row(
                        a,
                        a.call(),
                        "NONE",
                        "ABANDON",
                        Integer.toString(a.position()),
                        Integer.toString(a.originalPosition()),
                        Long.toString(a.holdSeconds())));
            }
            default -> {}
        }
        return out;
    }

    private static QueueLogEntry row(QueueEvent e, QueuedCall call, String agent, String event, String... data) {
        return new QueueLogEntry(e.at(), call.key(), e.queue(), agent, event, List.of(data), SOURCE);
    }

    /** Waits until every row handed over so far is written (tests, shutdown). */
    public void awaitWritten(Duration max) {
        try {
            writer.submit(() -> {}).get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("queue_log rows not written within " + max, e);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("queue_log writer did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
