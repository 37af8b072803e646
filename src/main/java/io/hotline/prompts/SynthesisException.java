package io.hotline.prompts;

/** A prompt could not be turned into sound: engine missing, engine failed, or no audio came out. */
public final class SynthesisException extends Exception {
    public SynthesisException(String message) {
        super(message);
    }

    public SynthesisException(String message, Throwable cause) {
        super(message, cause);
    }
}
