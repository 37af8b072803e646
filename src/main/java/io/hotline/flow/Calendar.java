package io.hotline.flow;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hotline's calendar, {@code calendar.yaml} beside the flows: the time zone, each queue's weekly hours, holiday
 * dates and one-off closures. Published, versioned and rolled back with the flows (it is one of the set's files);
 * {@link #NONE} when the set has no calendar file, and then every queue is always open. What it means at a moment is
 * {@code io.hotline.hours}' job; this is only what the file says. Immutable.
 *
 * @param source   where it was written ({@code ivr-flows/calendar.yaml}), or an empty file name for {@link #NONE}
 * @param zone     the zone its times and dates are in
 * @param hours    queue → its week; a queue not listed has no hours and is always open
 * @param holidays whole days closed, in file order
 * @param closures one-off closures, in file order
 */
public record Calendar(
        Source source, ZoneId zone, Map<String, Week> hours, List<Holiday> holidays, List<Closure> closures) {
    /** The file name in the flows directory: a flow cannot be called {@code calendar}. */
    public static final String FILE = "calendar.yaml";

    /** No calendar file: no queue has hours, none is ever closed. */
    public static final Calendar NONE =
            new Calendar(new Source("", 0), ZoneId.of("UTC"), Map.of(), List.of(), List.of());

    public Calendar {
        hours = Map.copyOf(hours);
        holidays = List.copyOf(holidays);
        closures = List.copyOf(closures);
    }

    /** The week of {@code queue}, when the calendar gives it hours. */
    public Optional<Week> week(String queue) {
        return Optional.ofNullable(hours.get(queue));
    }

    /** Whether the calendar can close {@code queue} at some time (it has hours that are not {@code always}). */
    public boolean canClose(String queue) {
        Week w = hours.get(queue);
        return w != null && !w.always();
    }

    /**
     * One queue's weekly hours.
     *
     * @param always open every minute of every day, holidays and closures included (a fraud line)
     * @param days   day → its opening times, sorted; a day not in the map is closed
     */
    public record Week(String queue, boolean always, Map<DayOfWeek, List<Opening>> days, Source source) {
        public Week {
            days = Map.copyOf(days);
        }
    }

    /**
     * Open from {@code from} to {@code until} minutes after midnight on a day ({@code until} up to 1440, midnight
     * ending the day).
     */
    public record Opening(int from, int until) {
        public Opening {
            if (from < 0 || until > 24 * 60 || from >= until) {
                throw new IllegalArgumentException("an opening is 00:00 to 24:00 and ends after it starts");
            }
        }

        @Override
        public String toString() {
            return hhmm(from) + "-" + hhmm(until);
        }

        static String hhmm(int minutes) {
            return String.format(java.util.Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
        }
    }

    /**
     * A whole day closed.
     *
     * @param queues the queues it closes; empty: every queue with hours (never an {@code always} queue)
     */
    public record Holiday(LocalDate date, String name, Set<String> queues, Source source) {
        public Holiday {
            queues = Set.copyOf(queues);
        }
    }

    /**
     * Closed from {@code from} until {@code until}, local times in the calendar's zone.
     *
     * @param queues as for {@link Holiday}
     */
    public record Closure(LocalDateTime from, LocalDateTime until, String reason, Set<String> queues, Source source) {
        public Closure {
            queues = Set.copyOf(queues);
        }
    }
}
