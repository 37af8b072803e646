package io.hotline.telephony.agi;

/**
 * What a FastAGI call can do beyond the {@link io.hotline.call.Call} port: evaluate a dialplan
 * expression on Asterisk's side of the call ({@code GET FULL VARIABLE}). {@code hotline doctor}'s
 * test call uses it to see the sounds directory as Asterisk sees it; flows never do.
 *
 * <p>Threading: the call's own thread, as for {@link io.hotline.call.Call}.
 */
public interface ChannelExpressions {
    /**
     * The value of {@code expression} (e.g. {@code ${STAT(e,/var/lib/asterisk/sounds/x.wav)}}) as Asterisk
     * substitutes it on this channel; empty when it is empty or names nothing.
     *
     * @throws io.hotline.call.CallEnded when the caller has hung up
     */
    String evaluate(String expression);
}
