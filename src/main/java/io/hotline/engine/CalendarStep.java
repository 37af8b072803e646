package io.hotline.engine;

import io.hotline.flow.Calendar;
import io.hotline.flow.Node;
import io.hotline.hours.HoursState;
import io.hotline.hours.OpeningHours;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * What the calendar of the call's flow set says: the {@code hours} node's branch, and whether a queue node's
 * queue is closed. Either way the call's {@code hours.*} variables tell the prompts (and the ticket) when the
 * queue opens next, in the calendar's zone. One call's thread only.
 */
final class CalendarStep {
    private final OpeningHours hours;
    private final Calendar calendar;
    private final Clock clock;
    private final CallState state;

    CalendarStep(Calendar calendar, Clock clock, CallState state) {
        this.calendar = calendar;
        this.hours = OpeningHours.of(calendar);
        this.clock = clock;
        this.state = state;
    }

    /** The hours node's exit: {@code open}, {@code closed} or {@code holiday}, and its target. */
    String[] run(Node.Hours node) {
        HoursState s = noteState(node.queue());
        return switch (s.kind()) {
            case OPEN -> new String[] {"open", node.open()};
            case CLOSED -> new String[] {"closed", node.closed()};
            case HOLIDAY -> new String[] {"holiday", node.holiday()};
        };
    }

    /** Whether the queue node's hand-off must wait for the queue to open (and then the variables say until when). */
    boolean closed(Node.Queue q) {
        if (q.closed() == null || hours.openAt(q.queue(), clock.instant())) {
            return false;
        }
        noteState(q.queue());
        return true;
    }

    private HoursState noteState(String queue) {
        Instant now = clock.instant();
        HoursState s = hours.stateAt(queue, now);
        state.vars.put("hours.state", s.kind().wire());
        state.vars.put("hours.queue", queue);
        if (!s.because().isEmpty()) {
            state.vars.put("hours.because", s.because());
        }
        if (!s.open()) {
            Optional<Instant> next = hours.nextOpening(queue, now);
            next.ifPresent(at -> {
                ZonedDateTime local = at.atZone(calendar.zone());
                LocalDate today = now.atZone(calendar.zone()).toLocalDate();
                state.vars.put("hours.next_at", at.toString());
                state.vars.put("hours.next_date", local.toLocalDate().toString());
                state.vars.put("hours.next_hour", Integer.toString(local.getHour()));
                state.vars.put("hours.next_minute", Integer.toString(local.getMinute()));
                state.vars.put(
                        "hours.next_day",
                        local.toLocalDate().equals(today)
                                ? "today"
                                : local.toLocalDate().equals(today.plusDays(1)) ? "tomorrow" : "later");
            });
        }
        return s;
    }
}
