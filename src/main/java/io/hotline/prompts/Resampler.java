package io.hotline.prompts;

/**
 * Band-limited sample-rate conversion (windowed sinc, Blackman window): a proper low-pass
 * below the lower Nyquist frequency, so 16 kHz or 22.05 kHz speech becomes 8 kHz
 * telephone audio without aliasing. Deterministic: same input, same bytes.
 */
final class Resampler {
    /** Zero crossings of the sinc on each side: steepness of the filter. */
    private static final int ZEROS = 16;
    /** Table entries per zero crossing; linear interpolation in between. */
    private static final int STEPS = 512;
    /** Pass band as a fraction of the lower Nyquist frequency (3.6 kHz for 8 kHz output). */
    private static final double ROLLOFF = 0.9;
    private static final double[] KERNEL = kernel();

    private Resampler() {
    }

    private static double[] kernel() {
        double[] k = new double[ZEROS * STEPS + 2];
        for (int i = 0; i < k.length; i++) {
            double u = (double) i / STEPS;
            double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
            double w = u >= ZEROS ? 0
                    : 0.42 + 0.5 * Math.cos(Math.PI * u / ZEROS) + 0.08 * Math.cos(2 * Math.PI * u / ZEROS);
            k[i] = sinc * w;
        }
        return k;
    }

    static Pcm resample(Pcm in, int outRate) {
        int inRate = in.sampleRate();
        if (inRate == outRate) {
            return in;
        }
        short[] x = in.samples();
        double step = (double) inRate / outRate;            // input samples per output sample
        double fc = Math.min(1.0, (double) outRate / inRate) * ROLLOFF; // cutoff, in input Nyquist units
        double half = ZEROS / fc;                           // kernel half width, in input samples
        int n = (int) ((long) x.length * outRate / inRate);
        short[] y = new short[n];
        for (int j = 0; j < n; j++) {
            double pos = j * step;
            int lo = Math.max(0, (int) Math.ceil(pos - half));
            int hi = Math.min(x.length - 1, (int) Math.floor(pos + half));
            double acc = 0;
            for (int k = lo; k <= hi; k++) {
                double u = Math.abs(pos - k) * fc * STEPS;
                int i = (int) u;
                double frac = u - i;
                acc += x[k] * (KERNEL[i] + (KERNEL[i + 1] - KERNEL[i]) * frac);
            }
            y[j] = Pcm.clip(Math.round(acc * fc));
        }
        return new Pcm(outRate, y);
    }
}
