package io.hotline.emulator.ari;

import io.hotline.emulator.asterisk.CoreSounds;
import io.hotline.emulator.asterisk.Sounds;
import java.util.List;

/** What one media item of an ARI playback plays from the sound files an Asterisk has. */
final class PlaybackMedia {
    private PlaybackMedia() {}

    /**
     * Whether the media item plays (main/say.c and res_stasis_playback): a {@code sound:} file must exist; say-media
     * play the files that exist and skip the rest, except English {@code number:}, which fails on a file it cannot
     * open. Files that are missing go to {@code failed}, files heard through the language fallback to
     * {@code notInLanguage}.
     */
    static boolean plays(String uri, String lang, Sounds sounds, List<String> failed, List<String> notInLanguage) {
        int colon = uri.indexOf(':');
        String scheme = uri.substring(0, colon);
        String arg = uri.substring(colon + 1);
        List<String> files = switch (scheme) {
            case "sound" -> List.of(arg);
            case "number" -> CoreSounds.sayNumber(Long.parseLong(arg), lang);
            case "digits" -> CoreSounds.sayDigits(arg);
            case "characters" -> CoreSounds.sayCharacters(arg);
            default -> List.of();
        };
        boolean fails = scheme.equals("sound") || (scheme.equals("number") && !lang.startsWith("zh"));
        for (String f : files) {
            if (sounds.exists(f, lang)) {
                if (!sounds.inLanguage(f, lang)) {
                    notInLanguage.add(f);
                }
            } else {
                failed.add(scheme.equals("sound") ? uri : uri + " (" + f + ")");
                if (fails) {
                    return false;
                }
            }
        }
        return true;
    }
}
