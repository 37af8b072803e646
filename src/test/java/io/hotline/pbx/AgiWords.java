package io.hotline.pbx;

import java.util.ArrayList;
import java.util.List;

/** Splits an AGI command line into its words, as res_agi does: double quotes group, a backslash escapes. */
final class AgiWords {
    private AgiWords() {}

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (ch == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(ch) && !quoted) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
