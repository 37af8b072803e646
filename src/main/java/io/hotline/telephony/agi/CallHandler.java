package io.hotline.telephony.agi;

import io.hotline.call.Call;

/**
 * Runs one call that arrived over FastAGI, from its first prompt to its end; in
 * {@code serve} this is the engine ({@code call -> engine.run(call, listener)}).
 *
 * <p>Threading: called on the call's own virtual thread, which it may block for the whole
 * call. When it returns the server ends the AGI session: on a live channel Asterisk then
 * continues the dialplan (the queue, after {@link Call#handToQueue}). It may throw
 * {@link io.hotline.call.CallEnded} or {@link io.hotline.call.TelephonyException}; the
 * server logs them and closes that one connection. The flow id ({@code agi://host/<flow>})
 * is in {@link Call#info()}; an unknown one is the handler's to deal with.
 */
@FunctionalInterface
public interface CallHandler {
    void handle(Call call);
}
