package io.hotline.prompts;

/**
 * Band-limited sample-rate conversion (windowed sinc, Blackman window): a proper low-pass
 * below the lower Nyquist frequency, so 16 kHz or 22.05 kHz speech becomes 8 kHz
 * telephone audio without aliasing. Polyphase: for rates in a small ratio (16000→8000 is
 * 1:2, 22050→8000 is 441:160) the filter taps of each phase are computed once per call and
 * each output sample is one dot product. Deterministic: same input, same bytes.
 */
final class Resampler {
    /** Zero crossings of the sinc on each side: steepness of the filter. */
    private static final int ZEROS = 16;
    /** Pass band as a fraction of the lower Nyquist frequency (3.6 kHz for 8 kHz output). */
    private static final double ROLLOFF = 0.9;
    /** More phases than this (rates in an odd ratio) would make a needlessly large table. */
    private static final int MAX_PHASES = 4096;

    private Resampler() {}

    static Pcm resample(Pcm in, int outRate) {
        int inRate = in.sampleRate();
        if (inRate == outRate) {
            return in;
        }
        int g = gcd(inRate, outRate);
        int phases = outRate / g; // output sample j sits at input position j * step / phases
        int step = inRate / g;
        if (phases > MAX_PHASES) {
            throw new IllegalArgumentException("cannot resample " + inRate + " Hz to " + outRate + " Hz");
        }
        double fc = Math.min(1.0, (double) outRate / inRate) * ROLLOFF; // cutoff, in input Nyquist units
        int reach = (int) Math.ceil(ZEROS / fc); // taps on each side
        int taps = 2 * reach;
        double[][] coef = new double[phases][taps];
        for (int p = 0; p < phases; p++) {
            double frac = (double) p / phases;
            for (int i = 0; i < taps; i++) {
                double dist = frac - (i - reach + 1); // input position minus tap's input index
                coef[p][i] = fc * kernel(Math.abs(dist) * fc);
            }
        }
        short[] x = in.samples();
        int n = (int) ((long) x.length * outRate / inRate);
        short[] y = new short[n];
        for (int j = 0; j < n; j++) {
            long num = (long) j * step;
            int base = (int) (num / phases);
            double[] c = coef[(int) (num % phases)];
            int first = base - reach + 1;
            int from = Math.max(0, -first);
            int to = Math.min(taps, x.length - first);
            double acc = 0;
            for (int i = from; i < to; i++) {
                acc += c[i] * x[first + i];
            }
            y[j] = Pcm.clip(Math.round(acc));
        }
        return new Pcm(outRate, y);
    }

    /** sinc(u) under a Blackman window reaching zero at {@code ZEROS} crossings. */
    private static double kernel(double u) {
        if (u >= ZEROS) {
            return 0;
        }
        double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
        return sinc * (0.42 + 0.5 * Math.cos(Math.PI * u / ZEROS) + 0.08 * Math.cos(2 * Math.PI * u / ZEROS));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
