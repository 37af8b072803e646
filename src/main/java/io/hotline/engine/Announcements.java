package io.hotline.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The announcements live now, for the flows' {@code announce} points. Implemented on the announcements an admin
 * switches on ({@code io.hotline.announcements}); {@link #NONE} when there are none.
 *
 * <p>Threading: called on a call's thread at each announcement point; must answer from memory, without blocking.
 */
@FunctionalInterface
public interface Announcements {
    Announcements NONE = at -> List.of();

    /** The announcements whose audio exists and whose time window holds {@code at}, oldest first. */
    List<Live> liveAt(Instant at);

    /**
     * One announcement as a call plays it.
     *
     * @param id       its number; its sound is the prompt {@link #promptId()} in each language
     * @param journeys the journeys (flow ids) it is for; empty: everyone, at the call's first announcement point
     * @param texts    language → what it says
     */
    record Live(long id, Set<String> journeys, Map<String, String> texts) {
        public Live {
            journeys = Set.copyOf(journeys);
            texts = Map.copyOf(texts);
            Objects.requireNonNull(texts, "texts");
        }

        /** The prompt id of its sound files ({@code sounds/<lang>/announcement.<id>.wav}). */
        public String promptId() {
            return promptId(id);
        }

        public static String promptId(long id) {
            return "announcement." + id;
        }
    }
}
