package io.hotline.call;

/** The one place that decides how numbers are masked in logs, paths and screens. */
public final class Masking {
    private Masking() {
    }

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

    /** Digits typed into a secure input: only their count is kept. */
    public static String secret(String digits) {
        return digits == null ? "" : "*".repeat(digits.length());
    }
}
