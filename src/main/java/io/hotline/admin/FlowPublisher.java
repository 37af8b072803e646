package io.hotline.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotline.config.Settings;
import io.hotline.db.DataAccessException;
import io.hotline.flow.ActionCatalog;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowRegistry;
import io.hotline.flow.FlowSet;
import io.hotline.flow.FlowWatcher;
import io.hotline.flow.LoadResult;
import io.hotline.flow.Problem;
import io.hotline.flow.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes flow sets: lints the whole set, and only a clean one becomes the next version,
 * recorded in {@code flow_versions} and the audit log in one transaction before the
 * {@link FlowRegistry} serves it to new calls. A broken set is refused with every problem as
 * {@code file:line} in the log (and kept for the console); the previous version keeps serving.
 * Calls in progress are never touched: each keeps the set it started with.
 *
 * <p>Sources of a publish: start-up ({@code startup}), the file watcher ({@code file-watcher}),
 * an admin (their login) publishing edited files or rolling back to a stored version. Version
 * numbers come from the table, so they go on across restarts; start-up with the files of the
 * newest stored version serves that version again without a new row.
 *
 * <p>Threading: every publish is serialised on this object (so the watcher never publishes a
 * half-written admin change); reads are lock-free.
 */
public final class FlowPublisher {
    private static final Logger log = LoggerFactory.getLogger(FlowPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*\\.yaml");
    /** Who published when the server started. */
    public static final String STARTUP = "startup";
    /** Who published a change the file watcher found. */
    public static final String WATCHER = "file-watcher";

    /** What a publish did. */
    public sealed interface Outcome {
        /** A new version serves new calls from now on. */
        record Published(FlowSet flows, String by) implements Outcome {}

        /** The files are those of the version already serving; nothing changed. */
        record Unchanged(long version) implements Outcome {}

        /** Not published; the version serving before still serves. */
        record Refused(List<Problem> problems) implements Outcome {
            public Refused {
                problems = List.copyOf(problems);
            }
        }
    }

    /** The latest refused change, for the console. */
    public record Refusal(Instant at, String by, List<Problem> problems) {
        public Refusal {
            problems = List.copyOf(problems);
        }
    }

    private final FlowRegistry registry;
    private final FlowVersions versions;
    private final Path dir;
    private final ActionCatalog catalog;
    private final Clock clock;
    private final FlowLoader loader = new FlowLoader();
    private volatile SortedMap<String, byte[]> publishedFiles = new TreeMap<>();
    private volatile Refusal lastRefusal;

    public FlowPublisher(FlowRegistry registry, FlowVersions versions, Path dir, ActionCatalog catalog, Clock clock) {
        this.registry = Objects.requireNonNull(registry);
        this.versions = Objects.requireNonNull(versions);
        this.dir = Objects.requireNonNull(dir);
        this.catalog = Objects.requireNonNull(catalog);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The version serving new calls now. */
    public FlowSet serving() {
        return registry.current();
    }

    /** The stored versions. */
    public FlowVersions versions() {
        return versions;
    }

    /** The flows directory this publishes from and writes to. */
    public Path directory() {
        return dir;
    }

    /** The files of the version serving now. */
    public SortedMap<String, byte[]> publishedFiles() {
        return publishedFiles;
    }

    /** The latest refused change since start, if any. */
    public Optional<Refusal> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    /** Lints files held in memory (an admin's edit) as a whole set, without publishing. */
    public LoadResult check(SortedMap<String, byte[]> files) {
        return loader.load(dir.toString(), files, catalog);
    }

    /** Publishes the directory at start-up: the newest stored version again when the files are its files. */
    public synchronized Outcome publishAtStart() {
        LoadResult checked = loader.load(dir, catalog);
        if (!checked.ok()) {
            return refuse(checked.problems(), STARTUP);
        }
        SortedMap<String, byte[]> files = readDirectory();
        LoadResult r = check(files);
        if (!r.ok()) {
            return refuse(r.problems(), STARTUP);
        }
        Optional<StoredVersion> latest = versions.latest();
        FlowSet set = r.flowSet().orElseThrow();
        if (latest.isPresent()
                && latest.get().hash().equals(set.hash())
                && latest.get().version() > registry.current().version()) {
            registry.publish(r, latest.get().version());
            publishedFiles = files;
            log.info(
                    "serving flows v{} as stored (published {} by {})",
                    latest.get().version(),
                    latest.get().publishedAt(),
                    latest.get().publishedBy());
            return new Outcome.Published(registry.current(), latest.get().publishedBy());
        }
        return record(r, files, STARTUP, "publish", null);
    }

    /** Publishes what is in the flows directory now (the watcher's job). */
    public synchronized Outcome publishDirectory(String by) {
        LoadResult checked = loader.load(dir, catalog);
        if (!checked.ok()) {
            return refuse(checked.problems(), by);
        }
        SortedMap<String, byte[]> files = readDirectory();
        LoadResult r = check(files);
        if (!r.ok()) {
            return refuse(r.problems(), by); // changed again while we read; the watcher comes back
        }
        return record(r, files, by, "publish", null);
    }

    /**
     * Publishes an edited set: lints it in memory, and only when clean writes it into the flows
     * directory (changed files replaced atomically, flow files not in the set removed) and
     * publishes it as {@code by}.
     */
    public synchronized Outcome publishFiles(SortedMap<String, byte[]> files, String by) {
        return publishEdited(files, by, "publish", null);
    }

    /**
     * Publishes the files of an earlier version again, as a new version (kind {@code rollback}),
     * after writing them into the flows directory.
     *
     * @throws IllegalArgumentException when there is no such version
     */
    public synchronized Outcome rollback(long version, String by) {
        SortedMap<String, byte[]> files =
                versions.files(version).orElseThrow(() -> new IllegalArgumentException("no flow version " + version));
        return publishEdited(files, by, "rollback", version);
    }

    /** Starts the watcher as {@code serve} configures it; the result stops it. */
    public AutoCloseable watch(Settings settings) {
        if (!settings.bool("HOTLINE_FLOWS_WATCH", true)) {
            log.info("not watching {} (HOTLINE_FLOWS_WATCH=false): restart to publish flow changes", dir);
            return () -> {};
        }
        return watch(settings.duration("HOTLINE_FLOWS_QUIET", Duration.ofMillis(500)));
    }

    /** Watches the flows directory and publishes each settled change as {@link #WATCHER}. */
    public FlowWatcher watch(Duration quiet) {
        try {
            return FlowWatcher.start(dir, quiet, () -> publishDirectory(WATCHER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + dir, e);
        }
    }

    private Outcome publishEdited(SortedMap<String, byte[]> files, String by, String kind, Long restoredFrom) {
        for (String name : files.keySet()) {
            if (!FILE_NAME.matcher(name).matches()) {
                return refuse(
                        List.of(new Problem(
                                new Source(name, 0),
                                null,
                                "a flow file name is a flow id and .yaml (letters, digits, _ and -)")),
                        by);
            }
        }
        LoadResult r = check(files);
        if (!r.ok()) {
            return refuse(r.problems(), by);
        }
        if (r.flowSet().orElseThrow().hash().equals(registry.current().hash())) {
            return new Outcome.Unchanged(registry.current().version());
        }
        try {
            writeDirectory(files);
        } catch (UncheckedIOException e) {
            return refuse(
                    List.of(new Problem(
                            new Source(dir.toString(), 0),
                            null,
                            "not published: " + e.getMessage() + ": "
                                    + e.getCause().getMessage())),
                    by);
        }
        return record(r, files, by, kind, restoredFrom);
    }

    private Outcome record(LoadResult r, SortedMap<String, byte[]> files, String by, String kind, Long restoredFrom) {
        FlowSet set = r.flowSet().orElseThrow();
        FlowSet serving = registry.current();
        if (serving.version() > 0 && serving.hash().equals(set.hash())) {
            return new Outcome.Unchanged(serving.version());
        }
        Instant at = clock.instant();
        SortedMap<String, byte[]> before = publishedFiles;
        long version;
        boolean adopted;
        try {
            var done = versions.record(
                    serving.version(),
                    set.hash(),
                    at,
                    by,
                    kind,
                    restoredFrom,
                    files,
                    v -> detail(v, set, before, files, restoredFrom));
            version = done.version();
            adopted = done.adopted();
        } catch (DataAccessException e) {
            log.error(
                    "flows not published: the version could not be recorded ({}); still serving v{}",
                    e.getMessage(),
                    serving.version());
            return refuse(
                    List.of(new Problem(
                            new Source(dir.toString(), 0),
                            null,
                            "not published: the version could not be recorded in the database (" + e.getMessage()
                                    + ")")),
                    by);
        }
        registry.publish(r, version);
        publishedFiles = files;
        if (adopted) {
            log.info("flows v{} serving here too: another node published the same files", version);
            return new Outcome.Published(registry.current(), by);
        }
        log.info(
                "flows v{} published by {}{} ({})",
                version,
                by,
                restoredFrom == null ? "" : " (rollback to the files of v" + restoredFrom + ")",
                changes(before, files));
        return new Outcome.Published(registry.current(), by);
    }

    private Outcome.Refused refuse(List<Problem> problems, String by) {
        lastRefusal = new Refusal(clock.instant(), by, problems);
        log.warn(
                "flows change by {} refused: {} problem(s); still serving v{}",
                by,
                problems.size(),
                registry.current().version());
        problems.forEach(p -> log.warn("  {}", p));
        return new Outcome.Refused(problems);
    }

    private static String detail(
            long v, FlowSet set, SortedMap<String, byte[]> before, SortedMap<String, byte[]> after, Long restoredFrom) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", v);
        o.put("hash", set.hash());
        o.putPOJO("files", List.copyOf(after.keySet()));
        o.putPOJO("changed", changed(before, after));
        if (restoredFrom != null) {
            o.put("restored_from", restoredFrom);
        }
        return o.toString();
    }

    /** Names of files added, removed or edited between two sets. */
    static List<String> changed(SortedMap<String, byte[]> before, SortedMap<String, byte[]> after) {
        TreeMap<String, Boolean> names = new TreeMap<>();
        before.keySet().forEach(n -> names.put(n, true));
        after.keySet().forEach(n -> names.put(n, true));
        List<String> out = new ArrayList<>();
        for (String n : names.keySet()) {
            byte[] a = before.get(n);
            byte[] b = after.get(n);
            if (a == null || b == null || !Arrays.equals(a, b)) {
                out.add(n);
            }
        }
        return out;
    }

    private static String changes(SortedMap<String, byte[]> before, SortedMap<String, byte[]> after) {
        if (before.isEmpty()) {
            return after.size() + " files";
        }
        List<String> c = changed(before, after);
        return c.isEmpty() ? "no file changed" : "changed: " + String.join(", ", c);
    }

    private SortedMap<String, byte[]> readDirectory() {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && name.endsWith(".yaml")) {
                    files.put(name, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return files;
    }

    /** Writes each changed file atomically (temporary dot-file, then rename) and removes flows not in the set. */
    private void writeDirectory(SortedMap<String, byte[]> files) {
        try {
            SortedMap<String, byte[]> now = readDirectory();
            for (var e : files.entrySet()) {
                if (!Arrays.equals(now.get(e.getKey()), e.getValue())) {
                    Path tmp = dir.resolve("." + e.getKey() + ".publishing");
                    Files.write(tmp, e.getValue());
                    Files.move(
                            tmp,
                            dir.resolve(e.getKey()),
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
            for (String name : now.keySet()) {
                if (!files.containsKey(name)) {
                    Files.delete(dir.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the flows into " + dir, e);
        }
    }
}
