package io.hotline.call;

import java.time.Duration;
import java.util.Objects;

/**
 * What the caller said, brought from the telephony side: the whole file, in Hotline's hands.
 *
 * @param audio       the file's bytes (a WAV file: 8 kHz, 16-bit mono from Asterisk); empty when nothing was kept
 * @param contentType e.g. {@code audio/wav}
 * @param length      how long it is
 * @param endedBy     what ended it
 */
public record Recording(byte[] audio, String contentType, Duration length, Ended endedBy) {
    /** What ended a recording. */
    public enum Ended {
        /** The caller pressed a stop key. */
        KEY,
        /** The caller stopped talking. */
        SILENCE,
        /** It reached its maximum length. */
        MAX_LENGTH,
        /** The caller hung up while recording (what was said until then is kept). */
        HANGUP
    }

    public Recording {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(endedBy, "endedBy");
    }

    /** Nothing worth keeping. */
    public boolean empty() {
        return audio.length == 0 || length.isZero();
    }
}
