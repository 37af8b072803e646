package io.hotline.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of Asterisk's {@code queue_log} (app_queue's own record of a queue call), as Asterisk writes it
 * through realtime and as {@link QueueLogWriter} writes it for simulated calls.
 *
 * @param time   when (UTC)
 * @param callId the caller channel's uniqueid, {@code NONE} for member events (PAUSE, ADDMEMBER, ...)
 * @param queue  the queue, {@code NONE} for events of no queue
 * @param agent  the member name ({@code log_membername_as_agent = yes}), {@code NONE} for caller events
 * @param event  {@code ENTERQUEUE}, {@code CONNECT}, {@code COMPLETECALLER}, {@code ABANDON}, ...
 * @param data   {@code data1} .. {@code data5}, empty strings where unused
 * @param source {@code asterisk}, {@code sim} or {@code demo}
 */
public record QueueLogEntry(
        Instant time, String callId, String queue, String agent, String event, List<String> data, String source) {
    public QueueLogEntry {
        Objects.requireNonNull(time, "time");
        callId = callId == null ? "NONE" : callId;
        queue = queue == null ? "NONE" : queue;
        agent = agent == null ? "NONE" : agent;
        Objects.requireNonNull(event, "event");
        data = List.copyOf(data.stream().map(d -> d == null ? "" : d).toList());
        if (data.size() > 5) {
            throw new IllegalArgumentException("queue_log has five data fields, got " + data.size());
        }
        source = source == null ? "asterisk" : source;
    }

    /** {@code data1} .. {@code data5} by number (1-based); empty when absent. */
    public String data(int n) {
        return n >= 1 && n <= data.size() ? data.get(n - 1) : "";
    }

    /** {@code data<n>} as a number of seconds (or milliseconds), 0 when empty or not a number. */
    public long number(int n) {
        try {
            return Long.parseLong(data(n).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
