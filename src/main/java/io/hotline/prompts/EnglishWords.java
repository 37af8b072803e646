package io.hotline.prompts;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/** Numbers, amounts, dates and characters as English words, the way a person reads them aloud. */
final class EnglishWords {
    private static final String[] SMALL = {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen"
    };
    private static final String[] TENS = {
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
    };
    private static final String[] SCALES = {
        "", " thousand", " million", " billion", " trillion", " quadrillion", " quintillion"
    };
    private static final String[] ORDINAL_SMALL = {
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth"
    };
    /** Letter names spelled so that a synthesizer cannot take them for words ("A" as "uh"). */
    private static final String[] LETTERS = {
        "ay",
        "bee",
        "see",
        "dee",
        "ee",
        "eff",
        "jee",
        "aitch",
        "eye",
        "jay",
        "kay",
        "el",
        "em",
        "en",
        "oh",
        "pee",
        "cue",
        "ar",
        "ess",
        "tee",
        "you",
        "vee",
        "double you",
        "ex",
        "why",
        "zee"
    };

    private EnglishWords() {}

    /** 1288 → "one thousand two hundred eighty eight". */
    static String number(long n) {
        if (n == 0) {
            return "zero";
        }
        // -Long.MIN_VALUE is itself, read as unsigned it is the right magnitude
        return n < 0 ? "minus " + magnitude(-n) : magnitude(n);
    }

    private static String magnitude(long unsigned) {
        StringBuilder out = new StringBuilder();
        int scale = 0;
        long n = unsigned;
        while (n != 0) {
            int group = (int) Long.remainderUnsigned(n, 1000);
            if (group > 0) {
                String words = belowThousand(group) + SCALES[scale];
                out.insert(0, out.isEmpty() ? words : words + " ");
            }
            n = Long.divideUnsigned(n, 1000);
            scale++;
        }
        return out.toString();
    }

    private static String belowThousand(int n) {
        StringBuilder b = new StringBuilder();
        if (n >= 100) {
            b.append(SMALL[n / 100]).append(" hundred");
            n %= 100;
            if (n > 0) {
                b.append(' ');
            }
        }
        if (n >= 20) {
            b.append(TENS[n / 10]);
            if (n % 10 > 0) {
                b.append(' ').append(SMALL[n % 10]);
            }
        } else if (n > 0 || b.isEmpty()) {
            b.append(SMALL[n]);
        }
        return b.toString();
    }

    /** 128850 fen → "one thousand two hundred eighty eight yuan and fifty fen". */
    static String amount(long fen) {
        String sign = fen < 0 ? "minus " : "";
        long abs = Math.abs(fen);
        long yuan = abs / 100;
        long rest = abs % 100;
        if (yuan == 0 && rest > 0) {
            return sign + number(rest) + " fen";
        }
        return sign + number(yuan) + " yuan" + (rest > 0 ? " and " + number(rest) + " fen" : "");
    }

    /** 2025-03-05 → "March fifth, twenty twenty five". */
    static String date(LocalDate d) {
        return d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + ordinal(d.getDayOfMonth()) + ", "
                + year(d.getYear());
    }

    static String ordinal(int n) {
        if (n < 20) {
            return ORDINAL_SMALL[n];
        }
        if (n % 10 == 0 && n < 100) {
            String t = TENS[n / 10];
            return t.substring(0, t.length() - 1) + "ieth";
        }
        if (n < 100) {
            return TENS[n / 10] + " " + ORDINAL_SMALL[n % 10];
        }
        return number(n) + "th";
    }

    /** Years as people say them: 1999 "nineteen ninety nine", 2005 "two thousand five", 2025 "twenty twenty five". */
    static String year(int y) {
        if (y < 1000 || y >= 10_000 || (y >= 2000 && y < 2010) || y % 1000 == 0) {
            return number(y);
        }
        int hi = y / 100;
        int lo = y % 100;
        if (lo == 0) {
            return number(hi) + " hundred";
        }
        return number(hi) + (lo < 10 ? " oh " : " ") + number(lo);
    }

    /** "138" → "one three eight". */
    static String digits(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (c >= '0' && c <= '9') {
                if (!b.isEmpty()) {
                    b.append(' ');
                }
                b.append(SMALL[c - '0']);
            }
        }
        return b.toString();
    }

    /** "F-4821" → "eff, four eight two one": letters by name, digits one by one, a pause at separators. */
    static String characters(String value) {
        StringBuilder b = new StringBuilder();
        boolean pause = false;
        for (char c : value.toCharArray()) {
            String word;
            if (c >= '0' && c <= '9') {
                word = SMALL[c - '0'];
            } else if (Character.isLetter(c) && Character.toUpperCase(c) >= 'A' && Character.toUpperCase(c) <= 'Z') {
                word = LETTERS[Character.toUpperCase(c) - 'A'];
            } else {
                pause = !b.isEmpty();
                continue;
            }
            if (!b.isEmpty()) {
                b.append(pause ? ", " : " ");
            }
            pause = false;
            b.append(word);
        }
        return b.toString();
    }
}
