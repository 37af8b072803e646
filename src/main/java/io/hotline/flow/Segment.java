package io.hotline.flow;

/**
 * A piece of a prompt template. Templates are text with slots such as
 * {@code "Your recharge of {amount:recharge.amount} failed."}; slot kinds are
 * {@code amount} (fen), {@code number}, {@code digits}, {@code chars} and {@code date}
 * (ISO {@code yyyy-mm-dd}), each naming a call variable.
 *
 * <p>Fixed text is a {@link Literal} when it has something to say and a
 * {@link Punctuation} when it has not (the {@code "."} after a slot, a Chinese
 * {@code "。"}): {@link #audible} decides, once, when the template is parsed. Only literals
 * have a sound file, so what the engine plays and what the prompt generator writes are the
 * same set of ids.
 */
public sealed interface Segment {
    /** Fixed words, recorded or synthesized under {@code id}; always {@link #audible}. */
    record Literal(String id, String text) implements Segment {
        public Literal {
            java.util.Objects.requireNonNull(id, "id");
            if (text == null || !audible(text)) {
                throw new IllegalArgumentException(
                        "a literal must have something to say; '" + text + "' is punctuation (Segment.Punctuation)");
            }
        }
    }

    /**
     * Fixed text with nothing to say (punctuation or symbols only): kept for transcripts,
     * never played, no sound file.
     */
    record Punctuation(String text) implements Segment {
        public Punctuation {
            if (text == null || audible(text)) {
                throw new IllegalArgumentException("'" + text + "' has words to say: a Segment.Literal");
            }
        }
    }

    /** A value taken from a call variable and spoken by the telephony side. */
    record Slot(SlotKind kind, String variable) implements Segment {}

    enum SlotKind {
        AMOUNT,
        NUMBER,
        DIGITS,
        CHARS,
        DATE;

        public static SlotKind parse(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Whether fixed text has anything to say: a letter or a digit in any script. */
    static boolean audible(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
