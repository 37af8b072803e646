package io.hotline.emulator.asterisk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The "voice" emulated callers leave as a message (a complaint's voice message): a 440 Hz tone of a few seconds, as
 * the 8 kHz 16-bit mono WAV Asterisk's {@code wav} format writes.
 */
public final class CallerVoice {
    /** The tone emulated callers play. */
    public static final int HZ = 440;
    /** How long emulated callers speak. */
    public static final int SECONDS = 3;

    private CallerVoice() {}

    /** A WAV file of {@code samples} samples of a {@code hertz} tone (0: silence), 8 kHz, 16-bit mono. */
    public static byte[] wav(double hertz, int samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * samples).putInt(0x45564157);
        b.putInt(0x20746d66)
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(8000)
                .putInt(16000)
                .putShort((short) 2)
                .putShort((short) 16);
        b.putInt(0x61746164).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * hertz * i / 8000)));
        }
        return b.array();
    }
}
