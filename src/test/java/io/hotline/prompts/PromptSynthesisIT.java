package io.hotline.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.PromptPart;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real speech: FreeTTS kevin16 for English, espeak-ng (installed by scripts/install-test-deps.sh) for Mandarin. */
class PromptSynthesisIT {
    @TempDir
    static Path sounds;

    static final Voices VOICES = Voices.standard(PromptsConfig.defaults());
    static PromptCatalog catalog;
    static GenerationReport first;

    @BeforeAll
    static void generate() {
        catalog = PromptCatalog.from(TestFlows.small(), VOICES);
        first = new PromptGenerator(sounds, VOICES).run(catalog, false);
    }

    /** Reads the header with the JDK's own WAV reader, independent of ours. */
    static AudioFormat format(Path file) throws IOException, UnsupportedAudioFileException {
        AudioFileFormat f = AudioSystem.getAudioFileFormat(file.toFile());
        assertThat(f.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        return f.getFormat();
    }

    static Pcm read(Path file) throws IOException {
        return Wav.decode(Files.readAllBytes(file));
    }

    @Test
    @DisplayName("Every prompt in both languages is a WAV at 8 kHz (and 16 kHz), mono, 16-bit, with speech in it")
    void everyFileIsSpeech() throws Exception {
        assertThat(first.actions())
                .allSatisfy(a -> assertThat(a.kind()).as(a.toString()).isEqualTo(PromptAction.Kind.WRITTEN));
        for (PromptEntry e : catalog.entries()) {
            for (var check :
                    List.of(new Object[] {e.soundFile(sounds), 8000f}, new Object[] {e.wideband(sounds), 16_000f})) {
                Path file = (Path) check[0];
                AudioFormat f = format(file);
                assertThat(f.getEncoding()).as(file.toString()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
                assertThat(f.getSampleRate()).as(file.toString()).isEqualTo((float) check[1]);
                assertThat(f.getChannels()).as(file.toString()).isEqualTo(1);
                assertThat(f.getSampleSizeInBits()).as(file.toString()).isEqualTo(16);
                assertThat(f.isBigEndian()).isFalse();
                Pcm pcm = read(file);
                assertThat(pcm.rms()).as("level of %s", file).isGreaterThan(0.03);
                assertThat(pcm.duration()).as(file.toString()).isGreaterThan(Duration.ofMillis(150));
            }
        }
    }

    @Test
    @DisplayName("A longer text gives a longer sound, in English and in Mandarin")
    void durationGrowsWithText() throws IOException {
        for (String lang : List.of("en", "zh")) {
            Duration word = read(catalog.entry("hotline.yuan", lang)
                            .orElseThrow()
                            .soundFile(sounds))
                    .duration();
            Duration sentence = read(catalog.entry("main.bye.prompt", lang)
                            .orElseThrow()
                            .soundFile(sounds))
                    .duration();
            Duration menu = read(catalog.entry("main.main_menu.prompt", lang)
                            .orElseThrow()
                            .soundFile(sounds))
                    .duration();
            assertThat(word).as(lang).isLessThan(sentence);
            assertThat(sentence).as(lang).isLessThan(menu);
        }
    }

    @Test
    @DisplayName("A second run synthesizes nothing and leaves every file as it was")
    void secondRun() throws IOException {
        long before = lastModified();
        GenerationReport again = new PromptGenerator(sounds, VOICES).run(catalog, false);
        assertThat(again.synthesized()).isZero();
        assertThat(again.count(PromptAction.Kind.UNCHANGED)).isEqualTo(catalog.size());
        assertThat(again.summary()).contains("0 written");
        assertThat(lastModified()).isEqualTo(before);
    }

    private static long lastModified() throws IOException {
        try (var s = Files.walk(sounds)) {
            return s.filter(Files::isRegularFile)
                    .map(Path::toFile)
                    .mapToLong(File::lastModified)
                    .max()
                    .orElse(0);
        }
    }

    @Test
    @DisplayName("Dynamic parts are spoken in the caller's language and rendered into one playable file")
    void dynamicParts() throws Exception {
        PromptService service = new PromptService(PromptsConfig.defaults().withSoundsDir(sounds), VOICES);
        service.start(catalog).get(60, TimeUnit.SECONDS);
        for (String lang : List.of("en", "zh")) {
            Path amount = service.part(new PromptPart.Amount(128850), lang);
            Path shortAmount = service.part(new PromptPart.Amount(5), lang);
            assertThat(read(amount).rms()).isGreaterThan(0.03);
            assertThat(read(amount).duration())
                    .as(lang)
                    .isGreaterThan(read(shortAmount).duration());
            Path whole = service.render(
                    List.of(
                            new PromptPart.Recorded("main.recharge_failed.prompt.1", "x"),
                            new PromptPart.Amount(128850),
                            new PromptPart.Date(java.time.LocalDate.of(2025, 3, 5)),
                            new PromptPart.Digits("13800138000"),
                            new PromptPart.Characters("F-4821")),
                    lang);
            assertThat(format(whole).getSampleRate()).isEqualTo(8000f);
            assertThat(read(whole).duration())
                    .isGreaterThan(read(amount).duration().multipliedBy(3));
        }
    }
}
