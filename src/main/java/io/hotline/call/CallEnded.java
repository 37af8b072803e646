package io.hotline.call;

/**
 * The caller hung up. An ordinary outcome, not an error: log it at INFO.
 * Unchecked so it can cross the engine's node handlers without ceremony.
 */
public class CallEnded extends RuntimeException {
    public CallEnded(String message) {
        super(message, null, false, false);
    }
}
