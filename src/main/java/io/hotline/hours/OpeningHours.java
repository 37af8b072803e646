package io.hotline.hours;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a queue's agents are working at a moment, by the hotline's calendar ({@code calendar.yaml} in the flows
 * directory): its weekly hours, holidays and one-off closures. A queue the calendar gives no hours is always open.
 *
 * <p>{@link #published} answers from the calendar in force, the one published with the flows serving new calls now
 * (so a publish or a rollback of the calendar is seen at once); {@link #of} from one fixed calendar (what a call in
 * progress keeps).
 *
 * <p>Threading: implementations are immutable or read an atomic snapshot; safe from any thread, never blocking.
 */
public interface OpeningHours {
    /** Whether {@code queue} is open at {@code at}. */
    boolean openAt(String queue, Instant at);

    /**
     * The first moment at or after {@code after} when {@code queue} is open: {@code after} itself when it is open
     * then; empty when the calendar does not open it within a year (a queue whose hours are {@code closed}).
     */
    Optional<Instant> nextOpening(String queue, Instant after);

    /** What the calendar says of {@code queue} at {@code at}, for flows that tell a holiday from a closed hour. */
    HoursState stateAt(String queue, Instant at);

    /** From the calendar published with the flows serving now, reloaded on each publish. */
    static OpeningHours published(io.hotline.flow.FlowSource flows) {
        return new PublishedHours(flows);
    }

    /** From one calendar. */
    static OpeningHours of(io.hotline.flow.Calendar calendar) {
        return new CalendarHours(calendar);
    }
}
