package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.emulator.agi.AgiCommandLine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("AGI commands")
class AgiCommandTest {

    @Test
    @DisplayName("commands render as in the recorded sessions")
    void rendering() {
        assertThat(new AgiCommand.Answer().line()).isEqualTo("ANSWER");
        assertThat(new AgiCommand.StreamFile("demo-congrats", "#5").line())
                .isEqualTo("STREAM FILE demo-congrats \"#5\"");
        assertThat(new AgiCommand.StreamFile("demo-instruct", "").line()).isEqualTo("STREAM FILE demo-instruct \"\"");
        assertThat(new AgiCommand.SayNumber(1234, "").line()).isEqualTo("SAY NUMBER 1234 \"\"");
        assertThat(new AgiCommand.SayDigits("13800138000", "#").line()).isEqualTo("SAY DIGITS 13800138000 \"#\"");
        assertThat(new AgiCommand.WaitForDigit(6000).line()).isEqualTo("WAIT FOR DIGIT 6000");
        assertThat(new AgiCommand.SetVariable("HOTLINE_TICKET", "T-0001").line())
                .isEqualTo("SET VARIABLE HOTLINE_TICKET \"T-0001\"");
        assertThat(new AgiCommand.SetVariable("CHANNEL(language)", "zh").line())
                .isEqualTo("SET VARIABLE CHANNEL(language) \"zh\"");
        assertThat(new AgiCommand.SayDate(1_700_000_000L, "12").line()).isEqualTo("SAY DATE 1700000000 \"12\"");
        assertThat(new AgiCommand.Hangup().line()).isEqualTo("HANGUP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "two words", "say \"hi\"", "back\\slash", "", "trailing\\", "中文 值", "a  b"})
    @DisplayName("a quoted value reaches Asterisk's argument parser unchanged")
    void quotingRoundTrips(String value) {
        String line = new AgiCommand.SetVariable("X", value).line();
        assertThat(AgiCommandLine.parseArgs(line)).containsExactly("SET", "VARIABLE", "X", value);
        String alpha = new AgiCommand.SayAlpha(value, "#").line();
        assertThat(AgiCommandLine.parseArgs(alpha)).containsExactly("SAY", "ALPHA", value, "#");
    }

    @Test
    @DisplayName("a line end in a value cannot end the command early")
    void noLineEnds() {
        assertThat(new AgiCommand.SetVariable("X", "a\nHANGUP").line()).isEqualTo("SET VARIABLE X \"aHANGUP\"");
        assertThat(new AgiCommand.StreamFile("bad\nname", "").line()).doesNotContain("\n");
    }

    @Test
    @DisplayName("variable names and digits are checked before anything is sent")
    void validation() {
        assertThatThrownBy(() -> new AgiCommand.SetVariable("BAD NAME", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgiCommand.SayDigits("12a", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgiCommand.Raw("ANSWER\nHANGUP")).isInstanceOf(IllegalArgumentException.class);
    }
}
