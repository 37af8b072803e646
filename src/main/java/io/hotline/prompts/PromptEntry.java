package io.hotline.prompts;

import io.hotline.flow.Source;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One prompt in one language: what is said and where its sound lives.
 *
 * @param id     stable id from the flows ({@code <flow>.<node>.<purpose>}, or {@code .1},
 *               {@code .2} for the pieces of a template with slots), or {@code hotline.*}
 *               for the fixed prompts; also the sound file's base name
 * @param lang   language tag as written in the flows, e.g. {@code en}, {@code zh}
 * @param text   the words
 * @param hash   SHA-256 (hex) of the text, the language and the synthesizer's settings:
 *               when it changes, the generated sound is out of date
 * @param source where the prompt was written (a flow file and line), or {@code (built in)}
 */
public record PromptEntry(String id, String lang, String text, String hash, Source source) {
    /** Ids and languages become file names: no separators, no dots at the start, nothing odd. */
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    public PromptEntry {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(source, "source");
        if (id == null || !SAFE.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("prompt id cannot be a file name: " + id);
        }
        if (lang == null || !SAFE.matcher(lang).matches() || lang.contains(".")) {
            throw new IllegalArgumentException("language cannot be a directory name: " + lang);
        }
    }

    /** The 8 kHz file, relative to the sounds directory: {@code <lang>/<id>.wav}. */
    public String relativePath() {
        return lang + "/" + id + SoundLayout.WAV;
    }

    /** The 8 kHz file under {@code soundsDir}: {@code soundsDir/<lang>/<id>.wav}. */
    public Path soundFile(Path soundsDir) {
        return soundsDir.resolve(lang).resolve(id + SoundLayout.WAV);
    }

    /** The 16 kHz file under {@code soundsDir}: {@code soundsDir/<lang>/<id>.wav16}. */
    public Path wideband(Path soundsDir) {
        return soundsDir.resolve(lang).resolve(id + SoundLayout.WAV16);
    }
}
