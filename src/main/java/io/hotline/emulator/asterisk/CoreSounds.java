package io.hotline.emulator.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asterisk's core English sounds and the files Asterisk's own saying plays from them, for the emulators of every
 * protocol (FastAGI's SAY commands, ARI's {@code number:}, {@code digits:}, {@code characters:} media).
 *
 * <ul>
 *   <li>{@link #names()}: the core English sounds as Debian's {@code asterisk-core-sounds-en-gsm} ships them
 *       ({@code core-sounds-en.txt} beside this class). Debian ships no Chinese ones: a core sound asked for in
 *       Chinese is found only through Asterisk's fallback to {@code en} (main/file.c {@code fileexists_core}), i.e.
 *       in English.</li>
 *   <li>{@link #sayNumber}, {@link #sayDigits}, {@link #sayCharacters}, {@link #sayDate}: the files main/say.c of
 *       Asterisk 22.10.1 plays for SAY NUMBER / DIGITS / ALPHA / DATE and ARI's {@code number:}, {@code digits:},
 *       {@code characters:}.</li>
 * </ul>
 */
public final class CoreSounds {
    private static final Set<String> CORE = load();

    private CoreSounds() {}

    /** Core English sound names as Asterisk plays them ({@code digits/h-8}). */
    @edu.umd.cs.findbugs.annotations.SuppressFBWarnings(
            value = "MS_EXPOSE_REP",
            justification = "an unmodifiable set (Set.copyOf)")
    public static Set<String> names() {
        return CORE;
    }

    /** SAY NUMBER / {@code number:} (say.c {@code get_number_str_en}, {@code ast_say_number_full_zh}). */
    public static List<String> sayNumber(long value, String lang) {
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("SAY NUMBER takes an int: " + value);
        }
        List<String> out = new ArrayList<>();
        if (lang.startsWith("zh")) {
            numberZh((int) value, out);
        } else {
            numberEn((int) value, out);
        }
        return out;
    }

    private static void numberEn(int num, List<String> out) {
        if (num == 0) {
            out.add("digits/0");
            return;
        }
        boolean playh = false;
        while (num != 0 || playh) {
            if (num < 0) {
                out.add("digits/minus");
                num = num > Integer.MIN_VALUE ? -num : 0;
            } else if (playh) {
                out.add("digits/hundred");
                playh = false;
            } else if (num < 20) {
                out.add("digits/" + num);
                num = 0;
            } else if (num < 100) {
                out.add("digits/" + (num / 10) * 10);
                num %= 10;
            } else if (num < 1000) {
                out.add("digits/" + num / 100);
                playh = true;
                num %= 100;
            } else if (num < 1_000_000) {
                numberEn(num / 1000, out);
                num %= 1000;
                out.add("digits/thousand");
            } else if (num < 1_000_000_000) {
                numberEn(num / 1_000_000, out);
                num %= 1_000_000;
                out.add("digits/million");
            } else {
                numberEn(num / 1_000_000_000, out);
                num %= 1_000_000_000;
                out.add("digits/billion");
            }
        }
    }

    /** A port of {@code ast_say_number_full_zh}: its 0 is SAY DIGITS 0, and it wants {@code digits/wan}, {@code digits/yi}. */
    private static void numberZh(int num, List<String> out) {
        if (num == 0) {
            out.add("digits/0");
            return;
        }
        boolean playh = false;
        boolean playt = false;
        boolean playz = false;
        int lastLength = 0;
        while (num != 0 || playh || playt || playz) {
            String fn;
            if (num < 0) {
                fn = "digits/minus";
                num = num > Integer.MIN_VALUE ? -num : 0;
            } else if (playz) {
                fn = "digits/0";
                lastLength = 0;
                playz = false;
            } else if (playh) {
                fn = "digits/hundred";
                playh = false;
            } else if (playt) {
                fn = "digits/thousand";
                playt = false;
            } else if (num < 10) {
                int len = Integer.toString(num).length();
                if (lastLength - len > 1 && lastLength != 0) {
                    lastLength = len;
                    playz = true;
                    continue;
                }
                fn = "digits/" + num;
                num = 0;
            } else if (num < 100) {
                int len = Integer.toString(num).length();
                if (lastLength - len > 1 && lastLength != 0) {
                    lastLength = len;
                    playz = true;
                    continue;
                }
                lastLength = len;
                fn = "digits/" + (num / 10) * 10;
                num %= 10;
            } else if (num < 1000) {
                int len = Integer.toString(num).length();
                if (lastLength - len > 1 && lastLength != 0) {
                    lastLength = len;
                    playz = true;
                    continue;
                }
                fn = "digits/" + num / 100;
                playh = true;
                lastLength = len;
                num -= num / 100 * 100;
            } else if (num < 10_000) {
                fn = "digits/" + num / 1000;
                playt = true;
                lastLength = Integer.toString(num).length();
                num -= num / 1000 * 1000;
            } else if (num < 100_000_000) {
                numberZh(num / 10_000, out);
                lastLength = Integer.toString(num).length();
                num -= num / 10_000 * 10_000;
                fn = "digits/wan";
            } else {
                numberZh(num / 100_000_000, out);
                lastLength = Integer.toString(num).length();
                num -= num / 100_000_000 * 100_000_000;
                fn = "digits/yi";
            }
            out.add(fn);
        }
    }

    /** SAY DIGITS / {@code digits:} (say.c {@code ast_get_digit_str}); files that do not exist are skipped by Asterisk. */
    public static List<String> sayDigits(String digits) {
        List<String> out = new ArrayList<>();
        for (char c : digits.toCharArray()) {
            switch (c) {
                case '*' -> out.add("digits/star");
                case '#' -> out.add("digits/pound");
                case '-' -> out.add("digits/minus");
                default -> {
                    if (c >= '0' && c <= '9') {
                        out.add("digits/" + c);
                    }
                }
            }
        }
        return out;
    }

    /**
     * SAY ALPHA / {@code characters:} (say.c {@code ast_get_character_str}, case-insensitive):
     * the file for each character, or {@code letters/ascii<code>} for one without a name.
     * Asterisk skips a character when neither exists.
     */
    public static List<String> sayCharacters(String value) {
        List<String> out = new ArrayList<>();
        for (char c : value.toCharArray()) {
            String fn = switch (c) {
                case '*' -> "digits/star";
                case '#' -> "digits/pound";
                case '!' -> "letters/exclaimation-point";
                case '@' -> "letters/at";
                case '$' -> "letters/dollar";
                case '-' -> "letters/dash";
                case '.' -> "letters/dot";
                case '=' -> "letters/equals";
                case '+' -> "letters/plus";
                case '/' -> "letters/slash";
                case ' ' -> "letters/space";
                default -> c >= '0' && c <= '9' ? "digits/" + c : "letters/" + Character.toLowerCase(c);
            };
            out.add(CORE.contains(fn) ? fn : "letters/ascii" + (int) c);
        }
        return out;
    }

    /** SAY DATE in English (say.c {@code ast_say_date_en}): weekday, month, day as a number, year. */
    public static List<String> sayDate(LocalDate date, String lang) {
        List<String> out = new ArrayList<>();
        out.add("digits/day-" + date.getDayOfWeek().getValue() % 7);
        out.add("digits/mon-" + (date.getMonthValue() - 1));
        out.addAll(sayNumber(date.getDayOfMonth(), lang));
        out.addAll(sayNumber(date.getYear(), lang));
        return out;
    }

    private static Set<String> load() {
        Set<String> out = new TreeSet<>();
        try (InputStream in = CoreSounds.class.getResourceAsStream("core-sounds-en.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
