package io.hotline.prompts;

import static io.hotline.prompts.TestFlows.bye;
import static io.hotline.prompts.TestFlows.flow;
import static io.hotline.prompts.TestFlows.menu;
import static io.hotline.prompts.TestFlows.say;
import static io.hotline.prompts.TestFlows.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptGeneratorTest {
    @TempDir
    Path sounds;

    final ToneSynthesizer en = new ToneSynthesizer("tone-en");
    final ToneSynthesizer zh = new ToneSynthesizer("tone-zh");
    final Voices voices = Voices.of(Map.of("en", en, "zh", zh));

    GenerationReport generate(PromptCatalog c, boolean prune) {
        return new PromptGenerator(sounds, voices).run(c, prune);
    }

    PromptCatalog catalog() {
        return PromptCatalog.from(TestFlows.small(), voices);
    }

    /**
     * Path → bytes, modification time and file key (inode: a file replaced by a rename gets
     * a new one) of every file under the sounds directory.
     */
    Map<String, String> snapshot() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(sounds)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(
                        sounds.relativize(p).toString(),
                        Manifest.sha256(Files.readAllBytes(p)) + "@"
                                + Files.getLastModifiedTime(p).toMillis() + "#"
                                + Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class)
                                        .fileKey());
            }
        }
        return out;
    }

    @Test
    @DisplayName("Each prompt becomes an 8 kHz .wav and a 16 kHz .wav16, mono 16-bit, not silent")
    void writesEveryPrompt() throws IOException {
        PromptCatalog c = catalog();
        GenerationReport r = generate(c, false);

        assertThat(r.failed()).isFalse();
        assertThat(r.count(PromptAction.Kind.WRITTEN)).isEqualTo(c.size());
        for (PromptEntry e : c.entries()) {
            Pcm narrow = Wav.decode(Files.readAllBytes(e.soundFile(sounds)));
            Pcm wide = Wav.decode(Files.readAllBytes(e.wideband(sounds)));
            assertThat(narrow.sampleRate()).isEqualTo(8000);
            assertThat(wide.sampleRate()).isEqualTo(16_000);
            assertThat(narrow.rms()).as(e.id()).isGreaterThan(0.1);
            assertThat(narrow.duration()).isCloseTo(wide.duration(), java.time.Duration.ofMillis(2));
        }
        assertThat(en.spoken).contains("Welcome to the wallet hotline. For a failed recharge, press 1.", "yuan");
        assertThat(zh.spoken).contains("元", "感谢您的来电，再见。");
        assertThat(Files.exists(sounds.resolve(".hotline-manifest.json"))).isTrue();
    }

    @Test
    @DisplayName("A second run changes nothing: no synthesis, no file touched, summary says 0 written")
    void secondRunChangesNothing() throws IOException {
        PromptCatalog c = catalog();
        generate(c, false);
        Map<String, String> before = snapshot();
        en.spoken.clear();
        zh.spoken.clear();

        GenerationReport r = generate(c, false);

        assertThat(r.count(PromptAction.Kind.UNCHANGED)).isEqualTo(c.size());
        assertThat(r.summary()).contains("0 written, 0 updated, " + c.size() + " unchanged");
        assertThat(en.spoken).isEmpty();
        assertThat(zh.spoken).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("Changed words are synthesized again; the others are left alone")
    void changedText() throws IOException {
        generate(
                PromptCatalog.from(set(flow("main", say("main", "s", "Old words.", "旧的。"), bye("main"))), voices),
                false);
        en.spoken.clear();
        GenerationReport r = generate(
                PromptCatalog.from(set(flow("main", say("main", "s", "New words here.", "旧的。"), bye("main"))), voices),
                false);

        assertThat(r.actions())
                .filteredOn(a -> a.kind() == PromptAction.Kind.UPDATED)
                .extracting(PromptAction::path)
                .containsExactly("en/main.s.prompt.wav");
        assertThat(en.spoken).containsExactly("New words here.");
    }

    @Test
    @DisplayName("A longer text gives a longer sound")
    void durationGrowsWithText() throws IOException {
        PromptCatalog c = catalog();
        generate(c, false);
        double shortOne = Wav.decode(Files.readAllBytes(
                        c.entry("hotline.yuan", "en").orElseThrow().soundFile(sounds)))
                .duration()
                .toMillis();
        double longOne = Wav.decode(Files.readAllBytes(
                        c.entry("main.main_menu.prompt", "en").orElseThrow().soundFile(sounds)))
                .duration()
                .toMillis();
        assertThat(longOne).isGreaterThan(shortOne * 3);
    }

    @Test
    @DisplayName("A recording placed under the prompt's id wins, is never overwritten, and its generated twin goes")
    void recordingWins() throws IOException {
        PromptCatalog c = catalog();
        generate(c, false);
        PromptEntry e = c.entry("main.main_menu.prompt", "en").orElseThrow();
        byte[] recording = Wav.encode(AudioTest.tone(8000, 300, 2));
        Files.write(e.soundFile(sounds), recording);

        GenerationReport r = generate(c, false);
        GenerationReport again = generate(c, true);

        assertThat(r.actions())
                .filteredOn(a -> a.kind() == PromptAction.Kind.RECORDING)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.path()).isEqualTo("en/main.main_menu.prompt.wav");
                    assertThat(a.detail()).contains("removed generated main.main_menu.prompt.wav16");
                });
        assertThat(again.count(PromptAction.Kind.RECORDING)).isOne();
        assertThat(again.count(PromptAction.Kind.PRUNED)).isZero();
        assertThat(Files.readAllBytes(e.soundFile(sounds))).isEqualTo(recording);
        assertThat(e.wideband(sounds)).doesNotExist();
        assertThat(en.spoken).filteredOn(t -> t.startsWith("Welcome")).hasSize(1);
    }

    @Test
    @DisplayName("A recording in another format (.gsm) also wins; one for a prompt not yet generated stops synthesis")
    void recordingOtherFormat() throws IOException {
        PromptCatalog c = catalog();
        Files.createDirectories(sounds.resolve("zh"));
        Files.write(sounds.resolve("zh/main.bye.prompt.gsm"), new byte[] {1, 2, 3});

        GenerationReport r = generate(c, false);

        assertThat(r.actions())
                .filteredOn(a -> a.kind() == PromptAction.Kind.RECORDING)
                .extracting(PromptAction::path)
                .containsExactly("zh/main.bye.prompt.gsm");
        assertThat(sounds.resolve("zh/main.bye.prompt.wav")).doesNotExist();
        assertThat(zh.spoken).doesNotContain("感谢您的来电，再见。");
    }

    @Test
    @DisplayName("Removing a node reports its generated files as orphans; --prune deletes only those")
    void orphans() throws IOException {
        var withNews = set(flow(
                "main",
                menu("main", "m", "Press 1.", "请按1。"),
                say("main", "news", "We have news.", "我们有新消息。"),
                bye("main")));
        var without = set(flow("main", menu("main", "m", "Press 1.", "请按1。"), bye("main")));
        generate(PromptCatalog.from(withNews, voices), false);
        Files.write(sounds.resolve("en/old.recording.wav"), Wav.encode(AudioTest.tone(8000, 300, 1)));

        GenerationReport r = generate(PromptCatalog.from(without, voices), false);
        List<String> orphans = new ArrayList<>();
        r.actions().stream().filter(a -> a.kind() == PromptAction.Kind.ORPHAN).forEach(a -> orphans.add(a.path()));

        assertThat(orphans)
                .containsExactly(
                        "en/main.news.prompt.wav",
                        "en/main.news.prompt.wav16",
                        "zh/main.news.prompt.wav",
                        "zh/main.news.prompt.wav16");
        assertThat(r.failed()).isFalse();
        assertThat(sounds.resolve("en/main.news.prompt.wav")).exists();

        GenerationReport pruned = generate(PromptCatalog.from(without, voices), true);
        assertThat(pruned.count(PromptAction.Kind.PRUNED)).isEqualTo(4);
        assertThat(sounds.resolve("en/main.news.prompt.wav")).doesNotExist();
        assertThat(sounds.resolve("en/old.recording.wav")).exists();
        assertThat(generate(PromptCatalog.from(without, voices), false).count(PromptAction.Kind.ORPHAN))
                .isZero();
    }

    @Test
    @DisplayName("A language with no synthesizer and no recording fails, and so does a synthesizer error")
    void failures() {
        Voices onlyEnglish = Voices.of(Map.of("en", en));
        en.failOn = "hotline";
        GenerationReport r =
                new PromptGenerator(sounds, onlyEnglish).run(PromptCatalog.from(TestFlows.small(), onlyEnglish), false);

        assertThat(r.failed()).isTrue();
        assertThat(r.actions())
                .filteredOn(a -> a.kind() == PromptAction.Kind.FAILED)
                .anySatisfy(a -> assertThat(a.detail()).contains("no synthesizer for language 'zh'"))
                .anySatisfy(a -> assertThat(a.detail()).contains("cannot say hotline"));
        assertThat(sounds.resolve("en/main.bye.prompt.wav")).exists();
    }

    @Test
    @DisplayName("A generated file that was touched but not changed is still ours; one rewritten is a recording")
    void touchedOrRewritten() throws IOException {
        PromptCatalog c = catalog();
        generate(c, false);
        PromptEntry a = c.entry("main.bye.prompt", "en").orElseThrow();
        PromptEntry b = c.entry("main.bye.prompt", "zh").orElseThrow();
        Files.setLastModifiedTime(a.soundFile(sounds), java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        byte[] other = Files.readAllBytes(b.soundFile(sounds));
        other[100] ^= 1;
        Files.write(b.soundFile(sounds), other);

        GenerationReport r = generate(c, false);

        assertThat(r.actions())
                .filteredOn(x -> x.path().startsWith("en/main.bye.prompt"))
                .extracting(PromptAction::kind)
                .containsExactly(PromptAction.Kind.UNCHANGED);
        assertThat(r.actions())
                .filteredOn(x -> x.path().startsWith("zh/main.bye.prompt"))
                .extracting(PromptAction::kind)
                .containsExactly(PromptAction.Kind.RECORDING);
        assertThat(generate(c, false).count(PromptAction.Kind.UNCHANGED)).isEqualTo(c.size() - 1);
    }

    @Test
    @DisplayName("An unreadable manifest stops the run without touching any file")
    void corruptManifest() throws IOException {
        generate(catalog(), false);
        Files.writeString(sounds.resolve(".hotline-manifest.json"), "{not json");
        Map<String, String> before = snapshot();

        GenerationReport r = generate(catalog(), true);

        assertThat(r.failed()).isTrue();
        assertThat(r.actions().getFirst().detail()).contains("delete it");
        assertThat(snapshot()).isEqualTo(before);
    }
}
