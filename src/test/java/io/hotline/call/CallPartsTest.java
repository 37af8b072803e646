package io.hotline.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prompt parts")
class CallPartsTest {

    @Test
    @DisplayName("a number read digit by digit keeps only its digits, and a digits part refuses anything else")
    void digits() {
        assertThat(PromptPart.Digits.in("+86 138-0013 8000").digits()).isEqualTo("8613800138000");
        assertThat(PromptPart.Digits.in("T-").digits()).isEmpty();
        assertThatThrownBy(() -> new PromptPart.Digits("12a")).isInstanceOf(IllegalArgumentException.class);
    }
}
