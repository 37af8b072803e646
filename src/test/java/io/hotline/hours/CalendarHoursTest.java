package io.hotline.hours;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.flow.ActionCatalog;
import io.hotline.flow.Calendar;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.LoadResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Opening hours from the calendar")
class CalendarHoursTest {
    static final String MAIN = """
            id: main
            languages: [en]
            start: bye
            nodes:
              bye: { type: hangup }
            """;

    static final String CALENDAR = """
            time-zone: Asia/Shanghai
            hours:
              fraud: always
              general-support:
                mon-fri: "08:00-12:00, 13:00-20:00"
                sat: "09:00-17:00"
            holidays:
              - { date: 2026-10-01, name: National Day }
            closures:
              - { from: 2026-12-24T18:00, until: 2026-12-28T09:00, reason: Staff party }
            """;

    static Calendar calendar(String text) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("main.yaml", MAIN.getBytes(StandardCharsets.UTF_8));
        files.put(Calendar.FILE, text.getBytes(StandardCharsets.UTF_8));
        LoadResult r = new FlowLoader().load("flows", files, ActionCatalog.of(Map.of()));
        assertThat(r.problems()).isEmpty();
        return r.flowSet().orElseThrow().calendar();
    }

    static Instant at(String localShanghai) {
        return ZonedDateTime.parse(localShanghai + "+08:00[Asia/Shanghai]").toInstant();
    }

    final OpeningHours hours = OpeningHours.of(calendar(CALENDAR));

    @Test
    @DisplayName("a queue is open in its weekly hours, closed at lunch, at night and on Sunday, in the calendar's zone")
    void weekly() {
        assertThat(hours.openAt("general-support", at("2026-12-02T08:00"))).isTrue(); // a Wednesday
        assertThat(hours.openAt("general-support", at("2026-12-02T07:59"))).isFalse();
        assertThat(hours.openAt("general-support", at("2026-12-02T12:30"))).isFalse();
        assertThat(hours.openAt("general-support", at("2026-12-02T19:59"))).isTrue();
        assertThat(hours.openAt("general-support", at("2026-12-02T20:00"))).isFalse();
        assertThat(hours.openAt("general-support", at("2026-12-06T10:00"))).isFalse(); // Sunday
        assertThat(hours.stateAt("general-support", at("2026-12-02T21:00")).kind())
                .isEqualTo(HoursState.Kind.CLOSED);
    }

    @Test
    @DisplayName(
            "the next opening is the same moment when open, after lunch, tomorrow morning, or Monday after a weekend")
    void nextOpening() {
        assertThat(hours.nextOpening("general-support", at("2026-12-02T10:15"))).contains(at("2026-12-02T10:15"));
        assertThat(hours.nextOpening("general-support", at("2026-12-02T12:10"))).contains(at("2026-12-02T13:00"));
        assertThat(hours.nextOpening("general-support", at("2026-12-02T23:30"))).contains(at("2026-12-03T08:00"));
        assertThat(hours.nextOpening("general-support", at("2026-12-05T17:30"))) // Saturday evening
                .contains(at("2026-12-07T08:00"));
    }

    @Test
    @DisplayName("a holiday closes the whole day and says its name; the next opening skips it")
    void holiday() {
        HoursState s = hours.stateAt("general-support", at("2026-10-01T10:00"));
        assertThat(s.kind()).isEqualTo(HoursState.Kind.HOLIDAY);
        assertThat(s.because()).isEqualTo("National Day");
        assertThat(hours.nextOpening("general-support", at("2026-10-01T10:00"))).contains(at("2026-10-02T08:00"));
    }

    @Test
    @DisplayName("a closure closes from its start to its end, and the next opening is the first working hour after it")
    void closure() {
        assertThat(hours.openAt("general-support", at("2026-12-24T17:59"))).isTrue();
        HoursState s = hours.stateAt("general-support", at("2026-12-24T18:00"));
        assertThat(s.kind()).isEqualTo(HoursState.Kind.CLOSED);
        assertThat(s.because()).isEqualTo("Staff party");
        assertThat(hours.nextOpening("general-support", at("2026-12-24T18:00"))).contains(at("2026-12-28T09:00"));
    }

    @Test
    @DisplayName("an 'always' queue is open on a holiday, and a queue the calendar does not list is always open")
    void always() {
        assertThat(hours.openAt("fraud", at("2026-10-01T03:00"))).isTrue();
        assertThat(hours.openAt("recharge", at("2026-10-01T03:00"))).isTrue();
        assertThat(OpeningHours.of(Calendar.NONE).openAt("general-support", at("2026-12-06T03:00")))
                .isTrue();
    }

    @Test
    @DisplayName("a queue whose hours are 'closed' never opens")
    void neverOpens() {
        OpeningHours closed = OpeningHours.of(calendar("""
                time-zone: Europe/Berlin
                hours:
                  general-support: closed
                """));
        assertThat(closed.openAt("general-support", Instant.parse("2026-12-02T10:00:00Z")))
                .isFalse();
        assertThat(closed.nextOpening("general-support", Instant.parse("2026-12-02T10:00:00Z")))
                .isEmpty();
        assertThat(Set.of(HoursState.Kind.values())).hasSize(3);
    }
}
