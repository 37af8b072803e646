package io.hotline.call;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One live phone call, as the engine sees it.
 *
 * <p>Threading: a {@code Call} is used by exactly one thread, the call's own virtual
 * thread; implementations need not be thread-safe for concurrent callers, but must
 * notice a hang-up that happens while no method is running (e.g. an AGI
 * {@code HANGUP} line or an ARI {@code StasisEnd}) and throw {@link CallEnded} from
 * the next method.
 *
 * <p>Every method throws {@link CallEnded} when the caller has hung up (before or
 * during the operation) and {@link TelephonyException} when the link to the
 * telephony side failed; both end the engine's run.
 */
public interface Call {

    /** What the telephony side told us when the call arrived. Never changes. */
    CallInfo info();

    /**
     * Plays the parts in order. When {@code interruptKeys} is non-empty and the caller
     * presses one of those keys, playback stops at once and that key is returned
     * (barge-in); keys not listed are ignored. Returns {@link Key#NONE} when everything
     * played to the end.
     *
     * @param language the language of the parts; adapters use it to pick the sound
     *                 file ({@code sounds/<language>/<id>}) and the SAY voice.
     */
    Key play(List<PromptPart> parts, String language, String interruptKeys);

    /**
     * Waits up to {@code timeout} for one key. Returns {@link Key#NONE} on timeout.
     */
    Key waitForKey(Duration timeout);

    /**
     * Records the caller's voice after a beep until a stop key, {@code silence} of silence or the maximum length,
     * and brings the file to Hotline ({@link Recording#audio()}): the adapter fetches it from Asterisk's host (ARI:
     * the stored-recordings API; FastAGI: the recordings directory both share) and removes it there. A caller who
     * hangs up while recording ends the recording ({@link Recording.Ended#HANGUP}); the next method then throws
     * {@link CallEnded}.
     */
    Recording record(RecordRequest request);

    /**
     * Sets channel variables. A name starting with {@code __} is inherited by channels
     * the call is bridged to (agent legs), as Asterisk does.
     */
    void setVariables(Map<String, String> variables);

    /**
     * Leaves the IVR for an agent queue. Over AGI and ARI the call is handed back to
     * the dialplan's queue context; in the simulator it joins a simulated queue. After
     * this returns the engine does nothing more with the call.
     */
    void handToQueue(QueueHandoff handoff);

    /** Hangs up from our side. Idempotent; never throws {@link CallEnded}. */
    void hangup();
}
