package io.hotline.hours;

import io.hotline.flow.FlowSource;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link OpeningHours} of the calendar published with the flows serving new calls now. */
final class PublishedHours implements OpeningHours {
    private final FlowSource flows;

    PublishedHours(FlowSource flows) {
        this.flows = Objects.requireNonNull(flows);
    }

    private OpeningHours now() {
        return new CalendarHours(flows.current().calendar());
    }

    @Override
    public boolean openAt(String queue, Instant at) {
        return now().openAt(queue, at);
    }

    @Override
    public Optional<Instant> nextOpening(String queue, Instant after) {
        return now().nextOpening(queue, after);
    }

    @Override
    public HoursState stateAt(String queue, Instant at) {
        return now().stateAt(queue, at);
    }
}
