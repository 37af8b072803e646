package io.hotline.prompts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sound.sampled.AudioFormat;

/**
 * English with FreeTTS 1.2.2 and its 16 kHz diphone voice {@code kevin16}.
 *
 * <p>The voice is taken straight from {@link KevinVoiceDirectory} rather than looked up
 * through FreeTTS's {@code VoiceManager}: the manager finds voices through
 * {@code voices.txt} files next to FreeTTS's own jar or the {@code freetts.voices}
 * system property, neither of which survives shading into {@code hotline.jar}, while the
 * voice directory class and its data ({@code cmu_us_kal16.bin}) are ordinary classpath
 * resources that do.
 *
 * <p>Threading: a FreeTTS voice is single-threaded; calls are serialized by a lock. The
 * voice (about 0.5 s to load) is loaded on first use and kept.
 */
public final class FreeTtsSynthesizer implements Synthesizer {
    /** The voice's native rate. */
    public static final int RATE = 16_000;

    private static final String VOICE = "kevin16";

    private final ReentrantLock lock = new ReentrantLock();
    private Voice voice;
    private final Capture capture = new Capture();

    @Override
    public String name() {
        return "freetts " + VOICE;
    }

    @Override
    public String settings() {
        return "freetts-1.2.2/" + VOICE + "/default-rate";
    }

    @Override
    public Optional<String> unavailable() {
        try {
            lock.lock();
            try {
                loaded();
            } finally {
                lock.unlock();
            }
            return Optional.empty();
        } catch (SynthesisException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public Pcm synthesize(String text) throws SynthesisException {
        lock.lock();
        try {
            Voice v = loaded();
            capture.clear();
            if (!v.speak(text)) {
                throw new SynthesisException("FreeTTS could not speak: " + text);
            }
            return capture.pcm();
        } finally {
            lock.unlock();
        }
    }

    private Voice loaded() throws SynthesisException {
        if (voice != null) {
            return voice;
        }
        try {
            for (Voice v : new KevinVoiceDirectory().getVoices()) {
                if (VOICE.equals(v.getName())) {
                    v.allocate();
                    v.setAudioPlayer(capture);
                    voice = v;
                    return v;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            throw new SynthesisException("FreeTTS voice " + VOICE + " failed to load: " + e, e);
        }
        throw new SynthesisException("FreeTTS voice " + VOICE + " is not on the classpath");
    }

    /** FreeTTS's audio output, kept in memory instead of going to a sound card. */
    private static final class Capture implements AudioPlayer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile AudioFormat format;

        void clear() {
            bytes.reset();
        }

        Pcm pcm() throws SynthesisException {
            if (format == null || bytes.size() == 0) {
                throw new SynthesisException("FreeTTS produced no audio");
            }
            if (format.getSampleSizeInBits() != 16
                    || format.getChannels() != 1
                    || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new SynthesisException("unexpected FreeTTS audio format: " + format);
            }
            byte[] b = bytes.toByteArray();
            short[] s = new short[b.length / 2];
            boolean big = format.isBigEndian();
            for (int i = 0; i < s.length; i++) {
                int hi = big ? b[2 * i] : b[2 * i + 1];
                int lo = (big ? b[2 * i + 1] : b[2 * i]) & 0xff;
                s[i] = (short) ((hi << 8) | lo);
            }
            return new Pcm(Math.round(format.getSampleRate()), s);
        }

        @Override
        public void setAudioFormat(AudioFormat f) {
            format = f;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public boolean write(byte[] b) {
            bytes.write(b, 0, b.length);
            return true;
        }

        @Override
        public boolean write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            return true;
        }

        // The rest of AudioPlayer is about a live sound card: nothing to do in memory.
        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public void reset() {}

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {}

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {}

        @Override
        public void close() {}

        @Override
        public float getVolume() {
            return 1f;
        }

        @Override
        public void setVolume(float volume) {}

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {}

        @Override
        public void startFirstSampleTimer() {}

        @Override
        public void showMetrics() {}
    }
}
