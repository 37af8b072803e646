package io.hotline.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.call.PromptPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptServiceTest {
    @TempDir
    Path sounds;

    final ToneSynthesizer en = new ToneSynthesizer("tone-en");
    final ToneSynthesizer zh = new ToneSynthesizer("tone-zh");

    PromptService service(Voices voices) {
        return new PromptService(PromptsConfig.defaults().withSoundsDir(sounds), voices);
    }

    @Test
    @DisplayName("start returns at once; prompts already present play while the rest is synthesized")
    void readyAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Synthesizer slow = new Synthesizer() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public String settings() {
                return "slow";
            }

            @Override
            public Optional<String> unavailable() {
                return Optional.empty();
            }

            @Override
            public Pcm synthesize(String text) throws SynthesisException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new SynthesisException("interrupted", e);
                }
                return en.synthesize(text);
            }
        };
        Voices voices = Voices.of(Map.of("en", slow, "zh", zh));
        Files.createDirectories(sounds.resolve("en"));
        Files.write(sounds.resolve("en/main.bye.prompt.wav"), Wav.encode(AudioTest.tone(8000, 300, 1)));
        PromptService s = service(voices);

        var done = s.start(PromptCatalog.from(TestFlows.small(), voices));

        assertThat(done).isNotDone();
        assertThat(s.file("main.bye.prompt", "en")).contains(sounds.resolve("en/main.bye.prompt.wav"));
        release.countDown();
        GenerationReport r = done.get(30, TimeUnit.SECONDS);
        assertThat(r.failed()).isFalse();
        assertThat(r.count(PromptAction.Kind.RECORDING)).isOne();
        assertThat(s.file("main.main_menu.prompt", "en")).isPresent();
    }

    @Test
    @DisplayName("A start for a newly published version while one is running waits its turn and adds the new prompts")
    void republish() throws Exception {
        Voices voices = Voices.of(Map.of("en", en, "zh", zh));
        PromptService s = service(voices);
        var v1 = s.start(PromptCatalog.from(TestFlows.small(), voices));
        var v2 = s.start(PromptCatalog.from(
                TestFlows.set(
                        TestFlows.flow("main", TestFlows.say("main", "news", "News.", "新闻。"), TestFlows.bye("main"))),
                voices));

        assertThat(v1.get(30, TimeUnit.SECONDS).failed()).isFalse();
        GenerationReport second = v2.get(30, TimeUnit.SECONDS);
        assertThat(second.failed()).isFalse();
        assertThat(s.file("main.news.prompt", "zh")).isPresent();
    }

    @Test
    @DisplayName("A language that cannot be synthesized is reported clearly at start")
    void missingSynthesizer() throws Exception {
        Synthesizer broken = new EspeakSynthesizer("/nonexistent/espeak-ng", "cmn-latn-pinyin", 150);
        Voices voices = Voices.of(Map.of("en", en, "zh", broken));
        PromptService s = service(voices);

        GenerationReport r =
                s.start(PromptCatalog.from(TestFlows.small(), voices)).get(30, TimeUnit.SECONDS);

        assertThat(s.warnings())
                .singleElement()
                .asString()
                .contains("'zh'")
                .contains("espeak-ng")
                .contains("not found")
                .contains("install");
        assertThat(r.failed()).isTrue();
        assertThat(s.file("main.bye.prompt", "en")).isPresent();
        assertThat(Voices.of(Map.of()).forLanguage("zh")).isEmpty();
    }

    @Test
    @DisplayName("Dynamic parts are read in the caller's language and rendered with the prompts into one 8 kHz file")
    void render() throws Exception {
        Voices voices = Voices.of(Map.of("en", en, "zh", zh));
        PromptService s = service(voices);
        s.start(PromptCatalog.from(TestFlows.small(), voices)).get(30, TimeUnit.SECONDS);
        List<PromptPart> parts = List.of(
                new PromptPart.Recorded("main.recharge_failed.prompt.1", "您充值的"),
                new PromptPart.Amount(128850),
                new PromptPart.Recorded("main.recharge_failed.prompt.2", "失败了。"),
                new PromptPart.Digits("138"));
        zh.spoken.clear();

        Path file = s.render(parts, "zh");
        Path again = s.render(parts, "zh");

        assertThat(file).startsWith(sounds.resolve(".cache/zh")).isEqualTo(again);
        assertThat(zh.spoken).containsExactly("一千二百八十八元五角", "幺三八");
        Pcm pcm = Wav.decode(Files.readAllBytes(file));
        assertThat(pcm.sampleRate()).isEqualTo(8000);
        Duration sum = Duration.ZERO;
        for (PromptPart p : parts) {
            sum = sum.plus(Wav.decode(Files.readAllBytes(s.part(p, "zh"))).duration());
        }
        assertThat(pcm.duration()).isCloseTo(sum, Duration.ofMillis(5));
        assertThat(s.part(new PromptPart.Amount(128850), "en"))
                .isNotEqualTo(s.part(new PromptPart.Amount(128850), "zh"));
        assertThat(en.spoken).contains("one thousand two hundred eighty eight yuan and fifty fen");
    }

    @Test
    @DisplayName("A prompt not generated yet is synthesized from its words on the fly")
    void notYetGenerated() throws Exception {
        PromptService s = service(Voices.of(Map.of("en", en)));
        Path p = s.part(new PromptPart.Recorded("main.new.prompt", "Brand new words."), "en");
        assertThat(p).startsWith(sounds.resolve(".cache/en"));
        assertThat(en.spoken).containsExactly("Brand new words.");
        assertThatThrownBy(() -> s.part(new PromptPart.Number(5), "fr"))
                .isInstanceOf(SynthesisException.class)
                .hasMessageContaining("no synthesizer for language 'fr'");
    }

    @Test
    @DisplayName("The same part asked for by many calls at once is synthesized once")
    void once() throws Exception {
        PromptService s = service(Voices.of(Map.of("en", en)));
        List<Future<Path>> all = new ArrayList<>();
        try (var ex = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                all.add(ex.submit(() -> s.render(List.of(new PromptPart.Amount(4200)), "en")));
            }
        }
        for (Future<Path> f : all) {
            assertThat(f.get()).isEqualTo(all.getFirst().get());
        }
        assertThat(en.spoken).containsExactly("forty two yuan");
    }

    @Test
    @DisplayName("The cache keeps at most its bound, dropping the least recently used files")
    void cacheBound() throws IOException {
        DynamicCache cache = new DynamicCache(sounds, 10);
        for (int i = 0; i < 25; i++) {
            Path f = cache.file("en", "f" + i);
            cache.put(f, new byte[] {1});
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        cache.trim();
        try (var files = Files.list(sounds.resolve(".cache/en"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .hasSize(9)
                    .contains("f24.wav")
                    .doesNotContain("f0.wav", "f15.wav");
        }
    }
}
