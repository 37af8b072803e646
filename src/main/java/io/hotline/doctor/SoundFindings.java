package io.hotline.doctor;

import java.util.ArrayList;
import java.util.List;

/** Turns what the test flow saw of the sounds ({@link SoundProbe}, via channel variables) into findings. */
final class SoundFindings {
    private SoundFindings() {}

    /**
     * @param prefix    HOTLINE_SOUNDS_PREFIX
     * @param seen      whether Asterisk has the prompts' directory
     * @param missing   {@code <count>:<names>} ({@link TestCallFlow#list}) of prompts in no format
     * @param partial   the same for prompts missing in one format
     * @param core      the same for Asterisk's own sounds
     */
    static List<Finding> from(
            String prefix,
            boolean seen,
            String dataDir,
            String promptDir,
            String checked,
            String missing,
            String partial,
            String core) {
        List<Finding> out = new ArrayList<>();
        if (!seen) {
            out.add(Finding.problem(
                    "sounds.prefix",
                    "Asterisk has no directory " + promptDir + " (HOTLINE_SOUNDS_PREFIX="
                            + prefix + ", Asterisk's sounds are under " + dataDir + "/sounds): it cannot play a single"
                            + " prompt",
                    "set HOTLINE_SOUNDS_PREFIX to where Asterisk sees Hotline's sounds: a directory under " + dataDir
                            + "/sounds (asterisk.conf [directories] astdatadir) or an absolute path on Asterisk's host,"
                            + " and make HOTLINE_SOUNDS_DIR's files appear there (shared volume, copy or link)"));
        } else {
            out.add(Finding.ok("sounds.prefix", "Asterisk sees HOTLINE_SOUNDS_PREFIX=" + prefix + " as " + promptDir));
            int m = count(missing);
            out.add(
                    m == 0
                            ? Finding.ok(
                                    "sounds.prompts",
                                    "all " + checked + " prompt files of the published flows"
                                            + " are where Asterisk looks (" + String.join(", ", SoundProbe.FORMATS)
                                            + ")")
                            : Finding.problem(
                                    "sounds.prompts",
                                    m + " prompt" + (m == 1 ? " is" : "s are") + " missing in " + promptDir + ": "
                                            + names(missing),
                                    "run 'hotline prompts' (or copy HOTLINE_SOUNDS_DIR) so that " + promptDir
                                            + "/<lang>/<id>.wav exists; callers hear silence and AGI ends in FAILURE otherwise"));
            int p = count(partial);
            if (p > 0) {
                out.add(Finding.warning(
                        "sounds.formats",
                        p + " prompt file" + (p == 1 ? " is" : "s are") + " missing in one format: " + names(partial),
                        "run 'hotline prompts' to write both " + String.join(" and ", SoundProbe.FORMATS)
                                + "; Asterisk transcodes the other meanwhile"));
            }
        }
        int c = count(core);
        out.add(
                c == 0
                        ? Finding.ok("sounds.core", "Asterisk's own digits, number words and letters are installed")
                        : Finding.problem(
                                "sounds.core",
                                c + " of Asterisk's own sounds are missing: " + names(core),
                                "install Asterisk's core sounds for that language (e.g. asterisk-core-sounds-en-gsm) under "
                                        + dataDir + "/sounds/<lang>/"));
        return out;
    }

    static int count(String list) {
        int colon = list.indexOf(':');
        try {
            return Integer.parseInt(colon < 0 ? list : list.substring(0, colon));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String names(String list) {
        int colon = list.indexOf(':');
        String names = colon < 0 ? "" : list.substring(colon + 1);
        int n = count(list);
        int shown = names.isEmpty() ? 0 : names.split(",").length;
        return names.replace(",", ", ") + (n > shown ? " and " + (n - shown) + " more" : "");
    }
}
