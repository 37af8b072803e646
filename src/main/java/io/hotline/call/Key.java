package io.hotline.call;

/**
 * One DTMF key, or none.
 *
 * @param symbol one of {@code 0-9 * # A-D}, or {@code '\0'} for {@link #NONE}
 */
public record Key(char symbol) {
    /** No key was pressed (prompt played to the end, or a wait timed out). */
    public static final Key NONE = new Key('\0');

    public Key {
        if (symbol != '\0' && "0123456789*#ABCD".indexOf(symbol) < 0) {
            throw new IllegalArgumentException("not a DTMF key: " + (int) symbol);
        }
    }

    public static Key of(char symbol) {
        return symbol == '\0' ? NONE : new Key(symbol);
    }

    public boolean isNone() {
        return symbol == '\0';
    }

    @Override
    public String toString() {
        return isNone() ? "none" : String.valueOf(symbol);
    }
}
