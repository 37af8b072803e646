package io.hotline.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds {@code queue_log} rows into {@link QueueCall}s, one per callid. Pure. */
public final class QueueCalls {
    private QueueCalls() {}

    private static final class Building {
        final String callId;
        String ticket = "";
        String language = "";
        String category = "";
        String source = "";
        final List<Seg> segments = new ArrayList<>();

        Building(String callId) {
            this.callId = callId;
        }
    }

    private static final class Seg {
        final String queue;
        final Instant entered;
        QueueCall.Outcome outcome = QueueCall.Outcome.WAITING;
        long wait;
        long talk;
        String agent = "";
        int rna;
        boolean transferred;
        boolean completed;
        Instant completedAt;

        Seg(String queue, Instant entered) {
            this.queue = queue;
            this.entered = entered;
        }
    }

    /** The shipped queue that rings one agent (telephony.ami.AmiCalls.DIRECT_QUEUE; reports do not depend on it). */
    static final String DIRECT_QUEUE = "hotline-agent";

    /** The calls in the rows (rows of other calls and member events are ignored), in order of first entry. */
    public static List<QueueCall> fold(List<QueueLogEntry> rows) {
        Map<String, Building> calls = new LinkedHashMap<>();
        // the dialplan writes HOTLINE just before Queue() writes ENTERQUEUE
        Map<String, QueueLogEntry> early = new java.util.HashMap<>();
        // a call ringing one agent (queue hotline-agent) is counted in the queue its HOTLINE row names (data4)
        Map<String, String> onBehalfOf = new java.util.HashMap<>();
        for (QueueLogEntry given : rows) {
            if (given.callId().equals("NONE") || given.callId().isEmpty()) {
                continue;
            }
            QueueLogEntry r = given;
            if (r.queue().equals(DIRECT_QUEUE)) {
                if (r.event().equals("HOTLINE") && !r.data(4).isEmpty()) {
                    onBehalfOf.put(r.callId(), r.data(4));
                }
                r = new QueueLogEntry(
                        r.time(),
                        r.callId(),
                        onBehalfOf.getOrDefault(r.callId(), r.queue()),
                        r.agent(),
                        r.event(),
                        r.data(),
                        r.source());
            }
            if (r.event().equals("HOTLINE") && !calls.containsKey(r.callId())) {
                early.putIfAbsent(r.callId(), r);
                continue;
            }
            if (r.event().equals("ENTERQUEUE")) {
                Building b = calls.computeIfAbsent(r.callId(), Building::new);
                b.source = b.source.isEmpty() ? r.source() : b.source;
                b.segments.add(new Seg(r.queue(), r.time()));
                continue;
            }
            Building b = calls.get(r.callId());
            if (b == null) {
                continue; // entered before the range read
            }
            if (r.event().equals("HOTLINE")) {
                b.ticket = b.ticket.isEmpty() ? r.data(1) : b.ticket;
                b.language = b.language.isEmpty() ? r.data(2) : b.language;
                b.category = b.category.isEmpty() ? r.data(3) : b.category;
                continue;
            }
            Seg s = current(b, r.queue());
            if (s == null) {
                continue;
            }
            switch (r.event()) {
                case "RINGNOANSWER" -> s.rna++;
                case "CONNECT" -> {
                    s.outcome = QueueCall.Outcome.ANSWERED;
                    s.wait = r.number(1);
                    s.agent = r.agent();
                }
                case "COMPLETECALLER", "COMPLETEAGENT" -> {
                    s.talk = r.number(2);
                    s.completed = true;
                    s.completedAt = r.time();
                }
                case "BLINDTRANSFER" -> {
                    s.talk = r.number(4);
                    s.transferred = true;
                    s.completed = true;
                    s.completedAt = r.time();
                }
                case "ATTENDEDTRANSFER" -> {
                    // method|how|holdtime|calltime|origposition (BRIDGE and APP; LINK has one field more)
                    s.talk = r.data(1).equals("LINK") ? r.number(5) : r.number(4);
                    s.transferred = true;
                    s.completed = true;
                    s.completedAt = r.time();
                }
                case "ABANDON" -> {
                    s.outcome = QueueCall.Outcome.ABANDONED;
                    s.wait = r.number(3);
                }
                case "EXITWITHTIMEOUT", "EXITEMPTY" -> {
                    s.outcome = QueueCall.Outcome.LEFT;
                    s.wait = r.number(3);
                }
                // a supervisor gave the waiting caller to one agent (QueueWithdrawCaller): pos|origpos|wait|info
                case "WITHDRAW" -> {
                    s.outcome = QueueCall.Outcome.LEFT;
                    s.wait = r.number(3);
                }
                case "EXITWITHKEY" -> {
                    s.outcome = QueueCall.Outcome.LEFT;
                    s.wait = r.number(4);
                }
                default -> {}
            }
        }
        List<QueueCall> out = new ArrayList<>();
        for (Building b : calls.values()) {
            QueueLogEntry h = early.get(b.callId);
            if (h != null) {
                b.ticket = b.ticket.isEmpty() ? h.data(1) : b.ticket;
                b.language = b.language.isEmpty() ? h.data(2) : b.language;
                b.category = b.category.isEmpty() ? h.data(3) : b.category;
            }
            out.add(new QueueCall(
                    b.callId,
                    b.ticket,
                    b.language,
                    b.category,
                    b.source,
                    b.segments.stream()
                            .map(s -> new QueueCall.Segment(
                                    s.queue,
                                    s.entered,
                                    s.outcome,
                                    s.wait,
                                    s.talk,
                                    s.agent,
                                    s.rna,
                                    s.transferred,
                                    s.completed,
                                    s.completedAt,
                                    0))
                            .toList()));
        }
        return out;
    }

    private static Seg current(Building b, String queue) {
        for (int i = b.segments.size() - 1; i >= 0; i--) {
            if (b.segments.get(i).queue.equals(queue)) {
                return b.segments.get(i);
            }
        }
        return b.segments.isEmpty() ? null : b.segments.getLast();
    }
}
