package io.hotline.doctor;

/** How one check came out. */
public enum Status {
    /** What Hotline needs is there. */
    OK,
    /** Works, but something will surprise someone (a queue nobody can answer, another Asterisk version). */
    WARNING,
    /** Callers or agents will notice: the fix must be made. */
    PROBLEM;

    /** {@code ok}, {@code warning}, {@code problem}: as printed and in {@code --json}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
