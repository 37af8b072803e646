package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.flow.ActionCatalog;
import io.hotline.flow.Calendar;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.LoadResult;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The calendar as the admin page shows it")
class CalendarViewTest {
    static final String CALENDAR = """
            time-zone: Asia/Shanghai
            hours:
              fraud: always
              general-support:
                mon-fri: "08:00-12:00, 13:00-20:00"
                sat: "09:00-17:00"
              night-desk: closed
            holidays:
              - { date: 2026-10-01, name: National Day }
              - { date: 2026-12-25, name: Christmas Day, queues: [general-support] }
            closures:
              - { from: 2026-12-24T18:00, until: 2026-12-28T09:00, reason: Staff party }
            """;

    static Calendar calendar() {
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("main.yaml", """
                id: main
                languages: [en]
                start: bye
                nodes:
                  bye: { type: hangup }
                """.getBytes(StandardCharsets.UTF_8));
        files.put(Calendar.FILE, CALENDAR.getBytes(StandardCharsets.UTF_8));
        LoadResult r = new FlowLoader().load("flows", files, ActionCatalog.of(Map.of()));
        assertThat(r.problems()).isEmpty();
        return r.flowSet().orElseThrow().calendar();
    }

    static Instant at(String localShanghai) {
        return ZonedDateTime.parse(localShanghai + "+08:00[Asia/Shanghai]").toInstant();
    }

    static JsonObject queue(JsonObject view, String name) {
        return view.getJsonArray("queues").stream()
                .map(JsonObject.class::cast)
                .filter(q -> q.getString("queue").equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName("each queue's week in words, runs of days with the same times together")
    void weeks() {
        JsonObject v = CalendarView.json(calendar(), at("2026-12-02T10:00"));
        assertThat(queue(v, "general-support").getString("week"))
                .isEqualTo("Mon–Fri 08:00-12:00, 13:00-20:00; Sat 09:00-17:00");
        assertThat(queue(v, "fraud").getString("week")).isEqualTo("always");
        assertThat(queue(v, "night-desk").getString("week")).isEqualTo("closed");
        assertThat(v.getBoolean("present")).isTrue();
        assertThat(v.getString("zone")).isEqualTo("Asia/Shanghai");
        assertThat(v.getString("now")).isEqualTo("Wed 2 Dec 2026 10:00");
    }

    @Test
    @DisplayName("open now, or closed with why and when it opens, in the calendar's zone")
    void nowAndNext() {
        JsonObject lunch = CalendarView.json(calendar(), at("2026-12-02T12:30"));
        assertThat(queue(lunch, "general-support").getString("now")).isEqualTo("closed");
        assertThat(queue(lunch, "general-support").getString("opensLocal")).isEqualTo("Wed 2 Dec 2026 13:00");
        assertThat(queue(lunch, "general-support").getString("opens")).isEqualTo("2026-12-02T05:00:00Z");
        assertThat(queue(lunch, "fraud").getString("now")).isEqualTo("open");
        assertThat(queue(lunch, "fraud").containsKey("opens")).isFalse();
        assertThat(queue(lunch, "night-desk").containsKey("opens")).isFalse(); // not within a year

        JsonObject party = CalendarView.json(calendar(), at("2026-12-24T19:00"));
        assertThat(queue(party, "general-support").getString("because")).isEqualTo("Staff party");
        assertThat(queue(party, "general-support").getString("opensLocal")).isEqualTo("Mon 28 Dec 2026 09:00");
    }

    @Test
    @DisplayName("only the holidays and closures still to come are listed")
    void comingOnly() {
        JsonObject v = CalendarView.json(calendar(), at("2026-12-02T10:00"));
        assertThat(v.getJsonArray("holidays").size()).isEqualTo(1);
        assertThat(v.getJsonArray("holidays").getJsonObject(0).getString("name"))
                .isEqualTo("Christmas Day");
        assertThat(v.getJsonArray("closures").getJsonObject(0).getString("until"))
                .isEqualTo("2026-12-28T09:00");
        assertThat(CalendarView.json(calendar(), at("2026-12-28T09:00"))
                        .getJsonArray("closures")
                        .isEmpty())
                .isTrue();
    }

    @Test
    @DisplayName("without a calendar file there is nothing to show")
    void none() {
        assertThat(CalendarView.json(Calendar.NONE, Instant.now()).getBoolean("present"))
                .isFalse();
    }
}
