package io.hotline.prompts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;

/**
 * What {@code hotline lint} reports about prompts: each prompt that callers would not hear,
 * because there is no sound file for it in {@code sounds/<lang>/} and its language has no
 * synthesizer (or one that cannot run here, e.g. espeak-ng not installed); plus the
 * catalog's own problems (unsafe ids, one id with two texts).
 */
public final class PromptLint {
    private PromptLint() {}

    /**
     * One prompt problem, printed as {@code file:line: prompt 'id' (lang): message}.
     *
     * @param entry   the prompt, or null for a catalog problem
     * @param message what is wrong
     */
    public record Issue(PromptEntry entry, String message) {
        @Override
        public String toString() {
            return entry == null
                    ? message
                    : entry.source() + ": prompt '" + entry.id() + "' (" + entry.lang() + "): " + message;
        }
    }

    /**
     * Checks every prompt. Probing a synthesizer may load it (FreeTTS: about half a second)
     * or run it once (espeak-ng).
     */
    public static List<Issue> check(PromptCatalog catalog, Voices voices, Path soundsDir) {
        List<Issue> out = new ArrayList<>();
        catalog.problems().forEach(p -> out.add(new Issue(null, p)));
        IdentityHashMap<Synthesizer, Optional<String>> probed = new IdentityHashMap<>();
        for (PromptEntry e : catalog.entries()) {
            if (hasSound(soundsDir, e)) {
                continue;
            }
            Optional<Synthesizer> s = voices.forLanguage(e.lang());
            if (s.isEmpty()) {
                out.add(new Issue(
                        e,
                        "no recording in " + soundsDir.resolve(e.lang()) + " and no synthesizer for language '"
                                + e.lang() + "'"));
                continue;
            }
            Optional<String> why = probed.computeIfAbsent(s.get(), Synthesizer::unavailable);
            why.ifPresent(w -> out.add(new Issue(
                    e,
                    "no recording in " + soundsDir.resolve(e.lang()) + " and "
                            + s.get().name() + " cannot run: " + w)));
        }
        return out;
    }

    private static boolean hasSound(Path soundsDir, PromptEntry e) {
        Path dir = soundsDir.resolve(e.lang());
        for (String ext : SoundLayout.AUDIO_EXTENSIONS) {
            if (Files.isRegularFile(dir.resolve(e.id() + ext))) {
                return true;
            }
        }
        return false;
    }
}
