package io.hotline.hours;

import java.util.Objects;

/**
 * What the calendar says of a queue at a moment.
 *
 * @param kind    open, closed (weekly hours or a closure) or a holiday
 * @param because the holiday's name or the closure's reason; empty otherwise
 */
public record HoursState(Kind kind, String because) {
    public HoursState {
        Objects.requireNonNull(kind, "kind");
        because = because == null ? "" : because;
    }

    public static final HoursState OPEN = new HoursState(Kind.OPEN, "");

    /** The three answers; {@link #wire()} is how flows and the admin pages write them. */
    public enum Kind {
        OPEN,
        CLOSED,
        HOLIDAY;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean open() {
        return kind == Kind.OPEN;
    }
}
