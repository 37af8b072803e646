package io.hotline.telephony.sim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/** A sine tone as a WAV file (8 kHz, 16-bit mono, as Asterisk records): what a simulated caller "says". */
final class Tone {
    static final int RATE = 8000;

    private Tone() {}

    static byte[] wav(double hertz, Duration length) {
        int n = (int) (length.toMillis() * RATE / 1000);
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * n).putInt(0x45564157); // RIFF, size, WAVE
        b.putInt(0x20746d66)
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(RATE)
                .putInt(2 * RATE)
                .putShort((short) 2)
                .putShort((short) 16); // "fmt ": PCM, mono, 8 kHz, 16 bit
        b.putInt(0x61746164).putInt(2 * n); // "data"
        for (int i = 0; i < n; i++) {
            b.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * hertz * i / RATE)));
        }
        return b.array();
    }
}
