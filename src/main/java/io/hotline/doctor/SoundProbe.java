package io.hotline.doctor;

import io.hotline.prompts.PromptCatalog;
import io.hotline.prompts.PromptEntry;
import io.hotline.prompts.SpokenText;
import io.hotline.telephony.agi.ChannelExpressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sound files Asterisk can see, asked on Asterisk's side of a call: {@code ${ASTDATADIR}} and
 * {@code ${STAT(e,<path>)}}, many to one {@code GET FULL VARIABLE} (AMI and ARI may not read {@code STAT};
 * AGI may). Checks every prompt of the catalog in every format Hotline writes ({@code .wav}, {@code .wav16})
 * under {@code HOTLINE_SOUNDS_PREFIX} as Asterisk resolves it (relative to {@code <datadir>/sounds}, or
 * absolute), and the core sounds Asterisk's own saying plays (digits, number words, letters) for each
 * language Hotline does not read numbers in with its own prompts.
 */
final class SoundProbe {
    /** The formats {@code hotline prompts} writes: 8 kHz and 16 kHz WAV. */
    static final List<String> FORMATS = List.of(".wav", ".wav16");
    /** Formats Asterisk's core sound packages come in. */
    static final List<String> CORE_FORMATS = List.of(".gsm", ".wav", ".ulaw", ".alaw", ".g722", ".sln16", ".wav16");
    /** res_agi reads a command line of up to 2 KB. */
    private static final int MAX_EXPRESSION = 1800;

    /**
     * What was found.
     *
     * @param dataDir      Asterisk's {@code ASTDATADIR}
     * @param promptDir    where the prompts are looked for ({@code <dataDir>/sounds/<prefix>} or the absolute prefix)
     * @param promptDirSeen whether that directory exists for Asterisk
     * @param checked      prompt files looked for
     * @param missing      {@code <lang>/<id>} of prompts with no file in any format
     * @param partial      {@code <lang>/<id><ext>} of prompts missing in one format only
     * @param coreMissing  {@code <lang>:<sound>} of core sounds found neither in the language nor in English
     */
    record Result(
            String dataDir,
            String promptDir,
            boolean promptDirSeen,
            int checked,
            List<String> missing,
            List<String> partial,
            List<String> coreMissing) {}

    private SoundProbe() {}

    static Result run(ChannelExpressions evaluate, String prefix, PromptCatalog catalog) {
        String dataDir = evaluate.evaluate("${ASTDATADIR}");
        String promptDir = prefix.startsWith("/") ? prefix : dataDir + "/sounds/" + prefix;
        boolean seen = "1".equals(evaluate.evaluate("${STAT(d," + promptDir + ")}"));
        Map<String, Boolean> files = new LinkedHashMap<>();
        for (PromptEntry e : catalog.entries()) {
            for (String ext : FORMATS) {
                files.put(promptDir + "/" + e.lang() + "/" + e.id() + ext, false);
            }
        }
        if (seen) {
            stat(evaluate, files);
        }
        List<String> missing = new ArrayList<>();
        List<String> partial = new ArrayList<>();
        for (PromptEntry e : catalog.entries()) {
            List<String> absent = new ArrayList<>();
            for (String ext : FORMATS) {
                if (!files.get(promptDir + "/" + e.lang() + "/" + e.id() + ext)) {
                    absent.add(ext);
                }
            }
            if (absent.size() == FORMATS.size()) {
                missing.add(e.lang() + "/" + e.id());
            } else {
                absent.forEach(ext -> partial.add(e.lang() + "/" + e.id() + ext));
            }
        }
        return new Result(
                dataDir,
                promptDir,
                seen,
                files.size(),
                missing,
                partial,
                coreMissing(evaluate, dataDir, catalog.languages()));
    }

    /** Core sounds: in the channel's language, else English (Asterisk's own fallback in {@code fileexists_core}). */
    private static List<String> coreMissing(ChannelExpressions evaluate, String dataDir, Set<String> languages) {
        Set<String> langs = new TreeSet<>();
        languages.stream().filter(l -> !SpokenText.isChinese(l)).forEach(langs::add);
        if (langs.isEmpty()) {
            return List.of();
        }
        Map<String, Boolean> files = new LinkedHashMap<>();
        Set<String> looked = new TreeSet<>(langs);
        looked.add("en");
        for (String lang : looked) {
            for (String sound : coreSounds()) {
                for (String ext : CORE_FORMATS) {
                    files.put(dataDir + "/sounds/" + lang + "/" + sound + ext, false);
                }
            }
        }
        stat(evaluate, files);
        List<String> out = new ArrayList<>();
        for (String lang : langs) {
            for (String sound : coreSounds()) {
                if (!anyFormat(files, dataDir, lang, sound) && !anyFormat(files, dataDir, "en", sound)) {
                    out.add(lang + ":" + sound);
                }
            }
        }
        return out;
    }

    private static boolean anyFormat(Map<String, Boolean> files, String dataDir, String lang, String sound) {
        return CORE_FORMATS.stream().anyMatch(ext -> files.get(dataDir + "/sounds/" + lang + "/" + sound + ext));
    }

    /** What SAY NUMBER / DIGITS / ALPHA play (main/say.c, English): digits, number words, letters. */
    static List<String> coreSounds() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            out.add("digits/" + i);
        }
        for (int i = 30; i <= 90; i += 10) {
            out.add("digits/" + i);
        }
        out.addAll(List.of("digits/hundred", "digits/thousand", "digits/million"));
        for (char c = 'a'; c <= 'z'; c++) {
            out.add("letters/" + c);
        }
        return out;
    }

    /** Fills in {@code files} (path → exists), many {@code STAT}s to one expression. */
    private static void stat(ChannelExpressions evaluate, Map<String, Boolean> files) {
        List<String> batch = new ArrayList<>();
        int length = 0;
        for (String path : files.keySet()) {
            String expr = "${STAT(e," + path + ")}";
            if (!batch.isEmpty() && length + expr.length() > MAX_EXPRESSION) {
                statBatch(evaluate, batch, files);
                batch.clear();
                length = 0;
            }
            batch.add(path);
            length += expr.length();
        }
        if (!batch.isEmpty()) {
            statBatch(evaluate, batch, files);
        }
    }

    private static void statBatch(ChannelExpressions evaluate, List<String> paths, Map<String, Boolean> files) {
        StringBuilder expr = new StringBuilder();
        paths.forEach(p -> expr.append("${STAT(e,").append(p).append(")}"));
        String answer = evaluate.evaluate(expr.toString());
        for (int i = 0; i < paths.size(); i++) {
            files.put(paths.get(i), i < answer.length() && answer.charAt(i) == '1');
        }
    }
}
