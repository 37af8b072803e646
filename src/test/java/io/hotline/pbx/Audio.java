package io.hotline.pbx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** 16-bit PCM WAV files and how well a known sound is found in a recording. */
final class Audio {
    private Audio() {}

    /** Mono 16-bit samples and their rate. */
    @SuppressWarnings("ArrayRecordComponent") // never compared; the samples are read only
    record Pcm(short[] samples, int rate) {
        double seconds() {
            return samples.length / (double) rate;
        }
    }

    /**
     * Where {@code expected} sits best in {@code heard}: the normalised cross-correlation at the best
     * offset (1 = the same waveform), and how many of its seconds the recording holds from there.
     */
    record Match(double correlation, double offsetSeconds, double heardSeconds, double expectedSeconds) {}

    static Pcm read(Path wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            throw new IOException(wav + " is not a WAV file");
        }
        int pos = 12;
        int rate = 0;
        int channels = 0;
        int bits = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int len = b.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            } else if (id == 0x61746164) { // "data"
                if (channels != 1 || bits != 16) {
                    throw new IOException(wav + ": not mono 16-bit PCM (" + channels + " channels, " + bits + " bits)");
                }
                int n = Math.min(len, b.limit() - pos - 8) / 2;
                short[] s = new short[n];
                for (int i = 0; i < n; i++) {
                    s[i] = b.getShort(pos + 8 + 2 * i);
                }
                return new Pcm(s, rate);
            }
            pos += 8 + len + (len & 1);
        }
        throw new IOException(wav + " has no data chunk");
    }

    static Match find(Pcm expected, Pcm heard) {
        if (expected.rate() != heard.rate()) {
            throw new IllegalArgumentException("rates differ: " + expected.rate() + " and " + heard.rate());
        }
        short[] e = expected.samples();
        short[] h = heard.samples();
        double eNorm = 0;
        for (short v : e) {
            eNorm += (double) v * v;
        }
        double best = -1;
        int bestLag = 0;
        int step = 2; // coarse search, then refined around the best lag
        for (int lag = 0; lag < h.length; lag += step) {
            double c = correlation(e, h, lag, eNorm);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        for (int lag = Math.max(0, bestLag - step); lag <= Math.min(h.length - 1, bestLag + step); lag++) {
            double c = correlation(e, h, lag, eNorm);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        int overlap = Math.min(e.length, h.length - bestLag);
        return new Match(best, bestLag / (double) heard.rate(), overlap / (double) heard.rate(), expected.seconds());
    }

    private static double correlation(short[] e, short[] h, int lag, double eNorm) {
        int n = Math.min(e.length, h.length - lag);
        if (n < e.length / 2) {
            return -1;
        }
        double dot = 0;
        double hNorm = 0;
        for (int i = 0; i < n; i++) {
            double hv = h[lag + i];
            dot += e[i] * hv;
            hNorm += hv * hv;
        }
        return hNorm == 0 || eNorm == 0 ? 0 : dot / Math.sqrt(eNorm * hNorm);
    }
}
