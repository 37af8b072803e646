package io.hotline.telephony.agi;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling it until a deadline (no fixed sleeps). */
final class Poll {
    private Poll() {
    }

    static void until(BooleanSupplier condition, Duration within, Supplier<String> whatWasExpected) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + within.toMillis() + " ms: " + whatWasExpected.get());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
