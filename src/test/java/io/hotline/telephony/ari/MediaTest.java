package io.hotline.telephony.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.PromptPart;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prompt parts become ARI media URIs")
class MediaTest {
    private final Media media = new Media("hotline");

    @Test
    @DisplayName("a recorded prompt plays from <prefix>/<lang>/<id>")
    void recorded() {
        assertThat(media.uris(List.of(new PromptPart.Recorded("main-menu", "...")), "zh"))
                .containsExactly("sound:hotline/zh/main-menu");
        assertThat(new Media("").uris(List.of(new PromptPart.Recorded("x", "...")), "en"))
                .containsExactly("sound:en/x");
    }

    @Test
    @DisplayName("an absolute sounds prefix stays absolute, so Asterisk does not look under its own sounds directory")
    void absolutePrefix() {
        Media absolute = new Media(AriConfig.from(io.hotline.config.Settings.from(
                        java.util.Map.of("HOTLINE_SOUNDS_PREFIX", "/var/lib/hotline/sounds/")))
                .soundsPrefix());
        assertThat(absolute.uris(List.of(new PromptPart.Recorded("main.welcome.prompt", "...")), "en"))
                .containsExactly("sound:/var/lib/hotline/sounds/en/main.welcome.prompt");
    }

    @Test
    @DisplayName("punctuation plays nothing")
    void punctuation() {
        assertThat(media.uris(List.of(new PromptPart.Characters("F-1"), new PromptPart.Punctuation(".")), "en"))
                .containsExactly("characters:f1");
    }

    @Test
    @DisplayName("numbers, digits and references use Asterisk's say media")
    void dynamicParts() {
        assertThat(media.uris(
                        List.of(
                                new PromptPart.Number(42),
                                new PromptPart.Digits("1234"),
                                new PromptPart.Characters("F-4821")),
                        "en"))
                .containsExactly("number:42", "digits:1234", "characters:f4821");
    }

    @Test
    @DisplayName(
            "an amount is said as over AGI: in English Asterisk's numbers and the fixed yuan/fen prompts, in Chinese only Hotline's words")
    void amount() {
        assertThat(media.uris(List.of(new PromptPart.Amount(12345)), "en"))
                .containsExactly(
                        "number:123",
                        "sound:hotline/en/hotline.yuan",
                        "sound:hotline/en/hotline.and",
                        "number:45",
                        "sound:hotline/en/hotline.fen");
        assertThat(media.uris(List.of(new PromptPart.Amount(5000)), "en"))
                .containsExactly("number:50", "sound:hotline/en/hotline.yuan");
        assertThat(media.uris(List.of(new PromptPart.Amount(1250)), "zh"))
                .containsExactly(
                        "sound:hotline/zh/hotline.n10",
                        "sound:hotline/zh/hotline.n2",
                        "sound:hotline/zh/hotline.yuan",
                        "sound:hotline/zh/hotline.n5",
                        "sound:hotline/zh/hotline.jiao");
        assertThat(media.uris(List.of(new PromptPart.Amount(-1)), "en")).startsWith("sound:hotline/en/hotline.minus");
    }

    @Test
    @DisplayName("a date is month, day and year from Asterisk's core sounds")
    void date() {
        assertThat(media.uris(List.of(new PromptPart.Date(LocalDate.of(2026, 3, 7))), "en"))
                .containsExactly("sound:digits/mon-2", "sound:digits/h-7", "number:2026");
    }

    @Test
    @DisplayName("days 21 to 29 and 31 are 'twenty' / 'thirty' and an ordinal, as Asterisk's SAY DATETIME says them")
    void ordinalDays() {
        assertThat(media.uris(List.of(new PromptPart.Date(LocalDate.of(2026, 3, 28))), "en"))
                .containsExactly("sound:digits/mon-2", "sound:digits/20", "sound:digits/h-8", "number:2026");
        assertThat(Media.ordinalDay(20)).containsExactly("sound:digits/h-20");
        assertThat(Media.ordinalDay(21)).containsExactly("sound:digits/20", "sound:digits/h-1");
        assertThat(Media.ordinalDay(30)).containsExactly("sound:digits/h-30");
        assertThat(Media.ordinalDay(31)).containsExactly("sound:digits/30", "sound:digits/h-1");
        for (int day = 1; day <= 31; day++) {
            assertThat(Media.ordinalDay(day))
                    .allSatisfy(uri -> assertThat(io.hotline.telephony.AsteriskSounds.core())
                            .contains(uri.substring("sound:".length())));
        }
    }

    @Test
    @DisplayName(
            "in Chinese, numbers, digits, references and dates are Hotline's own words, never Asterisk's say media")
    void chinese() {
        assertThat(media.uris(List.of(new PromptPart.Number(12000)), "zh"))
                .containsExactly(
                        "sound:hotline/zh/hotline.n1",
                        "sound:hotline/zh/hotline.n10000",
                        "sound:hotline/zh/hotline.n2",
                        "sound:hotline/zh/hotline.n1000");
        assertThat(media.uris(List.of(new PromptPart.Digits("18"), new PromptPart.Characters("F-0")), "zh"))
                .containsExactly(
                        "sound:hotline/zh/hotline.yao",
                        "sound:hotline/zh/hotline.n8",
                        "sound:hotline/zh/hotline.letter.f",
                        "sound:hotline/zh/hotline.n0");
        assertThat(media.uris(List.of(new PromptPart.Date(LocalDate.of(2026, 3, 5))), "zh"))
                .containsExactly(
                        "sound:hotline/zh/hotline.n2",
                        "sound:hotline/zh/hotline.n0",
                        "sound:hotline/zh/hotline.n2",
                        "sound:hotline/zh/hotline.n6",
                        "sound:hotline/zh/hotline.year",
                        "sound:hotline/zh/hotline.n3",
                        "sound:hotline/zh/hotline.month",
                        "sound:hotline/zh/hotline.n5",
                        "sound:hotline/zh/hotline.day");
    }

    @Test
    @DisplayName("empty parts play nothing")
    void empty() {
        assertThat(media.uris(List.of(new PromptPart.Digits(""), new PromptPart.Characters("-")), "en"))
                .isEmpty();
    }
}
