package io.hotline.emulator.ami;

/** How the phone rung by an {@link AmiEmulator} Originate into {@code hotline-callback-answer} answers. */
public enum CalledPhone {
    /** Answers and presses 1: {@code UserEvent HotlineCallback} connected, bridged to the placeholder. */
    PRESSES_1,
    /** Answers, presses nothing: no-key, then hangs up. */
    NO_KEY,
    /** Answers and hangs up before the prompt ends: no UserEvent at all. */
    HANGS_UP,
    /** Rings out: OriginateResponse Failure, reason 3. */
    NO_ANSWER,
    /** Busy: OriginateResponse Failure, reason 5. */
    BUSY
}
