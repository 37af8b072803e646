package io.hotline.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** calendar.yaml is checked with the flows: its own mistakes, and the flows' hours nodes and queues against it. */
@DisplayName("The calendar file, linted with the flows")
class CalendarLintTest {
    static final String MAIN = """
            id: main
            languages: [en]
            start: hours
            nodes:
              hours:
                type: hours
                queue: general-support
                open: agent
                closed: bye
              agent:
                type: queue
                queue: general-support
                category: general
              bye: { type: hangup }
            """;

    static List<String> lint(String main, String calendar) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("main.yaml", main.getBytes(StandardCharsets.UTF_8));
        if (calendar != null) {
            files.put(Calendar.FILE, calendar.getBytes(StandardCharsets.UTF_8));
        }
        return new FlowLoader()
                .load("ivr-flows", files, ActionCatalog.of(Map.of())).problems().stream()
                        .map(Problem::toString)
                        .toList();
    }

    @Test
    @DisplayName("every mistake in the calendar is reported at its line, all of them at once")
    void calendarMistakes() {
        assertThat(lint(MAIN.replace("category: general", "category: general\n    closed: { en: \"Closed.\" }"), """
                        time-zone: Mars/Olympus
                        hours:
                          general-support:
                            mon-fry: "08:00-20:00"
                            sat: "18:00-09:00"
                            sun: "09:00-12:00, 11:00-13:00"
                        holidays:
                          - { date: 2026-13-01, name: Nowhere }
                          - { date: 2026-10-01 }
                        closures:
                          - { from: 2026-12-24T18:00, until: 2026-12-24T08:00, reason: party, queues: [fraud] }
                        colour: blue
                        """))
                .contains(
                        "ivr-flows/calendar.yaml:1: 'time-zone' must be a zone such as Asia/Shanghai, got 'Mars/Olympus'",
                        "ivr-flows/calendar.yaml:4: 'general-support': 'mon-fry' is not a day (mon, tue, wed, thu, fri,"
                                + " sat, sun), a range such as mon-fri, or a list such as sat, sun",
                        "ivr-flows/calendar.yaml:8: holiday 'date' must be a date such as 2026-10-01, got '2026-13-01'",
                        "ivr-flows/calendar.yaml:9: missing 'name' (required in a holiday)",
                        "ivr-flows/calendar.yaml:11: closure 'until' 2026-12-24T08:00 must be after 'from' 2026-12-24T18:00",
                        "ivr-flows/calendar.yaml:12: unknown field 'colour' in the calendar (allowed: time-zone, hours,"
                                + " holidays, closures)")
                .anyMatch(p -> p.startsWith("ivr-flows/calendar.yaml:5: ") && p.contains("ending after it starts"))
                .anyMatch(p -> p.startsWith("ivr-flows/calendar.yaml:6: ") && p.contains("overlap"));
    }

    @Test
    @DisplayName("a queue the calendar can close needs a 'closed' prompt, at the queue node's line")
    void closedPromptRequired() {
        assertThat(lint(MAIN, """
                        time-zone: Asia/Shanghai
                        hours:
                          general-support: { mon-fri: "08:00-20:00" }
                        """))
                .containsExactly("ivr-flows/main.yaml:10: node 'agent': queue 'general-support' can be closed"
                        + " (ivr-flows/calendar.yaml:3): add a 'closed' prompt telling the caller their ticket reference"
                        + " and when they will be contacted");
    }

    /** The agent node with a callback offer whose when-closed has {@code whenClosed} (8 spaces indented). */
    static String withWhenClosed(String whenClosed, boolean closedPrompt) {
        return MAIN.replace(
                "    category: general\n",
                "    category: general\n"
                        + (closedPrompt ? "    closed: { en: \"Closed.\" }\n" : "")
                        + "    callback:\n"
                        + "      offer: { en: \"Press 1.\" }\n"
                        + "      number: { en: \"Your number.\" }\n"
                        + "      booked: { en: \"Booked {chars:callback.ref}.\" }\n"
                        + "      refused: { en: \"No.\" }\n"
                        + "      when-closed:\n"
                        + whenClosed);
    }

    @Test
    @DisplayName("a callback's when-closed needs its offer and booked prompts, knows only its fields, and needs the"
            + " queue node's closed prompt")
    void whenClosedChecked() {
        String calendar = """
                time-zone: Asia/Shanghai
                hours:
                  general-support: { mon-fri: "08:00-20:00" }
                """;
        String offer = "        offer: { en: \"We open {date:hours.next_date}. Press 1.\" }\n";
        String booked = "        booked: { en: \"See you then, {chars:callback.ref}.\" }\n";
        assertThat(lint(withWhenClosed(offer + "        colour: blue\n", true), calendar))
                .anyMatch(p -> p.contains("missing 'booked'"))
                .anyMatch(p -> p.contains("unknown field 'colour'"));
        assertThat(lint(withWhenClosed(offer + booked, false), calendar))
                .anyMatch(p -> p.contains("'when-closed' needs the queue node's 'closed' prompt"));
        assertThat(lint(withWhenClosed(offer + booked, true), calendar)).isEmpty();
    }

    @Test
    @DisplayName("an hours node needs a calendar, and its queue must have hours there; 'always' needs no closed prompt")
    void hoursNodeQueue() {
        assertThat(lint(MAIN, null))
                .containsExactly("ivr-flows/main.yaml:7: node 'hours': an hours node needs the calendar, but there is"
                        + " no calendar.yaml");
        assertThat(lint(MAIN, """
                        time-zone: Asia/Shanghai
                        hours:
                          fraud: always
                        holidays:
                          - { date: 2026-10-01, name: National Day, queues: [fraud] }
                        """))
                .containsExactly(
                        "ivr-flows/calendar.yaml:5: holiday 2026-10-01 closes queue 'fraud', which is open 'always'",
                        "ivr-flows/main.yaml:7: node 'hours': queue 'general-support' has no hours in"
                                + " ivr-flows/calendar.yaml:1 (add them there, or 'always')");
        assertThat(lint(MAIN, """
                        time-zone: Asia/Shanghai
                        hours:
                          general-support: always
                        """)).isEmpty();
    }
}
