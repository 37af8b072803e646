package io.hotline.prompts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sounds/.cache/<lang>/}: synthesized dynamic parts and rendered prompts, named by
 * the hash of what they contain, so a file once written is always right. Bounded: when it
 * holds more than {@code maxFiles}, the least recently used tenth is deleted (a hit
 * refreshes a file's modification time).
 *
 * <p>Threading: safe from any thread; files appear atomically.
 */
final class DynamicCache {
    private static final Logger log = LoggerFactory.getLogger(DynamicCache.class);
    private static final int CHECK_EVERY = 100;

    private final Path dir;
    private final int maxFiles;
    private final AtomicInteger writes = new AtomicInteger();

    DynamicCache(Path soundsDir, int maxFiles) {
        this.dir = soundsDir.resolve(SoundLayout.CACHE);
        this.maxFiles = maxFiles;
    }

    Path file(String lang, String name) {
        return dir.resolve(lang).resolve(name + SoundLayout.WAV);
    }

    boolean contains(Path file) {
        return file.startsWith(dir);
    }

    /** The cached file, its use noted, if present. */
    boolean hit(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            log.debug("cannot touch {}: {}", file, e.getMessage());
        }
        return true;
    }

    void put(Path file, byte[] wav) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest.writeAtomically(file, wav);
        if (writes.incrementAndGet() % CHECK_EVERY == 0) {
            trim();
        }
    }

    /** Deletes the least recently used files beyond the bound. */
    void trim() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir, 2)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList();
            if (files.size() <= maxFiles) {
                return;
            }
            List<Path> oldestFirst = files.stream()
                    .sorted(Comparator.comparing(DynamicCache::modified))
                    .toList();
            int drop = files.size() - maxFiles + maxFiles / 10;
            for (Path p : oldestFirst.subList(0, Math.min(drop, oldestFirst.size()))) {
                Files.deleteIfExists(p);
            }
            log.info("prompt cache {}: deleted {} least recently used files", dir, drop);
        } catch (IOException | java.io.UncheckedIOException e) {
            log.warn("prompt cache {}: could not trim: {}", dir, e.getMessage());
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
