package io.hotline.call;

import java.time.Duration;
import java.util.Objects;

/**
 * What to record of the caller's voice (a complaint's message).
 *
 * @param name      a name for the recording, unique to the call (letters, digits, {@code -} and {@code _}); adapters
 *                  use it for the file on Asterisk's side
 * @param maxLength the longest it may be; recording stops there
 * @param silence   recording stops after this much silence (Asterisk trims it off the end)
 * @param stopKeys  keys that end the recording (e.g. {@code #}); the key is not part of it
 */
public record RecordRequest(String name, Duration maxLength, Duration silence, String stopKeys) {
    public RecordRequest {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException("a recording name is letters, digits, - and _: '" + name + "'");
        }
        Objects.requireNonNull(maxLength, "maxLength");
        Objects.requireNonNull(silence, "silence");
        if (maxLength.isNegative() || maxLength.isZero() || silence.isNegative()) {
            throw new IllegalArgumentException("maxLength must be positive and silence not negative");
        }
        stopKeys = stopKeys == null ? "" : stopKeys;
    }
}
