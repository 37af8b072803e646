package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition (Awaitility), saying on failure what was expected and what is so now. */
final class Poll {
    private Poll() {}

    static void until(BooleanSupplier condition, Duration within, Supplier<String> whatWasExpected) {
        await().atMost(within)
                .pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(condition.getAsBoolean())
                        .as(whatWasExpected.get())
                        .isTrue());
    }
}
