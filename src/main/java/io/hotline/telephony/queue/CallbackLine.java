package io.hotline.telephony.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The PBX side of queued callbacks: a placeholder that waits in an agent queue in the caller's place, and the call
 * back to the caller once an agent took it. Implemented over AMI ({@code telephony.ami}: a Local channel that joins
 * app_queue at the caller's position) and by the simulated queues.
 *
 * <p>Threading: every method returns at once; {@link Listener} is called on the PBX's thread and must not block.
 */
public interface CallbackLine {

    /**
     * A placeholder: waits in {@code queue} as a caller who joined at {@code placedAt} with {@code priority} would, so
     * that it is offered to an agent when that caller would have been. {@code variables} are the
     * {@code __HOTLINE_*} variables of the ticket ({@link ChannelVariables}), the agent's screen pop reads them.
     * {@code position}, when above 0, is the place to take in the PBX's own ordering instead (1 = next): the place of
     * a caller who has just left the PBX's queue to be called back; a PBX without positions ignores it.
     */
    record Placeholder(
            String callback,
            String queue,
            int priority,
            Instant placedAt,
            Map<String, String> variables,
            int position) {
        public Placeholder {
            Objects.requireNonNull(callback, "callback");
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(placedAt, "placedAt");
            variables = Map.copyOf(variables);
            position = Math.max(0, position);
        }

        /** A placeholder placed by {@code placedAt} alone. */
        public Placeholder(
                String callback, String queue, int priority, Instant placedAt, Map<String, String> variables) {
            this(callback, queue, priority, placedAt, variables, 0);
        }
    }

    /** How calling the caller back went. */
    enum DialResult {
        /** The caller answered, pressed 1 and is talking to the agent. */
        CONNECTED,
        /** Nobody answered in time. */
        NO_ANSWER,
        /** The line was busy. */
        BUSY,
        /** Answered but 1 was not pressed (an answering machine, a voicemail box). */
        NO_KEY,
        /** The PBX could not place the call (or the agent left before the caller was connected). */
        FAILED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** What happens to placeholders. Called on the PBX's thread: hand the work elsewhere. */
    interface Listener {
        /** An agent took the placeholder of {@code callback}: call the caller back now. */
        void taken(String callback, String agentInterface);

        /** The call back to the caller of {@code callback} ended its attempt. */
        void dialed(String callback, DialResult result);
    }

    /** Puts the placeholder into its queue; nothing when one for the same callback is already there. */
    void hold(Placeholder placeholder);

    /** Takes the placeholder (and an agent waiting on it) out: cancelled, moved or finished. */
    void release(String callback);

    /** The callbacks whose placeholders the PBX holds now; empty when it cannot tell (link down, no snapshot yet). */
    Optional<Set<String>> held();

    /**
     * Calls {@code number} for the agent who took {@code callback}'s placeholder; the caller hears "press 1 to be
     * connected to an agent" and is bridged on 1. The result comes to {@link Listener#dialed}.
     */
    void dial(String callback, String number, Duration ringFor);

    /** Where taken and dialed go. */
    void listen(Listener listener);
}
