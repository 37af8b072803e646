package io.hotline.announcements;

/** An announcement request that cannot be stored, naming the field that is wrong (the API's 400). */
public final class BadField extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public BadField(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
