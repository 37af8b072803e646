package io.hotline.prompts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * RIFF/WAVE files: writes canonical 44-byte-header PCM files (what Asterisk's {@code wav}
 * and {@code wav16} formats read), and reads the WAV files synthesizers and admins produce.
 */
final class Wav {
    private Wav() {}

    /** A mono 16-bit little-endian PCM WAV file. */
    static byte[] encode(Pcm pcm) {
        int dataLen = pcm.samples().length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataLen).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + dataLen).put(ascii("WAVE"));
        b.put(ascii("fmt "))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(pcm.sampleRate())
                .putInt(pcm.sampleRate() * 2)
                .putShort((short) 2)
                .putShort((short) 16);
        b.put(ascii("data")).putInt(dataLen);
        for (short s : pcm.samples()) {
            b.putShort(s);
        }
        return b.array();
    }

    /**
     * Reads a WAV file to mono 16-bit PCM (channels are mixed down). Tolerates the bogus
     * chunk sizes that streaming writers (espeak-ng on a pipe) put in the header: the data
     * runs to the end of the bytes. Formats other than 8/16-bit integer PCM go through
     * {@code javax.sound.sampled}.
     *
     * @throws IOException when the bytes are not a WAV file this can read
     */
    static Pcm decode(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !"RIFF".equals(tag(b, 0)) || !"WAVE".equals(tag(b, 8))) {
            throw new IOException("not a RIFF/WAVE file");
        }
        int at = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (at + 8 <= bytes.length) {
            String id = tag(b, at);
            long size = b.getInt(at + 4) & 0xffffffffL;
            int body = at + 8;
            if ("fmt ".equals(id)) {
                if (body + 16 > bytes.length) {
                    throw new IOException("truncated fmt chunk");
                }
                format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2) & 0xffff;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xffff;
            } else if ("data".equals(id)) {
                if (format < 0) {
                    throw new IOException("data chunk before fmt chunk");
                }
                int len = (int) Math.min(size, bytes.length - body);
                if (format == 1 && (bits == 16 || bits == 8) && channels >= 1) {
                    return pcm(b, body, len, channels, rate, bits);
                }
                return viaJavaSound(bytes);
            }
            at = (int) Math.min(bytes.length, body + size + (size & 1));
        }
        throw new IOException("no data chunk");
    }

    private static Pcm pcm(ByteBuffer b, int body, int len, int channels, int rate, int bits) {
        int frameBytes = channels * bits / 8;
        int frames = len / frameBytes;
        short[] out = new short[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int p = body + f * frameBytes + c * bits / 8;
                sum += bits == 16 ? b.getShort(p) : ((b.get(p) & 0xff) - 128) << 8;
            }
            out[f] = (short) (sum / channels);
        }
        return new Pcm(rate, out);
    }

    private static Pcm viaJavaSound(byte[] bytes) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
            AudioFormat src = in.getFormat();
            AudioFormat dst = new AudioFormat(
                    AudioFormat.Encoding.PCM_SIGNED,
                    src.getSampleRate(),
                    16,
                    src.getChannels(),
                    src.getChannels() * 2,
                    src.getSampleRate(),
                    false);
            try (AudioInputStream conv = AudioSystem.getAudioInputStream(dst, in)) {
                byte[] raw = conv.readAllBytes();
                return pcm(
                        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN),
                        0,
                        raw.length,
                        src.getChannels(),
                        Math.round(src.getSampleRate()),
                        16);
            }
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new IOException("unsupported WAV encoding: " + e.getMessage(), e);
        }
    }

    private static String tag(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
