package io.hotline.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prompt parts and hand-off variables")
class CallPartsTest {

    @Test
    @DisplayName("a number read digit by digit keeps only its digits, and a digits part refuses anything else")
    void digits() {
        assertThat(PromptPart.Digits.in("+86 138-0013 8000").digits()).isEqualTo("8613800138000");
        assertThat(PromptPart.Digits.in("T-").digits()).isEmpty();
        assertThatThrownBy(() -> new PromptPart.Digits("12a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a channel variable's name is the same with or without Asterisk's one or two inheritance marks")
    void baseName() {
        assertThat(QueueHandoff.baseName("__HOTLINE_QUEUE")).isEqualTo("HOTLINE_QUEUE");
        assertThat(QueueHandoff.baseName("_HOTLINE_QUEUE")).isEqualTo("HOTLINE_QUEUE");
        assertThat(QueueHandoff.baseName("HOTLINE_QUEUE")).isEqualTo("HOTLINE_QUEUE");
        assertThat(QueueHandoff.baseName("___X")).isEqualTo("_X");
        assertThat(QueueHandoff.baseName("__")).isEmpty();
    }
}
