package io.hotline.prompts;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in synthesizer: a 16 kHz tone that lasts 50 ms per character plus 200 ms. */
final class ToneSynthesizer implements Synthesizer {
    final List<String> spoken = new CopyOnWriteArrayList<>();
    private final String settings;
    volatile String failOn;

    ToneSynthesizer(String settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "tone";
    }

    @Override
    public String settings() {
        return settings;
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public Pcm synthesize(String text) throws SynthesisException {
        if (failOn != null && text.contains(failOn)) {
            throw new SynthesisException("cannot say " + failOn);
        }
        spoken.add(text);
        int n = 16_000 * (200 + 50 * text.length()) / 1000;
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return new Pcm(16_000, s);
    }
}
