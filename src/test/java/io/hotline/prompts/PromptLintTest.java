package io.hotline.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.flow.FlowSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptLintTest {
    @TempDir
    Path sounds;

    @Test
    @DisplayName(
            "Prompts of a language with no synthesizer and no recording are reported with their flow file and line")
    void noSynthesizerNoRecording() throws IOException {
        Voices onlyEnglish = Voices.of(Map.of("en", new ToneSynthesizer("t")));
        FlowSet flows = TestFlows.small();
        PromptCatalog catalog = PromptCatalog.from(flows, onlyEnglish);
        Files.createDirectories(sounds.resolve("zh"));
        Files.write(sounds.resolve("zh/main.bye.prompt.gsm"), new byte[] {1});

        var issues = PromptLint.check(catalog, onlyEnglish, sounds);

        long zh = catalog.entries().stream().filter(e -> e.lang().equals("zh")).count();
        assertThat(issues)
                .hasSize((int) zh - 1)
                .allSatisfy(i -> assertThat(i.entry().lang()).isEqualTo("zh"));
        assertThat(issues)
                .extracting(Object::toString)
                .contains("main.yaml:3: prompt 'main.main_menu.prompt' (zh): no recording in " + sounds.resolve("zh")
                        + " and no synthesizer for language 'zh'")
                .noneMatch(s -> s.contains("main.bye.prompt"));
    }

    @Test
    @DisplayName("A synthesizer that cannot run here counts as none")
    void brokenSynthesizer() {
        Voices voices = Voices.of(Map.of(
                "en",
                new ToneSynthesizer("t"),
                "zh",
                new EspeakSynthesizer("/nonexistent/espeak-ng", "cmn-latn-pinyin", 150)));
        var issues = PromptLint.check(PromptCatalog.from(TestFlows.small(), voices), voices, sounds);
        assertThat(issues)
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.message()).contains("espeak-ng").contains("cannot run"));
    }

    @Test
    @DisplayName("With a synthesizer for every language there is nothing to report")
    void clean() {
        Voices voices = Voices.of(Map.of("en", new ToneSynthesizer("t"), "zh", new ToneSynthesizer("t")));
        assertThat(PromptLint.check(PromptCatalog.from(TestFlows.small(), voices), voices, sounds))
                .isEmpty();
    }
}
