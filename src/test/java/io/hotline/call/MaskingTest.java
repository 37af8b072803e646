package io.hotline.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Masking")
class MaskingTest {

    @Test
    @DisplayName("phone numbers keep their last four digits; secure digits only their count")
    void phonesAndSecrets() {
        assertThat(Masking.phone("13800138000")).isEqualTo("*******8000");
        assertThat(Masking.phone("123")).isEqualTo("***");
        assertThat(Masking.secret("2468")).isEqualTo("****");
    }

    @Test
    @DisplayName("typed entries of seven digits or more are masked as numbers; short ones (amounts, choices) are kept")
    void typed() {
        assertThat(Masking.typed("13800138000")).isEqualTo("*******8000");
        assertThat(Masking.typed("500")).isEqualTo("500");
    }

    @Test
    @DisplayName("free text loses long numbers; strict text loses PIN-length numbers too")
    void text() {
        String pgError = "ERROR: invalid input syntax for type bigint: \"13800138000x\" after 2000 ms";
        assertThat(Masking.text(pgError))
                .isEqualTo("ERROR: invalid input syntax for type bigint: \"*******8000x\" after 2000 ms");
        assertThat(Masking.text("200 result=2468", true)).isEqualTo("200 result=****");
        assertThat(Masking.text("200 result=53", true)).isEqualTo("200 result=53");
        assertThat(Masking.text(null)).isEmpty();
    }
}
