package io.hotline.telephony.ari;

import io.hotline.call.Call;

/**
 * Serves one call that entered the Stasis application (in {@code serve}: runs the engine).
 *
 * <p>Threading: called on the call's own new virtual thread, which it may block for the
 * whole call. When it returns and the call is still in Stasis (neither hung up nor
 * handed to a queue), the adapter hangs the channel up.
 */
@FunctionalInterface
public interface CallHandler {
    void handle(Call call);
}
