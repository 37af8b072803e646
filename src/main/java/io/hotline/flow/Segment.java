package io.hotline.flow;

/**
 * A piece of a prompt template. Templates are text with slots such as
 * {@code "Your recharge of {amount:recharge.amount} failed."}; slot kinds are
 * {@code amount} (fen), {@code number}, {@code digits}, {@code chars} and {@code date}
 * (ISO {@code yyyy-mm-dd}), each naming a call variable.
 */
public sealed interface Segment {
    /** Fixed words, recorded or synthesized under {@code id}. */
    record Literal(String id, String text) implements Segment {
    }

    /** A value taken from a call variable and spoken by the telephony side. */
    record Slot(SlotKind kind, String variable) implements Segment {
    }

    enum SlotKind {
        AMOUNT, NUMBER, DIGITS, CHARS, DATE;

        public static SlotKind parse(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
