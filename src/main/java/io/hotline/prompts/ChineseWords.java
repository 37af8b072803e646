package io.hotline.prompts;

import java.time.LocalDate;

/**
 * Numbers, amounts, dates and characters as Mandarin text, so the synthesizer reads
 * characters rather than guessing at Arabic digits: 1288.50 yuan → 一千二百八十八元五角.
 */
final class ChineseWords {
    private static final char[] DIGIT = "零一二三四五六七八九".toCharArray();
    private static final String[] GROUP_UNIT = {"", "万", "亿", "万亿", "亿亿"};
    private static final String[] PLACE = {"", "十", "百", "千"};

    private ChineseWords() {}

    /** 1288 → 一千二百八十八, 10050 → 一万零五十, 15 → 十五. */
    static String number(long n) {
        if (n == 0) {
            return "零";
        }
        if (n < 0) {
            return "负" + (n == Long.MIN_VALUE ? magnitude("9223372036854775808") : magnitude(Long.toString(-n)));
        }
        return magnitude(Long.toString(n));
    }

    private static String magnitude(String decimal) {
        java.util.List<Integer> groups = new java.util.ArrayList<>(); // low group first
        for (int end = decimal.length(); end > 0; end -= 4) {
            groups.add(Integer.parseInt(decimal.substring(Math.max(0, end - 4), end)));
        }
        StringBuilder out = new StringBuilder();
        boolean zeroPending = false;
        for (int i = groups.size() - 1; i >= 0; i--) {
            int g = groups.get(i);
            if (g == 0) {
                zeroPending = !out.isEmpty();
                continue;
            }
            if (!out.isEmpty() && (zeroPending || g < 1000)) {
                out.append('零');
            }
            out.append(group(g)).append(GROUP_UNIT[i]);
            zeroPending = false;
        }
        // 一十五 is read 十五 when it opens the number (but 一百一十五 keeps its 一)
        return out.length() > 1 && out.charAt(0) == '一' && out.charAt(1) == '十' ? out.substring(1) : out.toString();
    }

    /** 1..9999 without leading 零: 1005 → 一千零五, 1050 → 一千零五十. */
    private static String group(int g) {
        StringBuilder b = new StringBuilder();
        boolean zero = false;
        for (int place = 3; place >= 0; place--) {
            int d = (g / (int) Math.pow(10, place)) % 10;
            if (d == 0) {
                zero = !b.isEmpty();
                continue;
            }
            if (zero) {
                b.append('零');
                zero = false;
            }
            b.append(DIGIT[d]).append(PLACE[place]);
        }
        return b.toString();
    }

    /** 128850 fen → 一千二百八十八元五角; 128805 → 一千二百八十八元零五分; 50 → 五角. */
    static String amount(long fen) {
        StringBuilder b = new StringBuilder(fen < 0 ? "负" : "");
        long abs = Math.abs(fen);
        long yuan = abs / 100;
        int jiao = (int) (abs % 100 / 10);
        int f = (int) (abs % 10);
        if (yuan > 0 || (jiao == 0 && f == 0)) {
            b.append(number(yuan)).append('元');
        }
        if (jiao > 0) {
            b.append(DIGIT[jiao]).append('角');
        } else if (f > 0 && yuan > 0) {
            b.append('零');
        }
        if (f > 0) {
            b.append(DIGIT[f]).append('分');
        }
        return b.toString();
    }

    /** 2025-03-05 → 二〇二五年三月五日 (the year digit by digit, as it is read). */
    static String date(LocalDate d) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(d.getYear()).toCharArray()) {
            b.append(c == '0' ? '〇' : c == '-' ? '负' : DIGIT[c - '0']);
        }
        return b.append('年')
                .append(number(d.getMonthValue()))
                .append('月')
                .append(number(d.getDayOfMonth()))
                .append('日')
                .toString();
    }

    /**
     * Digits one by one, 1 as 幺 (yāo), as phone and reference numbers are read aloud in
     * Mandarin so that 一 (yī) is not confused with 七 (qī): "138" → 幺三八.
     */
    static String digits(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (c >= '0' && c <= '9') {
                b.append(c == '1' ? '幺' : DIGIT[c - '0']);
            }
        }
        return b.toString();
    }

    /**
     * "F-4821" → "F，四八二幺": Latin letters stay letters (read by name, a space between two
     * of them so they are not read as a word), digits as with {@link #digits}, a pause at
     * separators.
     */
    static String characters(String value) {
        StringBuilder b = new StringBuilder();
        boolean pause = false;
        boolean lastLatin = false;
        for (char c : value.toCharArray()) {
            boolean latin = c < 128 && Character.isLetter(c);
            String word;
            if (c >= '0' && c <= '9') {
                word = c == '1' ? "幺" : String.valueOf(DIGIT[c - '0']);
            } else if (Character.isLetterOrDigit(c)) {
                word = String.valueOf(Character.toUpperCase(c));
            } else {
                pause = !b.isEmpty();
                continue;
            }
            if (pause) {
                b.append('，');
            } else if (latin && lastLatin) {
                b.append(' ');
            }
            pause = false;
            lastLatin = latin;
            b.append(word);
        }
        return b.toString();
    }
}
