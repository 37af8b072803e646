package io.hotline.emulator.agi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A FastAGI command line as res_agi reads it: its arguments ({@link #parseArgs}) and its command name. */
public final class AgiCommandLine {
    /** The commands the emulator knows by name; any other is answered {@code 510}. */
    private static final Set<String> KNOWN = Set.of(
            "STREAM FILE",
            "SAY NUMBER",
            "SAY DIGITS",
            "SAY ALPHA",
            "SAY DATE",
            "WAIT FOR DIGIT",
            "SET VARIABLE",
            "GET VARIABLE",
            "GET FULL VARIABLE",
            "ANSWER",
            "HANGUP",
            "VERBOSE",
            "EXEC",
            "CHANNEL STATUS",
            "RECORD FILE");

    private AgiCommandLine() {}

    /**
     * The command's name from its first words ({@code STREAM FILE}, {@code WAIT FOR DIGIT}), upper case; the first
     * word alone when no known command starts so.
     */
    static String verb(List<String> a) {
        if (a.isEmpty()) {
            return "";
        }
        String one = a.get(0).toUpperCase(Locale.ROOT);
        String two = a.size() > 1 ? one + " " + a.get(1).toUpperCase(Locale.ROOT) : one;
        String three = a.size() > 2 ? two + " " + a.get(2).toUpperCase(Locale.ROOT) : two;
        for (String v : List.of(three, two, one)) {
            if (KNOWN.contains(v)) {
                return v;
            }
        }
        return one;
    }

    /**
     * Splits a command line the way res_agi's {@code parse_args} does: blanks separate
     * arguments, double quotes group (and are dropped), a backslash takes the next character.
     * {@code verb(...)} joins the first words back into the command name; the arguments
     * follow at index 2 (or 3 for three-word commands, which only WAIT FOR DIGIT is).
     */
    public static List<String> parseArgs(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean inArg = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inArg = true;
            } else if (c == '"') {
                quoted = !quoted;
                inArg = true;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                if (inArg) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inArg = false;
                }
            } else {
                cur.append(c);
                inArg = true;
            }
        }
        if (inArg) {
            out.add(cur.toString());
        }
        // WAIT FOR DIGIT has three words: fold them so arguments start at index 2 for every verb
        if (out.size() >= 3 && out.get(0).equalsIgnoreCase("WAIT") && out.get(1).equalsIgnoreCase("FOR")) {
            out.set(1, "FOR " + out.remove(2));
        }
        if (out.size() >= 3 && out.get(0).equalsIgnoreCase("GET") && out.get(1).equalsIgnoreCase("FULL")) {
            out.set(1, "FULL " + out.remove(2));
        }
        return out;
    }
}
