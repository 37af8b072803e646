package io.hotline.pbx;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The shared lab's AMI events from {@link #start(Duration)} until {@link #close()}, with marks to look only at what came
 * after a step ({@link #mark()}).
 */
final class LabEvents implements AutoCloseable {
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private final Consumer<Map<String, String>> listener = seen::add;
    private final Duration wait;

    private LabEvents(Duration wait) {
        this.wait = wait;
    }

    /** Hears the lab's events from now on; {@code wait} is how long {@link #awaitOne} waits. */
    static LabEvents start(Duration wait) {
        LabEvents e = new LabEvents(wait);
        Lab.listen(e.listener);
        return e;
    }

    /** Where the events heard so far end: {@link #awaitOne} from here looks only at later ones. */
    int mark() {
        return seen.size();
    }

    /** An event named {@code name} whose {@code key} is {@code value}. */
    static Predicate<Map<String, String>> named(String name, String key, String value) {
        return e -> name.equals(e.get("Event")) && value.equals(e.get(key));
    }

    /** The first event from mark {@code from} on that matches, once it has come. */
    Map<String, String> awaitOne(String why, int from, Predicate<Map<String, String>> p) {
        return await(why)
                .atMost(wait)
                .until(() -> seen.stream().skip(from).filter(p).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** Every event so far that matches. */
    List<Map<String, String>> all(Predicate<Map<String, String>> p) {
        return seen.stream().filter(p).toList();
    }

    /** The interfaces app_queue rang ({@code AgentCalled}) in {@code queue} for the caller's {@code channel}. */
    List<String> rung(String queue, String channel) {
        return all(named("AgentCalled", "Channel", channel).and(e -> queue.equals(e.get("Queue")))).stream()
                .map(e -> e.get("Interface"))
                .distinct()
                .toList();
    }

    @Override
    public void close() {
        Lab.unlisten(listener);
    }
}
