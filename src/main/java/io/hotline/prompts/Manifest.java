package io.hotline.prompts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code sounds/.hotline-manifest.json}: the files we generated, with the SHA-256 of their
 * bytes and the hash of the prompt they were made from. A file that is not listed here, or
 * whose bytes no longer match, is a recording: it is never overwritten or deleted.
 *
 * <p>Not thread-safe; {@link PromptGenerator} guards it with a lock.
 */
final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int FORMAT = 1;

    /**
     * One generated file.
     *
     * @param sha256   of the file's bytes
     * @param prompt   the {@link PromptEntry#hash()} it was made from
     * @param size     its length in bytes when last checked
     * @param modified its modification time (epoch milliseconds) when last checked
     */
    record Generated(String sha256, String prompt, long size, long modified) {}

    /** The JSON shape. */
    record Document(int format, Map<String, Generated> files) {}

    private final Map<String, Generated> files;
    private boolean changed;

    private Manifest(Map<String, Generated> files) {
        this.files = new TreeMap<>(files);
    }

    static Manifest empty() {
        return new Manifest(Map.of());
    }

    /**
     * Reads the manifest of {@code soundsDir}; an absent file is an empty manifest.
     *
     * @throws IOException when it exists but cannot be read or parsed
     */
    static Manifest read(Path soundsDir) throws IOException {
        Path file = soundsDir.resolve(SoundLayout.MANIFEST);
        try {
            Document d = JSON.readValue(Files.readAllBytes(file), Document.class);
            if (d.format() != FORMAT || d.files() == null) {
                throw new IOException(file + ": unknown manifest format " + d.format());
            }
            return new Manifest(d.files());
        } catch (NoSuchFileException e) {
            return empty();
        } catch (JacksonException e) {
            throw new IOException(file + ": not a manifest: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes it (atomically) if anything changed since it was read. */
    void writeIfChanged(Path soundsDir) throws IOException {
        if (!changed) {
            return;
        }
        Path file = soundsDir.resolve(SoundLayout.MANIFEST);
        writeAtomically(file, JSON.writeValueAsBytes(new Document(FORMAT, files)));
        changed = false;
    }

    Optional<Generated> get(String relativePath) {
        return Optional.ofNullable(files.get(relativePath));
    }

    void put(String relativePath, Generated g) {
        if (!g.equals(files.put(relativePath, g))) {
            changed = true;
        }
    }

    void remove(String relativePath) {
        if (files.remove(relativePath) != null) {
            changed = true;
        }
    }

    /** Relative path → record, sorted; a copy. */
    Map<String, Generated> files() {
        return new TreeMap<>(files);
    }

    /**
     * Whether {@code file} (at {@code relativePath}) is one we generated and nobody changed
     * since. A file with the size and modification time we noted is taken as unchanged
     * without reading it (so a re-run stays fast); any other is hashed, and if its bytes
     * are still ours the new time is noted.
     */
    boolean isOurs(String relativePath, Path file) throws IOException {
        Generated g = files.get(relativePath);
        if (g == null || !Files.isRegularFile(file)) {
            return false;
        }
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        if (size == g.size() && modified == g.modified()) {
            return true;
        }
        if (size != g.size() || !g.sha256().equals(sha256(Files.readAllBytes(file)))) {
            return false;
        }
        put(relativePath, new Generated(g.sha256(), g.prompt(), size, modified));
        return true;
    }

    /** The record for a file we just wrote. */
    static Generated generated(Path file, byte[] bytes, String promptHash) throws IOException {
        return new Generated(
                sha256(bytes),
                promptHash,
                bytes.length,
                Files.getLastModifiedTime(file).toMillis());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Writes through a temporary file in the same directory and a rename: readers never see half a file. */
    static Path writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".hotline-", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
