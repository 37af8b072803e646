package io.hotline.telephony.sim;

import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import java.time.Duration;
import java.util.List;

/**
 * The person on a simulated call. Both methods throw {@link io.hotline.call.CallEnded}
 * when the caller hangs up.
 */
public interface SimCaller {

    /**
     * The caller hears these parts; returns a key among {@code interruptKeys} if they press
     * one during the prompt (barge-in), else {@link Key#NONE}.
     */
    Key hear(List<PromptPart> parts, String language, String interruptKeys);

    /** The caller may press a key within {@code timeout}; {@link Key#NONE} if they do not. */
    Key nextKey(Duration timeout);

    /**
     * The caller is being recorded (after the beep). By default they say nothing, and the recording ends on
     * silence with nothing kept.
     */
    default io.hotline.call.Recording speak(io.hotline.call.RecordRequest request) {
        return new io.hotline.call.Recording(
                new byte[0], "audio/wav", Duration.ZERO, io.hotline.call.Recording.Ended.SILENCE);
    }
}
