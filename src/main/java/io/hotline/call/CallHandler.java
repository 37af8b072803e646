package io.hotline.call;

/**
 * Runs one call that arrived over a telephony adapter (FastAGI or ARI), from its first prompt to its end; in
 * {@code serve} this is the engine ({@code call -> engine.run(call)}).
 *
 * <p>Threading: called on the call's own virtual thread, which it may block for the whole call. When it returns
 * the adapter ends the call's session with Asterisk: a call handed to a queue ({@link Call#handToQueue}) continues
 * in the dialplan; over ARI a call still in Stasis is hung up. It may throw {@link CallEnded} or
 * {@link TelephonyException}; the adapter logs them and closes that one call. The flow id (FastAGI's
 * {@code agi://host/<flow>}, the Stasis argument) is in {@link Call#info()}; an unknown one is the handler's to deal
 * with.
 */
@FunctionalInterface
public interface CallHandler {
    void handle(Call call);
}
