package io.hotline.announcements;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One stored announcement.
 *
 * @param texts      language → what it says
 * @param journeys   the journeys (flow ids) it is for; empty: everyone
 * @param audio      how its sound comes to exist
 * @param enabled    switched on by an admin
 * @param audioReady its sound exists in every language where Asterisk plays it
 * @param audioNote  why not, when it is not ready
 */
public record Announcement(
        long id,
        String title,
        Map<String, String> texts,
        Set<String> journeys,
        Instant startsAt,
        Instant endsAt,
        Audio audio,
        boolean enabled,
        boolean audioReady,
        String audioNote,
        String updatedBy,
        Instant updatedAt) {
    public Announcement {
        texts = Map.copyOf(texts);
        journeys = Set.copyOf(journeys);
        Objects.requireNonNull(audio, "audio");
        audioNote = audioNote == null ? "" : audioNote;
    }

    /** Synthesized from its texts like the flows' prompts, or a recording an admin puts in the sounds directory. */
    public enum Audio {
        SYNTHESIZED,
        RECORDING;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Audio of(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** What it is doing at {@code now}, as the admin page and the board say it. */
    public Status status(Instant now) {
        if (!enabled) {
            return Status.OFF;
        }
        if (!audioReady) {
            return Status.WAITING_FOR_AUDIO;
        }
        if (now.isBefore(startsAt)) {
            return Status.SCHEDULED;
        }
        return now.isBefore(endsAt) ? Status.LIVE : Status.ENDED;
    }

    /** Whether a call reaching an announcement point at {@code at} plays it. */
    public boolean liveAt(Instant at) {
        return status(at) == Status.LIVE;
    }

    /** See {@link #status}. */
    public enum Status {
        OFF,
        WAITING_FOR_AUDIO,
        SCHEDULED,
        LIVE,
        ENDED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
