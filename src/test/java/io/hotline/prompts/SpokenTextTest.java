package io.hotline.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.PromptPart;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpokenTextTest {

    @ParameterizedTest(name = "{0} fen is read {1}")
    @CsvSource({
        "128850, 一千二百八十八元五角",
        "128805, 一千二百八十八元零五分",
        "128855, 一千二百八十八元五角五分",
        "50, 五角",
        "5, 五分",
        "0, 零元",
        "10000, 一百元",
        "1000, 十元",
        "1500, 十五元",
        "1000000000, 一千万元",
        "-350, 负三元五角",
    })
    @DisplayName("Chinese amounts are read in yuan, jiao and fen")
    void chineseAmounts(long fen, String expected) {
        assertThat(SpokenText.of(new PromptPart.Amount(fen), "zh")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is read {1}")
    @CsvSource({
        "0, 零",
        "7, 七",
        "10, 十",
        "15, 十五",
        "20, 二十",
        "110, 一百一十",
        "115, 一百一十五",
        "1005, 一千零五",
        "1050, 一千零五十",
        "10050, 一万零五十",
        "100000, 十万",
        "150000, 十五万",
        "1000001, 一百万零一",
        "100010000, 一亿零一万",
        "20000, 二万",
        "-15, 负十五",
        "12345678, 一千二百三十四万五千六百七十八",
    })
    @DisplayName("Chinese numbers use the place words and a single 零 for gaps")
    void chineseNumbers(long n, String expected) {
        assertThat(SpokenText.of(new PromptPart.Number(n), "zh")).isEqualTo(expected);
    }

    @Test
    @DisplayName("Chinese dates, digits and references are read as Chinese text")
    void chineseOthers() {
        assertThat(SpokenText.of(new PromptPart.Date(LocalDate.of(2025, 3, 5)), "zh"))
                .isEqualTo("二〇二五年三月五日");
        assertThat(SpokenText.of(new PromptPart.Date(LocalDate.of(2024, 12, 31)), "zh"))
                .isEqualTo("二〇二四年十二月三十一日");
        assertThat(SpokenText.of(new PromptPart.Digits("13800138000"), "zh")).isEqualTo("幺三八零零幺三八零零零");
        assertThat(SpokenText.of(new PromptPart.Characters("F-4821"), "zh")).isEqualTo("F，四八二幺");
        assertThat(SpokenText.of(new PromptPart.Characters("ab12"), "zh")).isEqualTo("A B幺二");
        assertThat(SpokenText.of(new PromptPart.Amount(128850), "zh-CN")).isEqualTo("一千二百八十八元五角");
    }

    @ParameterizedTest(name = "{0} fen is read \"{1}\"")
    @CsvSource({
        "128850, one thousand two hundred eighty eight yuan and fifty fen",
        "100, one yuan",
        "50, fifty fen",
        "0, zero yuan",
        "1000001, ten thousand yuan and one fen",
        "-250, minus two yuan and fifty fen",
    })
    @DisplayName("English amounts are read in yuan and fen")
    void englishAmounts(long fen, String expected) {
        assertThat(SpokenText.of(new PromptPart.Amount(fen), "en")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is read \"{1}\"")
    @CsvSource({
        "0, zero",
        "13, thirteen",
        "40, forty",
        "105, one hundred five",
        "1000, one thousand",
        "1000000, one million",
        "2001000, two million one thousand",
        "-7, minus seven",
        "9223372036854775807, nine quintillion two hundred twenty three quadrillion three hundred seventy two"
                + " trillion thirty six billion eight hundred fifty four million seven hundred seventy five thousand"
                + " eight hundred seven",
    })
    @DisplayName("English numbers are read as words")
    void englishNumbers(long n, String expected) {
        assertThat(SpokenText.of(new PromptPart.Number(n), "en")).isEqualTo(expected);
    }

    @Test
    @DisplayName("English dates, digits and references are read as a person would")
    void englishOthers() {
        assertThat(SpokenText.of(new PromptPart.Date(LocalDate.of(2025, 3, 5)), "en"))
                .isEqualTo("March fifth, twenty twenty five");
        assertThat(SpokenText.of(new PromptPart.Date(LocalDate.of(2005, 1, 21)), "en"))
                .isEqualTo("January twenty first, two thousand five");
        assertThat(SpokenText.of(new PromptPart.Date(LocalDate.of(1999, 12, 30)), "en"))
                .isEqualTo("December thirtieth, nineteen ninety nine");
        assertThat(SpokenText.of(new PromptPart.Date(LocalDate.of(1905, 7, 4)), "en"))
                .isEqualTo("July fourth, nineteen oh five");
        assertThat(SpokenText.of(new PromptPart.Digits("1380"), "en")).isEqualTo("one three eight zero");
        assertThat(SpokenText.of(new PromptPart.Characters("F-4821"), "en")).isEqualTo("eff, four eight two one");
        assertThat(SpokenText.of(new PromptPart.Characters("ab"), "en")).isEqualTo("ay bee");
        assertThat(SpokenText.of(new PromptPart.Number(Long.MIN_VALUE), "en")).startsWith("minus nine quintillion");
    }

    @Test
    @DisplayName("A language without number words gets the part's plain text")
    void otherLanguages() {
        assertThat(SpokenText.of(new PromptPart.Number(42), "fr")).isEqualTo("42");
        assertThat(SpokenText.of(new PromptPart.Recorded("x", "Bonjour"), "fr")).isEqualTo("Bonjour");
    }
}
