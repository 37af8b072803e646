package io.hotline.prompts;

import io.hotline.config.Settings;
import java.nio.file.Path;

/**
 * Settings of the prompts part, read once at start.
 *
 * @param soundsDir      {@code HOTLINE_SOUNDS_DIR}, default {@code sounds}: generated prompts,
 *                       recordings and the dynamic-part cache ({@code .cache/})
 * @param espeakCommand  {@code HOTLINE_ESPEAK_COMMAND}, default {@code espeak-ng}
 * @param espeakVoiceZh  {@code HOTLINE_ESPEAK_VOICE_ZH}, default {@code cmn-latn-pinyin}
 * @param espeakRate     {@code HOTLINE_ESPEAK_RATE}, words per minute, default 150
 * @param cacheMaxFiles  {@code HOTLINE_PROMPTS_CACHE_MAX_FILES}, default 5000: beyond it the
 *                       oldest files of {@code .cache/} are deleted
 */
public record PromptsConfig(
        Path soundsDir, String espeakCommand, String espeakVoiceZh, int espeakRate, int cacheMaxFiles) {

    public static PromptsConfig from(Settings s) {
        return new PromptsConfig(
                s.path("HOTLINE_SOUNDS_DIR", "sounds"),
                s.string("HOTLINE_ESPEAK_COMMAND", "espeak-ng"),
                s.string("HOTLINE_ESPEAK_VOICE_ZH", "cmn-latn-pinyin"),
                s.integer("HOTLINE_ESPEAK_RATE", 150, 80, 450),
                s.integer("HOTLINE_PROMPTS_CACHE_MAX_FILES", 5000, 10, 10_000_000));
    }

    /** The defaults, as with no settings at all. */
    public static PromptsConfig defaults() {
        return from(Settings.from(java.util.Map.of()));
    }

    public PromptsConfig withSoundsDir(Path dir) {
        return new PromptsConfig(dir, espeakCommand, espeakVoiceZh, espeakRate, cacheMaxFiles);
    }
}
