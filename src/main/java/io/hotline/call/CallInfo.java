package io.hotline.call;

import java.util.Map;
import java.util.Objects;

/**
 * What the telephony side said about a call when it arrived.
 *
 * @param callId    our id for the call (AGI uniqueid, ARI channel id, or a simulator id);
 *                  safe to log
 * @param ani       the caller's number as presented (may be empty when withheld); never
 *                  log it unmasked, use {@link #maskedAni()}
 * @param dialed    the number or extension dialled, or empty
 * @param language  the channel's language, e.g. {@code en} or {@code zh}
 * @param flowId    which flow the telephony side asked for (e.g. from {@code agi://host/main})
 * @param transport {@code agi}, {@code ari} or {@code sim}
 * @param extra     protocol details worth keeping in the session record (channel name, ...)
 */
public record CallInfo(
        String callId,
        String ani,
        String dialed,
        String language,
        String flowId,
        String transport,
        Map<String, String> extra) {
    public CallInfo {
        Objects.requireNonNull(callId, "callId");
        ani = ani == null ? "" : ani;
        dialed = dialed == null ? "" : dialed;
        language = language == null || language.isBlank() ? "en" : language;
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(transport, "transport");
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** The caller's number with all but the last four digits hidden. */
    public String maskedAni() {
        return Masking.phone(ani);
    }
}
