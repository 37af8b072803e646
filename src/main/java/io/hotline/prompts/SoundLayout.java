package io.hotline.prompts;

import java.util.List;
import java.util.Optional;

/**
 * How the sounds directory is laid out (see {@code package-info}): file extensions Asterisk
 * knows, which of them we write, and the names reserved for our own bookkeeping.
 */
final class SoundLayout {
    /** 8 kHz 16-bit mono PCM: Asterisk's {@code wav} format. */
    static final String WAV = ".wav";
    /** 16 kHz 16-bit mono PCM: Asterisk's {@code wav16} format, used on wideband channels. */
    static final String WAV16 = ".wav16";

    static final int NARROW_RATE = 8_000;
    static final int WIDE_RATE = 16_000;
    static final String MANIFEST = ".hotline-manifest.json";
    static final String LOCK = ".hotline-manifest.lock";
    static final String CACHE = ".cache";

    /**
     * Extensions of formats Asterisk can play from a file (plus a few common ones admins
     * drop in). A file of the prompt's id with any of them that we did not write is a
     * recording.
     */
    static final List<String> AUDIO_EXTENSIONS = List.of(
            ".sln192",
            ".sln96",
            ".sln48",
            ".sln44",
            ".sln32",
            ".sln24",
            ".sln16",
            ".sln12",
            ".wav16",
            ".g722",
            ".g729",
            ".siren14",
            ".siren7",
            ".ulaw",
            ".alaw",
            ".gsm",
            ".g726",
            ".ilbc",
            ".mp3",
            ".ogg",
            ".opus",
            ".sln",
            ".raw",
            ".pcm",
            ".ul",
            ".al",
            ".au",
            ".mu",
            ".vox",
            ".h263",
            ".wav",
            ".WAV");

    private SoundLayout() {}

    /** The prompt id a file name stands for, if it is an audio file. */
    static Optional<String> promptId(String fileName) {
        for (String ext : AUDIO_EXTENSIONS) {
            if (fileName.endsWith(ext) && fileName.length() > ext.length()) {
                return Optional.of(fileName.substring(0, fileName.length() - ext.length()));
            }
        }
        return Optional.empty();
    }
}
