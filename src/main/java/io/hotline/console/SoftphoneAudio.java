package io.hotline.console;

import io.hotline.call.PromptPart;
import io.hotline.prompts.PromptService;
import io.hotline.prompts.SynthesisException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sound of a prompt for the softphone: the prompt's parts rendered into one WAV by the prompts
 * package ({@code sounds/.cache/<lang>/}), offered to the browser as {@code /audio/<lang>/<file>}. When a
 * part cannot be synthesized here (no voice for the language), there is no URL and the page shows and
 * speaks the words itself.
 *
 * <p>Threading: {@link #url} blocks (it may synthesize); call it on the call's virtual thread.
 */
final class SoftphoneAudio {
    private static final Logger log = LoggerFactory.getLogger(SoftphoneAudio.class);
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_.-]{1,120}\\.wav");

    private final PromptService prompts;
    private volatile boolean warned;

    SoftphoneAudio(PromptService prompts) {
        this.prompts = prompts;
    }

    Optional<String> url(List<PromptPart> parts, String lang) {
        try {
            Path f = prompts.render(parts, lang);
            Path cache = cacheDir(prompts, lang);
            if (!f.toAbsolutePath().normalize().startsWith(cache)) {
                return Optional.empty();
            }
            return Optional.of("/audio/" + lang + "/" + f.getFileName());
        } catch (SynthesisException | RuntimeException e) {
            if (!warned) {
                warned = true;
                log.warn(
                        "softphone: no sound for {} prompts ({}); the page shows the words instead",
                        lang,
                        e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** The rendered file for an {@code /audio/<lang>/<file>} request, if it is one. */
    static Optional<Path> resolve(PromptService prompts, String lang, String file) {
        if (lang == null
                || file == null
                || !LANG.matcher(lang).matches()
                || !FILE.matcher(file).matches()
                || file.startsWith(".")) {
            return Optional.empty();
        }
        Path dir = cacheDir(prompts, lang);
        Path f = dir.resolve(file).normalize();
        return f.startsWith(dir) && Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    private static Path cacheDir(PromptService prompts, String lang) {
        return prompts.soundsDir()
                .resolve(".cache")
                .resolve(lang)
                .toAbsolutePath()
                .normalize();
    }
}
