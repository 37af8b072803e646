package io.hotline.emulator.asterisk;

/**
 * The sound files an emulated Asterisk has, as {@code ast_fileexists} finds them: what a STREAM FILE, a SAY or an
 * ARI {@code sound:} can play. A file it lacks fails as Asterisk fails it.
 */
public interface Sounds {
    /** Whether {@code file} (as given to STREAM FILE or {@code sound:}) exists for a channel in {@code lang}. */
    boolean exists(String file, String lang);

    /** Whether a channel in {@code lang} hears {@code file} in its own language (not through a fallback). */
    boolean inLanguage(String file, String lang);

    /** An Asterisk that has every file in every language: the benchmarks' (they measure Hotline, not prompts). */
    static Sounds every() {
        return Every.INSTANCE;
    }

    /** {@link #every()}. */
    enum Every implements Sounds {
        INSTANCE;

        @Override
        public boolean exists(String file, String lang) {
            return true;
        }

        @Override
        public boolean inLanguage(String file, String lang) {
            return true;
        }
    }
}
