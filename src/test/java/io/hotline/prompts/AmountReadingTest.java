package io.hotline.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.PromptPart;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AmountReadingTest {

    private static String say(List<PromptPart> parts) {
        return String.join(" ", parts.stream().map(p -> p instanceof PromptPart.Number n ? "#" + n.value()
                : ((PromptPart.Recorded) p).id()).toList());
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
    @DisplayName("Chinese amounts are yuan, jiao and fen digits, with zero for a missing jiao")
    void chinese() {
        assertThat(say(AmountReading.parts(128850, "zh"))).isEqualTo("#1288 hotline.yuan #5 hotline.jiao");
        assertThat(say(AmountReading.parts(128805, "zh"))).isEqualTo("#1288 hotline.yuan #0 #5 hotline.fen");
        assertThat(say(AmountReading.parts(55, "zh"))).isEqualTo("#5 hotline.jiao #5 hotline.fen");
        assertThat(say(AmountReading.parts(0, "zh"))).isEqualTo("#0 hotline.yuan");
        assertThat(say(AmountReading.parts(-5, "zh"))).isEqualTo("hotline.minus #5 hotline.fen");
    }

    @Test
    @DisplayName("Every fixed prompt an amount uses is in the catalog of that language")
    void fixedPromptsAreCatalogued() {
        PromptCatalog catalog = PromptCatalog.from(TestFlows.small(),
                Voices.of(java.util.Map.of("en", new ToneSynthesizer("t"), "zh", new ToneSynthesizer("t"))));
        for (String lang : List.of("en", "zh")) {
            for (long fen : new long[] {0, 5, 50, 55, 100, 105, 128850, -128805}) {
                AmountReading.parts(fen, lang).stream().filter(p -> p instanceof PromptPart.Recorded)
                        .forEach(p -> assertThat(catalog.contains(((PromptPart.Recorded) p).id(), lang))
                                .as("%s in %s", p, lang).isTrue());
            }
        }
    }
}
