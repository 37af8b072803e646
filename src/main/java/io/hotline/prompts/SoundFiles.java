package io.hotline.prompts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a request path to a sound file, for serving {@code sounds/} over HTTP (Asterisk's
 * media cache fetches {@code http://hotline:8080/sounds/en/<id>.wav}; the softphone page
 * plays the same files). Only audio files inside the sounds directory are ever returned:
 * no {@code ..}, no absolute paths, no percent-encoding, no hidden files (the manifest and
 * lock), no symbolic links that lead outside; {@code .cache/} (rendered dynamic prompts)
 * is the one dot-directory served.
 */
public final class SoundFiles {
    private SoundFiles() {}

    /**
     * A file to send.
     *
     * @param file        the file, inside the sounds directory
     * @param contentType its media type
     */
    public record SoundFile(Path file, String contentType) {}

    /**
     * Resolves {@code requestPath} (what follows the mount point, e.g. {@code en/main.menu.prompt.wav}
     * or {@code /zh/hotline.yuan.wav}) under {@code soundsDir}.
     *
     * @return the file, or empty for anything that is not an existing audio file inside
     *         the directory (answer 404 either way, so nothing is revealed)
     */
    public static Optional<SoundFile> resolve(Path soundsDir, String requestPath) {
        if (requestPath == null || requestPath.length() > 512) {
            return Optional.empty();
        }
        String p = requestPath.startsWith("/") ? requestPath.substring(1) : requestPath;
        if (p.isEmpty() || p.indexOf('\\') >= 0 || p.indexOf('%') >= 0 || p.indexOf('\0') >= 0 || p.indexOf(':') >= 0) {
            return Optional.empty();
        }
        String[] segments = p.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean cache = i == 0 && s.equals(SoundLayout.CACHE) && segments.length > 1;
            if (!cache && (!PromptEntry.SAFE.matcher(s).matches() || s.contains(".."))) {
                return Optional.empty();
            }
        }
        String name = segments[segments.length - 1];
        if (SoundLayout.promptId(name).isEmpty()) {
            return Optional.empty();
        }
        try {
            Path root = soundsDir.toRealPath();
            Path file = root.resolve(p).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Path real = file.toRealPath();
            if (!real.startsWith(root)) {
                return Optional.empty();
            }
            return Optional.of(new SoundFile(real, contentType(name)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".wav") || n.endsWith(".wav16")) {
            return "audio/wav";
        }
        if (n.endsWith(".mp3")) {
            return "audio/mpeg";
        }
        if (n.endsWith(".ogg") || n.endsWith(".opus")) {
            return "audio/ogg";
        }
        if (n.endsWith(".ulaw") || n.endsWith(".ul") || n.endsWith(".au") || n.endsWith(".mu")) {
            return "audio/basic";
        }
        if (n.endsWith(".gsm")) {
            return "audio/x-gsm";
        }
        return "application/octet-stream";
    }
}
