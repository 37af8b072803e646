package io.hotline.announcements;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What an admin asks for, checked by {@link AnnouncementDesk} before anything is stored: every language the
 * flows declare has a text, the journeys are flows, the time window ends after it starts.
 */
public record Draft(
        String title,
        Map<String, String> texts,
        Set<String> journeys,
        Instant startsAt,
        Instant endsAt,
        Announcement.Audio audio) {
    public Draft {
        texts = texts == null ? Map.of() : Map.copyOf(texts);
        journeys = journeys == null ? Set.of() : Set.copyOf(journeys);
    }
}
