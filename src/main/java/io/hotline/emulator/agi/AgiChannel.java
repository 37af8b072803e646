package io.hotline.emulator.agi;

import io.hotline.emulator.asterisk.CoreSounds;
import io.hotline.emulator.asterisk.Sounds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The emulated call's channel as res_agi sees it: its variables (and which are inherited), its language, the sound
 * files its Asterisk has, and what it could not play. Thread-safe: the dialogue writes, the result reads.
 */
final class AgiChannel {
    private final Map<String, String> variables = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> inherited = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<String> unplayed = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notInLanguage = Collections.synchronizedList(new ArrayList<>());
    private final String language;
    private final Sounds sounds;
    private final Set<String> missingFiles;

    /** A command failed as res_agi's RESULT_FAILURE: the session ends with AGISTATUS=FAILURE. */
    private volatile boolean failed;

    AgiChannel(String language, Sounds sounds, Set<String> missingFiles) {
        this.language = language;
        this.sounds = sounds;
        this.missingFiles = Set.copyOf(missingFiles);
    }

    /**
     * SET VARIABLE, like pbx_builtin_setvar_helper: the new value replaces the old one, and the prefix of this SET
     * ({@code _} or {@code __}, not part of the name) decides whether it is inherited.
     */
    void set(String raw, String value) {
        String name = raw.replaceFirst("^_{1,2}", "");
        if (!name.equals(raw)) {
            inherited.add(name);
        } else {
            inherited.remove(name);
        }
        variables.put(name, value);
    }

    /** GET VARIABLE's reply. */
    String getReply(String name) {
        String v = variables.get(name);
        return v == null ? "200 result=0" : "200 result=1 (" + v + ")";
    }

    String language() {
        return variables.getOrDefault("CHANNEL(language)", language);
    }

    /** Whether STREAM FILE can play {@code file}; when not, it is kept as unplayed and the session fails. */
    boolean play(String file) {
        if (!present(file)) {
            // handle_streamfile: "200 result=-1 endpos=0" and RESULT_FAILURE
            unplayed.add(file);
            failed = true;
            return false;
        }
        heard(file);
        return true;
    }

    /**
     * Plays what main/say.c plays for a SAY command; false when it fails as Asterisk's does
     * (a file that ast_streamfile cannot open ends say_filenames with -1). SAY DIGITS and ALPHA
     * skip files that do not exist; Chinese SAY NUMBER skips them too (it ignores
     * ast_streamfile's result), saying a wrong number without failing.
     */
    boolean say(String verb, String arg) {
        String lang = language();
        List<String> files = switch (verb) {
            case "SAY NUMBER" -> CoreSounds.sayNumber(Long.parseLong(arg), lang);
            case "SAY DIGITS" -> CoreSounds.sayDigits(arg);
            case "SAY ALPHA" -> CoreSounds.sayCharacters(arg);
            default ->
                CoreSounds.sayDate(
                        java.time.Instant.ofEpochSecond(Long.parseLong(arg))
                                .atZone(java.time.ZoneOffset.UTC)
                                .toLocalDate(),
                        lang);
        };
        boolean skips = (!verb.equals("SAY NUMBER") && !verb.equals("SAY DATE")) || lang.startsWith("zh");
        for (String f : files) {
            if (present(f)) {
                heard(f);
            } else {
                unplayed.add(f);
                if (!skips) {
                    failed = true;
                    return false;
                }
            }
        }
        return true;
    }

    private boolean present(String file) {
        return !missingFiles.contains(file) && sounds.exists(file, language());
    }

    private void heard(String file) {
        if (!sounds.inLanguage(file, language())) {
            notInLanguage.add(file);
        }
    }

    /** The session's result; run_agi keeps a failure to the end, else a hung-up channel is HANGUP. */
    AgiResult result(AgiResult.Ending ending, List<String> commands, List<String> wire, boolean dead) {
        String status = failed ? "FAILURE" : dead ? "HANGUP" : "SUCCESS";
        return new AgiResult(
                ending,
                commands,
                Map.copyOf(variables),
                Set.copyOf(inherited),
                wire,
                status,
                List.copyOf(unplayed),
                List.copyOf(notInLanguage));
    }
}
