package io.hotline.flow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published flows: what new calls run. A call takes {@link #current()} once when it
 * starts and keeps that set until it ends, so publishing never changes a call in progress.
 *
 * <p>Publishing is all or nothing: a load result with any problem is refused and the
 * published set stays. Whatever produces load results (start-up, a file watcher for hot
 * reload, a stored version being rolled back to) goes through {@link #publish(LoadResult)};
 * listeners hear about each new version.
 *
 * <p>Threading: {@link #current()} is lock-free and safe from any thread, including event
 * loops; {@link #publish} is serialised; listeners run on the publishing thread.
 */
public final class FlowRegistry implements FlowSource {
    private static final Logger log = LoggerFactory.getLogger(FlowRegistry.class);

    /** Before anything is published: version 0, no flows. */
    public static final FlowSet EMPTY = new FlowSet(0, "", Map.of());

    private final AtomicReference<FlowSet> current = new AtomicReference<>(EMPTY);
    private final List<Consumer<FlowSet>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public FlowSet current() {
        return current.get();
    }

    /**
     * Publishes the result's flows as the next version, unless it has problems.
     * Publishing files identical to the current version (same hash) keeps the current
     * version and is not an error.
     *
     * @return the problems that prevented publishing; empty when published (or unchanged)
     */
    public synchronized List<Problem> publish(LoadResult result) {
        return publish(result, current.get().version() + 1);
    }

    /**
     * Publishes the result's flows as {@code version}, unless it has problems: for versions
     * numbered elsewhere (the {@code flow_versions} table, so numbers go on across restarts).
     * Files identical to the current version keep the current version, as above.
     *
     * @throws IllegalArgumentException when {@code version} is not above the current one
     */
    public synchronized List<Problem> publish(LoadResult result, long version) {
        if (!result.ok()) {
            log.warn(
                    "flows not published: {} problem(s); still serving version {}",
                    result.problems().size(),
                    current.get().version());
            return result.problems();
        }
        FlowSet incoming = result.flowSet().orElseThrow();
        FlowSet old = current.get();
        if (old.version() > 0 && old.hash().equals(incoming.hash())) {
            return List.of();
        }
        if (version <= old.version()) {
            throw new IllegalArgumentException("version " + version + " is not above the published " + old.version());
        }
        FlowSet published = incoming.withVersion(version);
        current.set(published);
        log.info(
                "published flows version {} ({} flows, hash {})",
                published.version(),
                published.flows().size(),
                published.hash().substring(0, 12));
        listeners.forEach(l -> l.accept(published));
        return List.of();
    }

    /** Calls {@code listener} with every version published from now on. */
    public void onPublish(Consumer<FlowSet> listener) {
        listeners.add(listener);
    }
}
