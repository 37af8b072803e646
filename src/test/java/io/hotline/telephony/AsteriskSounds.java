package io.hotline.telephony;

import io.hotline.actions.ActionNames;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.prompts.PromptCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sound files an Asterisk next to Hotline has, and the files Asterisk's own saying asks
 * for, for the fakes and the tests that check what Hotline makes Asterisk play.
 *
 * <ul>
 *   <li>{@link #core()}: Asterisk's core English sounds as Debian's
 *       {@code asterisk-core-sounds-en-gsm} ships them ({@code src/test/resources/asterisk-core-sounds-en.txt}).
 *       Debian ships no Chinese ones: a core sound asked for in Chinese is found only through
 *       Asterisk's fallback to {@code en} (main/file.c {@code fileexists_core}), i.e. in English.</li>
 *   <li>{@link #installed}: those plus the prompts Hotline generates from the shipped flows
 *       ({@code <prefix>/<lang>/<id>} for every catalog entry).</li>
 *   <li>{@link #sayNumber}, {@link #sayDigits}, {@link #sayCharacters}, {@link #sayDate}: the
 *       files main/say.c of Asterisk 22.10.1 plays for SAY NUMBER / DIGITS / ALPHA / DATE and
 *       ARI's {@code number:}, {@code digits:}, {@code characters:}.</li>
 * </ul>
 */
public final class AsteriskSounds {
    private static final Set<String> CORE = load();
    private static volatile PromptCatalog shipped;

    private AsteriskSounds() {}

    /** Core English sound names as Asterisk plays them ({@code digits/h-8}). */
    public static Set<String> core() {
        return CORE;
    }

    /** The prompt catalog of the shipped flows in {@code ivr-flows/}: what {@code hotline prompts} generates. */
    public static PromptCatalog shippedCatalog() {
        PromptCatalog c = shipped;
        if (c == null) {
            FlowSet set = new FlowLoader()
                    .load(Path.of("ivr-flows"), ActionNames.catalog())
                    .flowSet()
                    .orElseThrow();
            c = PromptCatalog.from(set);
            shipped = c;
        }
        return c;
    }

    /**
     * What the fakes have by default: {@link #installed installed("hotline")} plus the prompts
     * the adapter tests play without a flow ({@code hotline/en/welcome}, {@code main-menu}, ...),
     * as if an admin had recorded them. Anything else is missing.
     */
    public static Installed forFakes() {
        return installed("hotline")
                .with(java.util.stream.Stream.of(
                                "welcome",
                                "main-menu",
                                "transfer",
                                "balance",
                                "enter-account",
                                "goodbye",
                                "notice",
                                "menu",
                                "bye")
                        .map(id -> "hotline/en/" + id)
                        .toArray(String[]::new))
                .with("hotline/zh/welcome");
    }

    /** An Asterisk with its core sounds and Hotline's generated prompts under {@code prefix}. */
    public static Installed installed(String prefix) {
        return new Installed(prefix.endsWith("/") ? prefix : prefix + "/", shippedCatalog(), Set.of());
    }

    /** Which files exist, as {@code ast_fileexists} finds them; {@code extra} are more files, by name as played. */
    public record Installed(String prefix, PromptCatalog catalog, Set<String> extra) {
        /** These too (e.g. a test's own prompts, {@code hotline/en/welcome}). */
        public Installed with(String... files) {
            Set<String> more = new TreeSet<>(extra);
            more.addAll(List.of(files));
            return new Installed(prefix, catalog, Set.copyOf(more));
        }

        /**
         * Whether {@code file} (as given to STREAM FILE or {@code sound:}) exists for a channel
         * in {@code lang}: one of Hotline's prompts in exactly that language, or a core sound
         * (English, found for any language through the fallback).
         */
        public boolean exists(String file, String lang) {
            if (extra.contains(file)) {
                return true;
            }
            if (file.startsWith(prefix)) {
                String rest = file.substring(prefix.length());
                int slash = rest.indexOf('/');
                return slash > 0 && catalog.contains(rest.substring(slash + 1), rest.substring(0, slash));
            }
            return CORE.contains(file);
        }

        /** Whether a channel in {@code lang} hears {@code file} in its own language. */
        public boolean inLanguage(String file, String lang) {
            if (extra.contains(file)) {
                return true;
            }
            if (file.startsWith(prefix)) {
                return exists(file, lang) && file.startsWith(prefix + lang + "/");
            }
            return CORE.contains(file) && (lang.equals("en") || lang.startsWith("en_") || lang.startsWith("en-"));
        }
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
        try (InputStream in = AsteriskSounds.class.getResourceAsStream("/asterisk-core-sounds-en.txt");
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
