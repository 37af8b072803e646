package io.hotline.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Queued callback settings")
class CallbackConfigTest {

    @Test
    @DisplayName("by default a failed call back is retried after 2, then 4 minutes, doubling up to half an hour")
    void defaultRetriesDoubleUpToHalfAnHour() {
        var config = CallbackConfig.defaults();

        assertThat(config.attempts()).isEqualTo(3);
        assertThat(config.backoff(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.backoff(2)).isEqualTo(Duration.ofMinutes(4));
        assertThat(config.backoff(4)).isEqualTo(Duration.ofMinutes(16));
        assertThat(config.backoff(5)).as("capped").isEqualTo(Duration.ofMinutes(30));
        assertThat(config.backoff(19)).as("the most attempts allowed").isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    @DisplayName("the first wait and the longest are set by HOTLINE_CALLBACK_RETRY and HOTLINE_CALLBACK_RETRY_MAX")
    void retryAndCapAreSettings() {
        var config = CallbackConfig.from(
                Settings.from(Map.of("HOTLINE_CALLBACK_RETRY", "1m", "HOTLINE_CALLBACK_RETRY_MAX", "5m")));

        assertThat(config.backoff(0))
                .as("before any failure counts as the first")
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(config.backoff(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(config.backoff(4)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("a first wait longer than half an hour is kept as it is when no longest wait is set")
    void longFirstWaitRaisesTheDefaultCap() {
        var config = CallbackConfig.from(Settings.from(Map.of("HOTLINE_CALLBACK_RETRY", "1h")));

        assertThat(config.retryMax()).isEqualTo(Duration.ofHours(1));
        assertThat(config.backoff(3)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    @DisplayName("refuses a first wait that is not positive or a longest wait shorter than it, naming the key")
    void refusesNonsense() {
        assertThat(refusal(Map.of("HOTLINE_CALLBACK_RETRY", "0s"))).startsWith("HOTLINE_CALLBACK_RETRY:");
        assertThat(refusal(Map.of("HOTLINE_CALLBACK_RETRY", "10m", "HOTLINE_CALLBACK_RETRY_MAX", "5m")))
                .startsWith("HOTLINE_CALLBACK_RETRY_MAX:");
    }

    private static String refusal(Map<String, String> settings) {
        return catchThrowableOfType(ConfigException.class, () -> CallbackConfig.from(Settings.from(settings)))
                .getMessage();
    }
}
