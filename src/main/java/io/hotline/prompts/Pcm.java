package io.hotline.prompts;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Mono 16-bit PCM audio: what a {@link Synthesizer} returns and what the sound files hold.
 * The array is owned by the record: callers must not change it after construction.
 *
 * @param sampleRate samples per second, e.g. 8000 or 16000
 * @param samples    signed 16-bit samples
 */
@SuppressWarnings("ArrayRecordComponent") // never compared or hashed; the samples are shared read-only (above)
public record Pcm(int sampleRate, short[] samples) {
    public Pcm {
        if (sampleRate < 1000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("sample rate out of range: " + sampleRate);
        }
        Objects.requireNonNull(samples, "samples");
    }

    /** How long it plays. */
    public Duration duration() {
        return Duration.ofNanos(samples.length * 1_000_000_000L / sampleRate);
    }

    /** Root mean square level, 0 (silence) to 1 (full scale). */
    public double rms() {
        if (samples.length == 0) {
            return 0;
        }
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length) / 32768.0;
    }

    /** The largest absolute sample, 0 to 32768. */
    public int peak() {
        int p = 0;
        for (short s : samples) {
            p = Math.max(p, Math.abs((int) s));
        }
        return p;
    }

    /** Silence of the given length. */
    public static Pcm silence(int sampleRate, Duration length) {
        return new Pcm(sampleRate, new short[(int) (length.toMillis() * sampleRate / 1000)]);
    }

    /** The pieces one after another; all must have the same rate. */
    public static Pcm concat(int sampleRate, List<Pcm> pieces) {
        int n = 0;
        for (Pcm p : pieces) {
            if (p.sampleRate != sampleRate) {
                throw new IllegalArgumentException("rate " + p.sampleRate + " != " + sampleRate);
            }
            n += p.samples.length;
        }
        short[] out = new short[n];
        int at = 0;
        for (Pcm p : pieces) {
            System.arraycopy(p.samples, 0, out, at, p.samples.length);
            at += p.samples.length;
        }
        return new Pcm(sampleRate, out);
    }

    /**
     * Cuts leading and trailing quiet (below {@code threshold} of full scale) down to
     * {@code keep} on each side, so prompts follow each other without long gaps.
     */
    public Pcm trimmed(double threshold, Duration keep) {
        int limit = (int) (threshold * 32768);
        int first = 0;
        while (first < samples.length && Math.abs((int) samples[first]) <= limit) {
            first++;
        }
        if (first == samples.length) {
            return this;
        }
        int last = samples.length - 1;
        while (last > first && Math.abs((int) samples[last]) <= limit) {
            last--;
        }
        int pad = (int) (keep.toMillis() * sampleRate / 1000);
        int from = Math.max(0, first - pad);
        int to = Math.min(samples.length, last + 1 + pad);
        return from == 0 && to == samples.length ? this : new Pcm(sampleRate, Arrays.copyOfRange(samples, from, to));
    }

    /** Scaled so the peak is {@code target} of full scale (quiet voices get louder, loud ones softer). */
    public Pcm normalized(double target) {
        int p = peak();
        if (p == 0) {
            return this;
        }
        double gain = target * 32767 / p;
        short[] out = new short[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = clip(Math.round(samples[i] * gain));
        }
        return new Pcm(sampleRate, out);
    }

    static short clip(long v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}
