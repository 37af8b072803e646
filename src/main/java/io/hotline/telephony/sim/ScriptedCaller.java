package io.hotline.telephony.sim;

import io.hotline.call.CallEnded;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.call.RecordRequest;
import io.hotline.call.Recording;
import java.time.Duration;
import java.util.List;

/**
 * A caller that presses a fixed sequence of keys, as {@code hotline call --keys} takes it:
 * keys {@code 0-9 * #} are used in order whenever the flow listens; {@code .} means the
 * caller stays silent for one wait; {@code ~} that they speak when recorded ({@link #speak}); spaces are ignored; when the keys run out and the
 * flow waits for more, the caller hangs up.
 *
 * <p>A key pressed during a prompt that listens for it interrupts the prompt (barge-in);
 * a key the prompt does not listen for waits for the next listening moment, as a
 * person would press it after the prompt. Not thread-safe: one call, one thread.
 */
public final class ScriptedCaller implements SimCaller {
    private final String keys;
    private int next;

    public ScriptedCaller(String keys) {
        String k = keys == null ? "" : keys.replaceAll("\\s+", "");
        if (!k.matches("[0-9*#.~]*")) {
            throw new IllegalArgumentException("keys may only be 0-9 * # . ~ and spaces, got '" + keys + "'");
        }
        this.keys = k;
    }

    @Override
    public Key hear(List<PromptPart> parts, String language, String interruptKeys) {
        if (next < keys.length() && keys.charAt(next) != '.' && interruptKeys.indexOf(keys.charAt(next)) >= 0) {
            return Key.of(keys.charAt(next++));
        }
        return Key.NONE;
    }

    @Override
    public Key nextKey(Duration timeout) {
        if (next >= keys.length()) {
            throw new CallEnded("the scripted caller has no more keys and hangs up");
        }
        char c = keys.charAt(next++);
        return c == '.' || c == '~' ? Key.NONE : Key.of(c); // a message the flow never asked for: silence
    }

    /**
     * {@code ~} in the script: when recorded, the caller "speaks" {@link #SPOKEN} of a {@value #TONE_HZ} Hz tone and
     * presses {@code #}; without it they say nothing (the recording ends on silence, empty).
     */
    @Override
    public Recording speak(RecordRequest request) {
        if (next < keys.length() && keys.charAt(next) == '~') {
            next++;
            Duration said = SPOKEN.compareTo(request.maxLength()) > 0 ? request.maxLength() : SPOKEN;
            return new Recording(
                    Tone.wav(TONE_HZ, said),
                    "audio/wav",
                    said,
                    request.stopKeys().indexOf('#') >= 0 ? Recording.Ended.KEY : Recording.Ended.SILENCE);
        }
        return SimCaller.super.speak(request);
    }

    /** How long a scripted caller speaks at a {@code ~}. */
    public static final Duration SPOKEN = Duration.ofSeconds(3);
    /** The tone a scripted caller speaks. */
    public static final int TONE_HZ = 440;

    /** Keys not used when the call ended. */
    public String unused() {
        return keys.substring(Math.min(next, keys.length()));
    }
}
