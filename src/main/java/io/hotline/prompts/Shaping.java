package io.hotline.prompts;

import java.time.Duration;

/**
 * What every synthesized sound goes through before it is written (see
 * {@link PromptCatalog#OUTPUT_VERSION}, which names these steps so that changing them
 * regenerates the prompts): long leading and trailing silences cut to 80 ms, the level
 * brought to a peak of 70 % of full scale (headroom for the telephone codecs), then
 * band-limited resampling to the file's rate.
 */
final class Shaping {
    private static final double SILENCE = 0.01;
    private static final Duration KEEP = Duration.ofMillis(80);
    private static final double PEAK = 0.7;

    private Shaping() {}

    static Pcm shape(Pcm raw) {
        return raw.trimmed(SILENCE, KEEP).normalized(PEAK);
    }

    static Pcm at(Pcm shaped, int rate) {
        return Resampler.resample(shaped, rate);
    }
}
