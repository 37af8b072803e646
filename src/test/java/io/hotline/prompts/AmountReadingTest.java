package io.hotline.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.PromptPart;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AmountReadingTest {

    private static String say(List<PromptPart> parts) {
        return String.join(
                " ",
                parts.stream()
                        .map(p -> p instanceof PromptPart.Number n ? "#" + n.value() : ((PromptPart.Recorded) p).id())
                        .toList());
    }

    @Test
    @DisplayName("English amounts are a number of yuan, 'and', a number of fen")
    void english() {
        assertThat(say(AmountReading.parts(128850, "en"))).isEqualTo("#1288 hotline.yuan hotline.and #50 hotline.fen");
        assertThat(say(AmountReading.parts(12800, "en"))).isEqualTo("#128 hotline.yuan");
        assertThat(say(AmountReading.parts(5, "en"))).isEqualTo("#5 hotline.fen");
        assertThat(say(AmountReading.parts(0, "en"))).isEqualTo("#0 hotline.yuan");
        assertThat(say(AmountReading.parts(-250, "en")))
                .isEqualTo("hotline.minus #2 hotline.yuan hotline.and #50 hotline.fen");
    }

    @Test
    @DisplayName(
            "Chinese amounts are read with Hotline's own words: yuan, jiao and fen digits, zero for a missing jiao")
    void chinese() {
        assertThat(zh(128850)).isEqualTo("n1 n1000 n2 n100 n8 n10 n8 yuan n5 jiao");
        assertThat(zh(128805)).isEqualTo("n1 n1000 n2 n100 n8 n10 n8 yuan n0 n5 fen");
        assertThat(zh(55)).isEqualTo("n5 jiao n5 fen");
        assertThat(zh(0)).isEqualTo("n0 yuan");
        assertThat(zh(-5)).isEqualTo("minus n5 fen");
    }

    private static String zh(long fen) {
        return PhoneSpeech.of(List.of(new PromptPart.Amount(fen)), "zh").stream()
                .map(s -> ((PhoneSpeech.Sound.Prompt) s).id().replace("hotline.", ""))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    @Test
    @DisplayName("Every fixed prompt an amount uses is in the catalog of that language")
    void fixedPromptsAreCatalogued() {
        PromptCatalog catalog = PromptCatalog.from(
                TestFlows.small(),
                Voices.of(java.util.Map.of("en", new ToneSynthesizer("t"), "zh", new ToneSynthesizer("t"))));
        for (String lang : List.of("en", "zh")) {
            for (long fen : new long[] {0, 5, 50, 55, 100, 105, 128850, -128805}) {
                PhoneSpeech.of(List.of(new PromptPart.Amount(fen)), lang).stream()
                        .filter(p -> p instanceof PhoneSpeech.Sound.Prompt)
                        .forEach(p -> assertThat(catalog.contains(((PhoneSpeech.Sound.Prompt) p).id(), lang))
                                .as("%s in %s", p, lang)
                                .isTrue());
            }
        }
    }
}
