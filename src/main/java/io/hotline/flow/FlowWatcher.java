package io.hotline.flow;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a flows directory and calls back once a change has settled: editors and
 * {@code git checkout} touch several files in bursts, so the callback runs only after no
 * flow file changed for the quiet period. Only flow files directly in the directory count
 * ({@code *.yaml}, and {@code *.yml} so lint can complain); files starting with {@code .}
 * (editor swap files, our own temporary files) and subdirectories such as {@code tests/} do not.
 *
 * <p>Threading: one virtual thread per watcher runs the callback, so callbacks never overlap;
 * a callback that throws is logged and watching goes on. {@link #close()} stops it.
 */
public final class FlowWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlowWatcher.class);

    private final Path dir;
    private final Duration quiet;
    private final Runnable onChange;
    private final WatchService watch;
    private final Thread thread;

    private FlowWatcher(Path dir, Duration quiet, Runnable onChange) throws IOException {
        this.dir = dir;
        this.quiet = quiet;
        this.onChange = onChange;
        this.watch = FileSystems.getDefault().newWatchService();
        try {
            dir.register(
                    watch,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            watch.close();
            throw e;
        }
        this.thread = Thread.ofVirtual().name("flow-watcher").unstarted(this::loop);
    }

    /**
     * Starts watching {@code dir}.
     *
     * @param quiet    how long no flow file may change before {@code onChange} runs
     * @param onChange what to do with the settled change (lint and publish)
     * @throws IOException when the directory cannot be watched
     */
    public static FlowWatcher start(Path dir, Duration quiet, Runnable onChange) throws IOException {
        Objects.requireNonNull(onChange, "onChange");
        if (quiet.isNegative()) {
            throw new IllegalArgumentException("quiet period must not be negative");
        }
        FlowWatcher w = new FlowWatcher(dir, quiet, onChange);
        w.thread.start();
        log.info("watching {} for flow changes (quiet period {} ms)", dir, quiet.toMillis());
        return w;
    }

    private void loop() {
        try {
            while (true) {
                if (!relevant(watch.take())) {
                    continue;
                }
                // a burst: wait until it has been quiet for the whole period
                WatchKey next;
                while ((next = watch.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    relevant(next);
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    log.error("handling a change in {} failed", dir, e);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            log.debug("flow watcher for {} stopped", dir);
        }
    }

    /** Drains the key's events; true when one of them is about a flow file (or events were lost). */
    private boolean relevant(WatchKey key) {
        boolean relevant = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
            } else if (e.context() instanceof Path p) {
                String name = p.getFileName().toString();
                relevant |= !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
            }
        }
        if (!key.reset()) {
            log.warn("{} can no longer be watched (removed?); flow changes are not picked up until restart", dir);
        }
        return relevant;
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            log.debug("closing the watch service: {}", e.getMessage());
        }
        thread.interrupt();
    }
}
