package io.hotline.prompts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Sounds that are not the flows' prompts (the announcements an admin writes): one text in one language
 * synthesized into {@code <lang>/<id>.wav} and {@code .wav16}, processed like the catalog's prompts. These files
 * are not in the generator's manifest, so {@code hotline prompts --prune} leaves them alone, like recordings.
 *
 * <p>Threading: safe from any thread; blocks while synthesizing.
 */
public final class PromptWriter {
    private final Path soundsDir;
    private final Voices voices;

    public PromptWriter(Path soundsDir, Voices voices) {
        this.soundsDir = soundsDir;
        this.voices = voices;
    }

    /** For the standard voices of {@code config}, in its sounds directory. */
    public static PromptWriter standard(PromptsConfig config) {
        return new PromptWriter(config.soundsDir(), Voices.standard(config));
    }

    public Path soundsDir() {
        return soundsDir;
    }

    /** Speaks {@code text} into the files of prompt {@code id} in {@code lang}, replacing what was there. */
    public void write(String id, String lang, String text) throws SynthesisException {
        Synthesizer synth = voices.forLanguage(lang)
                .orElseThrow(() -> new SynthesisException("no synthesizer for language '" + lang + "'"));
        Optional<String> why = synth.unavailable();
        if (why.isPresent()) {
            throw new SynthesisException(synth.name() + " cannot run: " + why.get());
        }
        Pcm shaped = Shaping.shape(synth.synthesize(text));
        Path dir = soundsDir.resolve(lang);
        try {
            Files.createDirectories(dir);
            Manifest.writeAtomically(
                    dir.resolve(id + SoundLayout.WAV16), Wav.encode(Shaping.at(shaped, SoundLayout.WIDE_RATE)));
            Manifest.writeAtomically(
                    dir.resolve(id + SoundLayout.WAV), Wav.encode(Shaping.at(shaped, SoundLayout.NARROW_RATE)));
        } catch (IOException e) {
            throw new SynthesisException("cannot write " + dir.resolve(id + SoundLayout.WAV) + ": " + e.getMessage());
        }
    }

    /** Whether prompt {@code id} has a sound in {@code lang} Asterisk can play ({@code .wav} or {@code .wav16}). */
    public boolean exists(String id, String lang) {
        Path dir = soundsDir.resolve(lang);
        for (String ext : List.of(SoundLayout.WAV, SoundLayout.WAV16)) {
            if (Files.isRegularFile(dir.resolve(id + ext))) {
                return true;
            }
        }
        return false;
    }
}
