package io.hotline.flow;

import io.hotline.flow.LocatedYaml.Entry;
import io.hotline.flow.LocatedYaml.MapNode;
import io.hotline.flow.LocatedYaml.Scalar;
import io.hotline.flow.LocatedYaml.Seq;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code calendar.yaml} into a {@link Calendar}, reporting every problem at its line and carrying on, as the
 * flow files are read. Which queues the flows use is the {@link FlowChecker}'s business, not this file's.
 */
final class CalendarParser {
    static final List<String> TOP = List.of("time-zone", "hours", "holidays", "closures");
    static final List<String> HOLIDAY = List.of("date", "name", "queues");
    static final List<String> CLOSURE = List.of("from", "until", "reason", "queues");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern RANGE = Pattern.compile("([0-9]{2}):([0-9]{2})\\s*-\\s*([0-9]{2}):([0-9]{2})");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_-]+");

    private final ProblemSink sink;

    private CalendarParser(ProblemSink sink) {
        this.sink = sink;
    }

    /** The calendar, or null when it has any problem (all of them in {@code sink}). */
    static Calendar parse(String text, ProblemSink sink) {
        return new CalendarParser(sink).parse(text);
    }

    private Calendar parse(String text) {
        LocatedYaml root;
        try {
            root = LocatedYaml.parse(text);
        } catch (LocatedYaml.SyntaxError e) {
            sink.add(e.line(), null, e.getMessage());
            return null;
        }
        if (!(root instanceof MapNode map)) {
            sink.add(root == null ? 1 : root.line(), null, "the calendar must be a map with time-zone and hours");
            return null;
        }
        int before = sink.count();
        Fields top = new Fields(map, sink, null, "the calendar", map.line());
        top.rejectUnknown(TOP);
        ZoneId zone = null;
        String z = top.text("time-zone", true);
        if (z != null) {
            try {
                zone = ZoneId.of(z.trim());
            } catch (DateTimeException e) {
                sink.add(
                        top.line("time-zone"),
                        null,
                        "'time-zone' must be a zone such as Asia/Shanghai, got '" + z + "'");
            }
        }
        Map<String, Calendar.Week> hours = new LinkedHashMap<>();
        MapNode h = top.map("hours", true);
        if (h != null) {
            Fields.distinct(h, sink, null, "queue").forEach((queue, e) -> {
                Calendar.Week w = week(queue, e);
                if (w != null) {
                    hours.put(queue, w);
                }
            });
        }
        List<Calendar.Holiday> holidays = new ArrayList<>();
        Seq hs = top.seq("holidays", false);
        if (hs != null) {
            Map<LocalDate, Integer> seen = new LinkedHashMap<>();
            for (LocatedYaml item : hs.items()) {
                Calendar.Holiday d = holiday(item);
                if (d != null) {
                    Integer first = d.queues().isEmpty() ? seen.putIfAbsent(d.date(), item.line()) : null;
                    if (first != null) {
                        sink.add(
                                item.line(),
                                null,
                                "holiday " + d.date() + " is listed twice (first at line " + first + ")");
                    }
                    holidays.add(d);
                }
            }
        }
        List<Calendar.Closure> closures = new ArrayList<>();
        Seq cs = top.seq("closures", false);
        if (cs != null) {
            for (LocatedYaml item : cs.items()) {
                Calendar.Closure c = closure(item);
                if (c != null) {
                    closures.add(c);
                }
            }
        }
        if (sink.count() != before || zone == null) {
            return null;
        }
        return new Calendar(sink.at(map.line()), zone, hours, holidays, closures);
    }

    private Calendar.Week week(String queue, Entry e) {
        int line = e.key().line();
        Source src = sink.at(line);
        if (!QUEUE.matcher(queue).matches()) {
            sink.add(line, null, "queue name '" + queue + "' may only hold letters, digits, _ and -");
            return null;
        }
        if (e.value() instanceof Scalar s && !s.isNull()) {
            String v = s.text().trim().toLowerCase(Locale.ROOT);
            if (v.equals("always")) {
                return new Calendar.Week(queue, true, Map.of(), src);
            }
            if (v.equals("closed")) {
                return new Calendar.Week(queue, false, Map.of(), src);
            }
        }
        if (!(e.value() instanceof MapNode days)) {
            sink.add(
                    line,
                    null,
                    "hours of '" + queue + "' must be 'always', 'closed' or a map of days to times, e.g."
                            + " mon-fri: \"08:00-20:00\"");
            return null;
        }
        int before = sink.count();
        Map<DayOfWeek, List<Calendar.Opening>> week = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, Integer> firstLine = new EnumMap<>(DayOfWeek.class);
        for (Entry d : days.entries()) {
            int dl = d.key().line();
            Set<DayOfWeek> which = days(d.key().text(), dl, queue);
            if (!(d.value() instanceof Scalar s) || s.isNull()) {
                sink.add(
                        dl,
                        null,
                        "'" + queue + "' " + d.key().text() + ": the times must be text such as \"08:00-20:00\"");
                continue;
            }
            List<Calendar.Opening> openings =
                    openings(s.text(), dl, queue + "' " + d.key().text());
            if (which == null || openings == null) {
                continue;
            }
            for (DayOfWeek day : which) {
                Integer first = firstLine.putIfAbsent(day, dl);
                if (first != null) {
                    sink.add(
                            dl,
                            null,
                            "'" + queue + "': " + DAYS.get(day.getValue() - 1) + " is given twice (first at line "
                                    + first + ")");
                } else if (!openings.isEmpty()) {
                    week.put(day, openings);
                }
            }
        }
        return sink.count() == before ? new Calendar.Week(queue, false, week, src) : null;
    }

    /** {@code mon}, {@code mon-fri}, {@code sat, sun}; null (reported) when wrong. */
    private Set<DayOfWeek> days(String key, int line, String queue) {
        Set<DayOfWeek> out = new LinkedHashSet<>();
        for (String part : key.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            String[] ends = p.split("-", -1);
            int a = ends.length <= 2 ? DAYS.indexOf(ends[0].trim()) : -1;
            int b = ends.length == 2 ? DAYS.indexOf(ends[1].trim()) : a;
            if (a < 0 || b < 0 || b < a) {
                sink.add(
                        line,
                        null,
                        "'" + queue + "': '" + key + "' is not a day (mon, tue, wed, thu, fri, sat, sun), a range such"
                                + " as mon-fri, or a list such as sat, sun");
                return null;
            }
            for (int i = a; i <= b; i++) {
                out.add(DayOfWeek.of(i + 1));
            }
        }
        return out;
    }

    /** {@code "08:00-12:00, 13:00-18:00"} or {@code closed}; sorted, not overlapping; null (reported) when wrong. */
    private List<Calendar.Opening> openings(String text, int line, String what) {
        if (text.trim().equalsIgnoreCase("closed")) {
            return List.of();
        }
        List<Calendar.Opening> out = new ArrayList<>();
        for (String part : text.split(",")) {
            Matcher m = RANGE.matcher(part.trim());
            int from = m.matches() ? minutes(m.group(1), m.group(2)) : -1;
            int until = m.matches() ? minutes(m.group(3), m.group(4)) : -1;
            if (from < 0 || until < 0 || from >= until || from == 24 * 60) {
                sink.add(
                        line,
                        null,
                        "'" + what + ": '" + part.trim() + "' must be HH:MM-HH:MM, ending after it starts (24:00 ends"
                                + " the day; a night across midnight is two days' times)");
                return null;
            }
            out.add(new Calendar.Opening(from, until));
        }
        out.sort(java.util.Comparator.comparingInt(Calendar.Opening::from));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).from() < out.get(i - 1).until()) {
                sink.add(line, null, "'" + what + ": " + out.get(i - 1) + " and " + out.get(i) + " overlap");
                return null;
            }
        }
        return out;
    }

    private static int minutes(String hh, String mm) {
        int h = Integer.parseInt(hh);
        int m = Integer.parseInt(mm);
        if (h > 24 || m > 59 || (h == 24 && m != 0)) {
            return -1;
        }
        return h * 60 + m;
    }

    private Calendar.Holiday holiday(LocatedYaml item) {
        if (!(item instanceof MapNode m)) {
            sink.add(item.line(), null, "a holiday must be a map with 'date' and 'name'");
            return null;
        }
        int before = sink.count();
        Fields f = new Fields(m, sink, null, "a holiday", m.line());
        f.rejectUnknown(HOLIDAY);
        LocalDate date = null;
        String d = f.text("date", true);
        if (d != null) {
            try {
                date = LocalDate.parse(d.trim());
            } catch (DateTimeParseException e) {
                sink.add(f.line("date"), null, "holiday 'date' must be a date such as 2026-10-01, got '" + d + "'");
            }
        }
        String name = f.text("name", true);
        Set<String> queues = queues(f);
        return sink.count() == before && date != null && name != null
                ? new Calendar.Holiday(date, name, queues, sink.at(m.line()))
                : null;
    }

    private Calendar.Closure closure(LocatedYaml item) {
        if (!(item instanceof MapNode m)) {
            sink.add(item.line(), null, "a closure must be a map with 'from', 'until' and 'reason'");
            return null;
        }
        int before = sink.count();
        Fields f = new Fields(m, sink, null, "a closure", m.line());
        f.rejectUnknown(CLOSURE);
        LocalDateTime from = dateTime(f, "from");
        LocalDateTime until = dateTime(f, "until");
        String reason = f.text("reason", true);
        Set<String> queues = queues(f);
        if (from != null && until != null && !until.isAfter(from)) {
            sink.add(f.line("until"), null, "closure 'until' " + until + " must be after 'from' " + from);
        }
        return sink.count() == before && from != null && until != null && reason != null
                ? new Calendar.Closure(from, until, reason, queues, sink.at(m.line()))
                : null;
    }

    private LocalDateTime dateTime(Fields f, String field) {
        String t = f.text(field, true);
        if (t == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(t.trim().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            sink.add(
                    f.line(field),
                    null,
                    "closure '" + field + "' must be a local date and time such as 2026-12-24T18:00, got '" + t + "'");
            return null;
        }
    }

    private Set<String> queues(Fields f) {
        LocatedYaml v = f.value("queues");
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof Seq seq) || seq.items().isEmpty()) {
            sink.add(f.line("queues"), null, "'queues' must be a list of queue names, e.g. [general-support]");
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (LocatedYaml q : seq.items()) {
            if (!(q instanceof Scalar s)
                    || s.isNull()
                    || !QUEUE.matcher(s.text()).matches()) {
                sink.add(q.line(), null, "'queues' holds queue names (letters, digits, _ and -)");
            } else {
                out.add(s.text());
            }
        }
        return out;
    }
}
