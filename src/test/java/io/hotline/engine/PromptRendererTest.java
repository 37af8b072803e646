package io.hotline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Dates in prompts")
class PromptRendererTest {
    @Test
    @DisplayName(
            "a date reads as LocalDate.parse reads it, every day of four years, and a day that does not exist is refused")
    void datesAsParseReadsThem() {
        for (LocalDate d = LocalDate.of(2023, 1, 1); d.isBefore(LocalDate.of(2027, 1, 1)); d = d.plusDays(1)) {
            assertThat(PromptRenderer.isoDate(d.toString())).isEqualTo(d);
        }
        assertThat(PromptRenderer.isoDate("0001-01-01")).isEqualTo(LocalDate.parse("0001-01-01"));
        for (String bad :
                new String[] {"2026-02-30", "2026-13-01", "2026/11/23", "2026-1-234", "20x6-11-23", "2026-11-2"}) {
            assertThatThrownBy(() -> PromptRenderer.isoDate(bad)).as(bad).isInstanceOf(DateTimeException.class);
        }
    }
}
