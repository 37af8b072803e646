package io.hotline.prompts;

import java.util.Optional;

/**
 * Turns text in one language into speech. One implementation per engine
 * ({@link FreeTtsSynthesizer} for English, {@link EspeakSynthesizer} for Mandarin); which
 * language uses which is decided in {@link Voices}.
 *
 * <p>Threading: safe to call from any thread. Implementations that cannot run
 * concurrently (FreeTTS's voice) serialize internally.
 */
public interface Synthesizer {

    /** Short name for reports and logs, e.g. {@code freetts kevin16}. */
    String name();

    /**
     * Everything besides the text that changes the sound (engine, voice, rate, output
     * processing). Part of every prompt's hash: changing it regenerates the prompts.
     */
    String settings();

    /**
     * Empty when this synthesizer can be used here; otherwise why not, in words an
     * operator can act on (e.g. which package to install). May run a quick probe once.
     */
    Optional<String> unavailable();

    /**
     * Speaks {@code text}; returns mono 16-bit audio at the engine's own rate.
     *
     * @throws SynthesisException when the engine is missing or fails on this text
     */
    Pcm synthesize(String text) throws SynthesisException;
}
