package io.hotline.journeys;

import io.hotline.emulator.asterisk.CallerVoice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The "voice" test callers leave as a complaint's message (the emulators' {@link CallerVoice}: a 440 Hz tone), and
 * how to find it again in a recording (8 kHz 16-bit mono WAV, as Asterisk's {@code wav} format writes).
 */
public final class VoiceTone {
    /** The tone test callers play ({@link CallerVoice#HZ}). */
    public static final int HZ = CallerVoice.HZ;
    /** How long the emulators' callers speak ({@link CallerVoice#SECONDS}). */
    public static final int SECONDS = CallerVoice.SECONDS;

    private VoiceTone() {}

    /** What a recording holds: how long it is, how much of it is loud, and the loud part's frequency. */
    public record Heard(double seconds, double loudSeconds, double hertz) {}

    /** Reads a mono 16-bit PCM WAV file and measures it (20 ms frames; loud = RMS above 1000). */
    public static Heard measure(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a WAV file");
        }
        int pos = 12;
        int rate = 8000;
        while (pos + 8 <= wav.length) {
            int id = b.getInt(pos);
            int len = b.getInt(pos + 4);
            if (id == 0x20746d66) {
                rate = b.getInt(pos + 12);
            } else if (id == 0x61746164) {
                int n = Math.min(len, wav.length - pos - 8) / 2;
                short[] s = new short[n];
                for (int i = 0; i < n; i++) {
                    s[i] = b.getShort(pos + 8 + 2 * i);
                }
                return measure(s, rate);
            }
            pos += 8 + len + (len & 1);
        }
        throw new IllegalArgumentException("a WAV file without a data chunk");
    }

    private static Heard measure(short[] s, int rate) {
        int frame = rate / 50;
        long loudSamples = 0;
        long crossings = 0;
        for (int f = 0; f + frame <= s.length; f += frame) {
            double sum = 0;
            for (int i = f; i < f + frame; i++) {
                sum += (double) s[i] * s[i];
            }
            if (Math.sqrt(sum / frame) > 1000) {
                loudSamples += frame;
                for (int i = f + 1; i < f + frame; i++) {
                    if ((s[i - 1] < 0) != (s[i] < 0)) {
                        crossings++;
                    }
                }
            }
        }
        double loud = loudSamples / (double) rate;
        return new Heard(s.length / (double) rate, loud, loud == 0 ? 0 : crossings / 2.0 / loud);
    }
}
