package io.hotline.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AudioTest {

    static Pcm tone(int rate, double hz, double seconds) {
        short[] s = new short[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (10_000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new Pcm(rate, s);
    }

    /** Level of the middle half, away from the filter's edges. */
    static double middleRms(Pcm p) {
        short[] s = p.samples();
        return new Pcm(p.sampleRate(), java.util.Arrays.copyOfRange(s, s.length / 4, 3 * s.length / 4)).rms();
    }

    @Test
    @DisplayName("Resampling to 8 kHz keeps speech frequencies and removes what 8 kHz cannot carry")
    void resamplingIsBandLimited() {
        Pcm speech = Resampler.resample(tone(16_000, 1000, 1), 8000);
        Pcm tooHigh = Resampler.resample(tone(16_000, 5000, 1), 8000);
        double in = middleRms(tone(16_000, 1000, 1));
        assertThat(speech.sampleRate()).isEqualTo(8000);
        assertThat(speech.samples()).hasSize(8000);
        assertThat(middleRms(speech)).isCloseTo(in, org.assertj.core.data.Percentage.withPercentage(3));
        // 5 kHz would fold back to 3 kHz without the low-pass: at least 40 dB down
        assertThat(middleRms(tooHigh)).isLessThan(in / 100);
    }

    @Test
    @DisplayName("espeak-ng's 22.05 kHz becomes 8 and 16 kHz of the same length")
    void oddRates() {
        Pcm in = tone(22_050, 800, 2);
        assertThat(Resampler.resample(in, 8000).duration()).isCloseTo(Duration.ofSeconds(2), Duration.ofMillis(1));
        assertThat(Resampler.resample(in, 16_000).duration()).isCloseTo(Duration.ofSeconds(2), Duration.ofMillis(1));
        assertThat(middleRms(Resampler.resample(in, 8000)))
                .isCloseTo(middleRms(in), org.assertj.core.data.Percentage.withPercentage(3));
    }

    @Test
    @DisplayName("A written WAV has a canonical header and reads back the same samples")
    void wavRoundTrip() throws IOException {
        Pcm p = tone(8000, 440, 0.5);
        byte[] wav = Wav.encode(p);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(wav).hasSize(44 + 8000);
        assertThat(b.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(b.getShort(22)).as("mono").isEqualTo((short) 1);
        assertThat(b.getInt(24)).as("rate").isEqualTo(8000);
        assertThat(b.getShort(34)).as("bits").isEqualTo((short) 16);
        assertThat(Wav.decode(wav).samples()).isEqualTo(p.samples());
    }

    @Test
    @DisplayName("A streamed WAV with bogus sizes (espeak-ng on a pipe) is read to its end")
    void streamedWav() throws IOException {
        byte[] wav = Wav.encode(tone(22_050, 440, 0.1));
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, 0x7ffff024);
        b.putInt(40, 0x7ffff000);
        assertThat(Wav.decode(wav).samples()).hasSize(2205);
        assertThatThrownBy(() -> Wav.decode(new byte[] {1, 2, 3})).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("Stereo and 8-bit recordings are read as mono 16-bit")
    void otherRecordings() throws Exception {
        javax.sound.sampled.AudioFormat f = new javax.sound.sampled.AudioFormat(44_100, 8, 2, false, false);
        byte[] raw = new byte[44_100 * 2];
        for (int i = 0; i < 44_100; i++) {
            byte v = (byte) (128 + 100 * Math.sin(2 * Math.PI * 440 * i / 44_100.0));
            raw[2 * i] = v;
            raw[2 * i + 1] = v;
        }
        var out = new java.io.ByteArrayOutputStream();
        javax.sound.sampled.AudioSystem.write(
                new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(raw), f, 44_100),
                javax.sound.sampled.AudioFileFormat.Type.WAVE,
                out);
        Pcm p = Wav.decode(out.toByteArray());
        assertThat(p.sampleRate()).isEqualTo(44_100);
        assertThat(p.samples()).hasSize(44_100);
        assertThat(p.rms()).isGreaterThan(0.4);
    }

    @Test
    @DisplayName("Long silences at both ends are trimmed, the level is brought to 70 % peak")
    void shaping() {
        Pcm t = tone(16_000, 440, 1);
        short[] padded = new short[16_000 * 3];
        System.arraycopy(t.samples(), 0, padded, 16_000, 16_000);
        Pcm shaped = Shaping.shape(new Pcm(16_000, padded));
        assertThat(shaped.duration()).isBetween(Duration.ofMillis(1100), Duration.ofMillis(1200));
        assertThat(shaped.peak()).isBetween(22_900, 23_000);
    }
}
