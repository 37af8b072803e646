package io.hotline.journeys;

import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.Transcript;
import java.util.Map;

/**
 * What a journey test needs from a transport (the simulator, FastAGI, ARI): place a call from
 * an ANI that presses a key script ({@code "2 1"}, {@code "1 2468#"}, {@code "."} = stay silent
 * for one wait; when the keys run out and the flow waits, the caller hangs up), optionally
 * hanging up on entering a node, and the {@link Hotline} behind it for the database checks.
 * Calls may be placed from several threads at once; each returns when its call has ended.
 *
 * @param <R> the transport's finished call, which may tell more (what Asterisk saw)
 */
public interface Dialer<R extends Dialer.Dialed> extends AutoCloseable {
    /** The server the calls reach: its tickets, sessions and wallet. */
    Hotline hotline();

    /** Dials in from {@code ani} and presses {@code keys} as the flow listens. */
    R call(String ani, String keys) throws Exception;

    /** As {@link #call}, but the caller hangs up as soon as the call enters {@code flowSlashNode}. */
    R callHangingUpAt(String ani, String keys, String flowSlashNode) throws Exception;

    /** One finished call, whatever carried it. */
    interface Dialed {
        /** The call id the sessions and tickets are recorded under. */
        String callId();

        /** What the engine said and did, in order. */
        Transcript transcript();

        /** How the engine ended the call. */
        CallEnding ending();

        /** The channel variables the call was left with (names without the inheritance prefix). */
        Map<String, String> channelVariables();

        /** Everything said, one prompt a line. */
        default String said() {
            return String.join("\n", transcript().prompts());
        }
    }
}
