package io.hotline.console;

import io.hotline.flow.Calendar;
import io.hotline.hours.HoursState;
import io.hotline.hours.OpeningHours;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The calendar as the admin page shows it: each queue's week in words, whether it is open at a moment and when it
 * opens next, and the holidays and closures still to come. Times are the calendar's own zone's, written out here
 * so the page shows what the file says whatever zone the admin's browser is in.
 */
final class CalendarView {
    /** The calendar's id on the admin page: its file is {@link Calendar#FILE}. */
    static final String ID = "calendar";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    private CalendarView() {}

    static JsonObject json(Calendar calendar, Instant now) {
        OpeningHours hours = OpeningHours.of(calendar);
        LocalDateTime localNow = LocalDateTime.ofInstant(now, calendar.zone());
        JsonArray queues = new JsonArray();
        calendar.hours().keySet().stream().sorted().forEach(q -> {
            Calendar.Week w = calendar.hours().get(q);
            HoursState s = hours.stateAt(q, now);
            JsonObject row = new JsonObject()
                    .put("queue", q)
                    .put("week", week(w))
                    .put("now", s.kind().wire())
                    .put("because", s.because());
            if (!s.open()) {
                Optional<Instant> next = hours.nextOpening(q, now);
                next.ifPresent(at -> row.put("opens", at.toString())
                        .put("opensLocal", LOCAL.format(LocalDateTime.ofInstant(at, calendar.zone()))));
            }
            queues.add(row);
        });
        JsonArray holidays = new JsonArray();
        LocalDate today = localNow.toLocalDate();
        for (Calendar.Holiday h : calendar.holidays()) {
            if (!h.date().isBefore(today)) {
                holidays.add(new JsonObject()
                        .put("date", h.date().toString())
                        .put("name", h.name())
                        .put(
                                "queues",
                                new JsonArray(h.queues().stream().sorted().toList())));
            }
        }
        JsonArray closures = new JsonArray();
        for (Calendar.Closure c : calendar.closures()) {
            if (c.until().isAfter(localNow)) {
                closures.add(new JsonObject()
                        .put("from", c.from().toString())
                        .put("until", c.until().toString())
                        .put("reason", c.reason())
                        .put(
                                "queues",
                                new JsonArray(c.queues().stream().sorted().toList())));
            }
        }
        return new JsonObject()
                .put("present", !calendar.source().file().isEmpty())
                .put("file", Calendar.FILE)
                .put("zone", calendar.zone().getId())
                .put("now", LOCAL.format(localNow))
                .put("queues", queues)
                .put("holidays", holidays)
                .put("closures", closures);
    }

    /** "always", "closed", or runs of days with the same times: "Mon–Fri 08:00-22:00; Sat 09:00-18:00". */
    static String week(Calendar.Week w) {
        if (w.always()) {
            return "always";
        }
        if (w.days().isEmpty()) {
            return "closed";
        }
        List<String> parts = new ArrayList<>();
        DayOfWeek[] days = DayOfWeek.values();
        int i = 0;
        while (i < days.length) {
            List<Calendar.Opening> o = w.days().get(days[i]);
            if (o == null || o.isEmpty()) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < days.length && o.equals(w.days().get(days[j + 1]))) {
                j++;
            }
            String run = j == i ? name(days[i]) : name(days[i]) + "–" + name(days[j]);
            parts.add(run + " " + o.stream().map(Calendar.Opening::toString).collect(Collectors.joining(", ")));
            i = j + 1;
        }
        return String.join("; ", parts);
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
