package io.hotline.hours;

import io.hotline.flow.Calendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of one {@link Calendar}. A queue without hours is open; an {@code always} queue is open whatever the
 * holidays and closures say; else it is open when its weekly hours say so, the day is not one of its holidays and
 * no closure covers the moment. Times are read in the calendar's zone: across a daylight-saving change a local time
 * that does not exist is not open, one that exists twice is open both times.
 */
final class CalendarHours implements OpeningHours {
    /** How far {@link #nextOpening} looks. */
    private static final int DAYS_AHEAD = 366;

    private final Calendar calendar;

    CalendarHours(Calendar calendar) {
        this.calendar = Objects.requireNonNull(calendar);
    }

    @Override
    public boolean openAt(String queue, Instant at) {
        return stateAt(queue, at).open();
    }

    @Override
    public HoursState stateAt(String queue, Instant at) {
        if (!calendar.canClose(queue)) {
            return HoursState.OPEN;
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, calendar.zone());
        Optional<Calendar.Holiday> holiday = holiday(queue, local.toLocalDate());
        if (holiday.isPresent()) {
            return new HoursState(HoursState.Kind.HOLIDAY, holiday.get().name());
        }
        Optional<Calendar.Closure> closure = closure(queue, local);
        if (closure.isPresent()) {
            return new HoursState(HoursState.Kind.CLOSED, closure.get().reason());
        }
        return weekly(queue, local) ? HoursState.OPEN : new HoursState(HoursState.Kind.CLOSED, "");
    }

    @Override
    public Optional<Instant> nextOpening(String queue, Instant after) {
        if (!calendar.canClose(queue)) {
            return Optional.of(after);
        }
        LocalDateTime t = LocalDateTime.ofInstant(after, calendar.zone());
        LocalDate last = t.toLocalDate().plusDays(DAYS_AHEAD);
        while (!t.toLocalDate().isAfter(last)) {
            if (holiday(queue, t.toLocalDate()).isPresent()) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            Optional<Calendar.Closure> closure = closure(queue, t);
            if (closure.isPresent()) {
                t = closure.get().until();
                continue;
            }
            if (weekly(queue, t)) {
                Instant at = t.atZone(calendar.zone()).toInstant();
                // a local time skipped by a daylight-saving change resolves later; take whichever is later
                return Optional.of(at.isBefore(after) ? after : at);
            }
            t = nextStart(queue, t);
        }
        return Optional.empty();
    }

    private Optional<Calendar.Holiday> holiday(String queue, LocalDate day) {
        return calendar.holidays().stream()
                .filter(h -> h.date().equals(day)
                        && (h.queues().isEmpty() || h.queues().contains(queue)))
                .findFirst();
    }

    private Optional<Calendar.Closure> closure(String queue, LocalDateTime t) {
        return calendar.closures().stream()
                .filter(c -> !t.isBefore(c.from()) && t.isBefore(c.until()))
                .filter(c -> c.queues().isEmpty() || c.queues().contains(queue))
                .findFirst();
    }

    private boolean weekly(String queue, LocalDateTime t) {
        int minute = t.getHour() * 60 + t.getMinute();
        for (Calendar.Opening o : openings(queue, t.toLocalDate())) {
            if (minute >= o.from() && minute < o.until()) {
                return true;
            }
        }
        return false;
    }

    /** The next opening's start after {@code t} on its day, else the next day's midnight. */
    private LocalDateTime nextStart(String queue, LocalDateTime t) {
        int minute = t.getHour() * 60 + t.getMinute();
        for (Calendar.Opening o : openings(queue, t.toLocalDate())) {
            if (o.from() > minute) {
                return t.toLocalDate().atTime(LocalTime.of(o.from() / 60, o.from() % 60));
            }
        }
        return t.toLocalDate().plusDays(1).atStartOfDay();
    }

    private List<Calendar.Opening> openings(String queue, LocalDate day) {
        return calendar.week(queue)
                .map(w -> w.days().getOrDefault(day.getDayOfWeek(), List.of()))
                .orElse(List.of());
    }
}
