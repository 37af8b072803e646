package io.hotline.call;

/** The one place that decides how numbers are masked in logs, paths and screens. */
public final class Masking {
    private Masking() {}

    /** {@code 13800138000} becomes {@code *******8000}; short or empty values become stars. */
    public static String phone(String number) {
        if (number == null || number.isEmpty()) {
            return "";
        }
        if (number.length() <= 4) {
            return "*".repeat(number.length());
        }
        return "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }

    /**
     * Digits a caller typed into an ordinary (not secure) input, as the path and transcripts keep them:
     * a phone or account number (seven digits or more) is masked like {@link #phone}; shorter entries
     * (an amount, a choice) are kept.
     */
    public static String typed(String digits) {
        if (digits == null) {
            return "";
        }
        return digits.length() >= 7 ? phone(digits) : digits;
    }

    /**
     * Free text that may quote what a caller or a peer sent (an exception message, a protocol line), made
     * fit for a log: every run of seven or more digits (phone, account or card numbers) keeps only its last
     * four digits. With {@code strict}, shorter runs of four or more digits (a PIN or a reset code inside
     * an AGI reply) become stars entirely.
     */
    public static String text(String s, boolean strict) {
        if (s == null || s.isEmpty()) {
            return s == null ? "" : s;
        }
        var m = DIGIT_RUN.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String run = m.group();
            String replacement = run.length() >= 7 ? phone(run) : strict && run.length() >= 4 ? secret(run) : run;
            m.appendReplacement(out, replacement);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** As {@link #text(String, boolean)}, not strict. */
    public static String text(String s) {
        return text(s, false);
    }

    private static final java.util.regex.Pattern DIGIT_RUN = java.util.regex.Pattern.compile("[0-9]+");

    /** Digits typed into a secure input: only their count is kept. */
    public static String secret(String digits) {
        return digits == null ? "" : "*".repeat(digits.length());
    }
}
