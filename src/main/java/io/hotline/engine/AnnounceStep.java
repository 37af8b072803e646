package io.hotline.engine;

import io.hotline.call.PromptPart;
import io.hotline.flow.Node;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An announcement point: the live announcements for everyone (at the call's first point) and for the point's
 * journey, each at most once a call, in the caller's language. The list is read when the call reaches the point,
 * so an announcement switched on or off takes effect from the next call that gets there. One call's thread only.
 */
final class AnnounceStep {
    private final Announcements announcements;
    private final Clock clock;
    private final CallState state;
    private final Consumer<List<PromptPart>> play;
    private final Set<Long> played = new HashSet<>();
    private boolean first = true;

    AnnounceStep(Announcements announcements, Clock clock, CallState state, Consumer<List<PromptPart>> play) {
        this.announcements = announcements;
        this.clock = clock;
        this.state = state;
        this.play = play;
    }

    /** Plays what is due here; the exit names how many were played. */
    String run(Node.Announce node) {
        boolean everyone = first;
        first = false;
        List<Long> now = new ArrayList<>();
        for (Announcements.Live a : announcements.liveAt(clock.instant())) {
            boolean due = a.journeys().isEmpty() ? everyone : a.journeys().contains(node.journey());
            if (!due || played.contains(a.id())) {
                continue;
            }
            String text = a.texts().get(state.language);
            if (text == null) {
                continue; // it goes live only with every language; a call in another one hears nothing
            }
            played.add(a.id());
            now.add(a.id());
            play.accept(List.of(new PromptPart.Recorded(a.promptId(), text)));
        }
        if (!now.isEmpty()) {
            state.vars.put(
                    "announcements.played",
                    String.join(
                            ",", played.stream().sorted().map(String::valueOf).toList()));
        }
        return now.isEmpty() ? "none" : "played " + now.size();
    }
}
