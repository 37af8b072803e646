package io.hotline.telephony.agi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the recorded FastAGI transcripts in {@code src/test/resources/transcripts/}: each
 * session ("A. full session ...") as the ordered list of lines on the wire, decoded from the
 * Python bytes repr they are logged in.
 */
final class Transcripts {

    /** One line on the wire. {@code fromAsterisk} is {@code A>S}; otherwise {@code S>A}. */
    record Line(boolean fromAsterisk, String text) {}

    /** One recorded connection: its letter, title, and lines; {@code scriptDoneAt} marks the server's half-close. */
    record Session(String letter, String title, List<Line> lines, int scriptDoneAt) {

        /** The {@code agi_} block lines (without the empty line that ends it). */
        List<String> block() {
            List<String> out = new ArrayList<>();
            for (Line l : lines) {
                if (!l.fromAsterisk() || l.text().isEmpty()) {
                    break;
                }
                out.add(l.text());
            }
            return out;
        }

        /** Lines after the {@code agi_} block. */
        List<Line> dialogue() {
            return lines.subList(block().size() + 1, lines.size());
        }
    }

    private static final Pattern HEADER = Pattern.compile("^([A-Z])\\. (.*)$");
    private static final Pattern WIRE = Pattern.compile("^\\[\\s*[0-9.]+\\] (A>S|S>A) b'(.*)'$");

    private Transcripts() {}

    /** The sessions of one transcript file, by letter, in file order. */
    static Map<String, Session> load(String name) {
        String text;
        try (InputStream in = Transcripts.class.getResourceAsStream("/transcripts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Session> sessions = new LinkedHashMap<>();
        String[] rows = text.split("\n");
        String letter = null;
        String title = null;
        List<Line> lines = new ArrayList<>();
        int scriptDone = -1;
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i];
            if (row.startsWith("=====") && i + 2 < rows.length && rows[i + 2].startsWith("=====")) {
                Matcher h = HEADER.matcher(rows[i + 1]);
                if (h.matches()) {
                    if (letter != null) {
                        sessions.put(letter, new Session(letter, title, List.copyOf(lines), scriptDone));
                    }
                    letter = h.group(1);
                    title = h.group(2);
                    lines = new ArrayList<>();
                    scriptDone = -1;
                    i += 2;
                    continue;
                }
            }
            if (letter == null) {
                continue;
            }
            Matcher w = WIRE.matcher(row);
            if (w.matches()) {
                String decoded = decode(w.group(2));
                if (!decoded.endsWith("\n")) {
                    throw new IllegalStateException("transcript line without \\n: " + row);
                }
                lines.add(new Line(w.group(1).equals("A>S"), decoded.substring(0, decoded.length() - 1)));
            } else if (row.contains("## script done")) {
                scriptDone = lines.size();
            }
        }
        if (letter != null) {
            sessions.put(letter, new Session(letter, title, List.copyOf(lines), scriptDone));
        }
        return sessions;
    }

    /** Every line Asterisk sent in the dialogue part (after the agi_ block) of every session of a file. */
    static List<String> repliesIn(String name) {
        List<String> out = new ArrayList<>();
        for (Session s : load(name).values()) {
            if (s.lines().isEmpty()) {
                continue; // the side-channel logs (verbose output) have no wire lines
            }
            for (Line l : s.dialogue()) {
                if (l.fromAsterisk()) {
                    out.add(l.text());
                }
            }
        }
        return out;
    }

    /** Decodes the inside of a Python {@code b'...'} literal. */
    static String decode(String repr) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < repr.length(); i++) {
            char c = repr.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char n = repr.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case '\\', '\'', '"' -> b.append(n);
                case 'x' -> {
                    b.append((char) Integer.parseInt(repr.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + n);
            }
        }
        return b.toString();
    }
}
