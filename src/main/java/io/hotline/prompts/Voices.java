package io.hotline.prompts;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which {@link Synthesizer} speaks which language. The standard choice: {@code en} with
 * FreeTTS {@code kevin16}, {@code zh} with espeak-ng's Mandarin voice. A language with no
 * synthesizer can still be served by recordings; {@link PromptLint} reports prompts that
 * have neither. A tag like {@code zh-CN} uses the synthesizer of {@code zh}.
 *
 * <p>Immutable; the synthesizers themselves are thread-safe.
 */
public final class Voices {
    private final Map<String, Synthesizer> byLanguage;

    private Voices(Map<String, Synthesizer> byLanguage) {
        this.byLanguage = Map.copyOf(byLanguage);
    }

    public static Voices of(Map<String, Synthesizer> byLanguage) {
        return new Voices(byLanguage);
    }

    /** English with FreeTTS, Mandarin with espeak-ng as configured. Loads nothing yet. */
    public static Voices standard(PromptsConfig config) {
        return new Voices(Map.of(
                "en", new FreeTtsSynthesizer(),
                "zh", new EspeakSynthesizer(config.espeakCommand(), config.espeakVoiceZh(), config.espeakRate())));
    }

    public Optional<Synthesizer> forLanguage(String lang) {
        Synthesizer s = byLanguage.get(lang);
        if (s == null && lang.indexOf('-') > 0) {
            s = byLanguage.get(lang.substring(0, lang.indexOf('-')));
        }
        return Optional.ofNullable(s);
    }

    /** The synthesizer's settings for hashing, or {@code none}. */
    public String settingsFor(String lang) {
        return forLanguage(lang).map(Synthesizer::settings).orElse("none");
    }

    /** Language → synthesizer, sorted by language. */
    public Map<String, Synthesizer> all() {
        return new TreeMap<>(byLanguage);
    }
}
