package io.hotline.prompts;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Speech from Debian's {@code espeak-ng}, run as a process per text (it starts in a few
 * milliseconds). Used for Mandarin ({@code zh}) with the voice {@code cmn-latn-pinyin}:
 * espeak-ng 1.51's plain {@code cmn} voice turns characters into tone-numbered pinyin and
 * then reads the tone digits as English words ("nin two hao three"); the pinyin variant
 * speaks the same pinyin with Mandarin tones. Latin letters in the text (references such
 * as {@code F-4821}) are read letter by letter.
 *
 * <p>Threading: each call runs its own process, so calls may run concurrently.
 */
public final class EspeakSynthesizer implements Synthesizer {
    private static final long TIMEOUT_SECONDS = 30;

    private final String command;
    private final String voice;
    private final int wordsPerMinute;
    private volatile Optional<String> probed;

    /**
     * @param command        the program, {@code espeak-ng} from the PATH by default
     * @param voice          an espeak-ng voice name ({@code espeak-ng --voices} lists them)
     * @param wordsPerMinute speaking rate ({@code -s})
     */
    public EspeakSynthesizer(String command, String voice, int wordsPerMinute) {
        this.command = command;
        this.voice = voice;
        this.wordsPerMinute = wordsPerMinute;
    }

    @Override
    public String name() {
        return "espeak-ng " + voice;
    }

    @Override
    public String settings() {
        return "espeak-ng/" + voice + "/s" + wordsPerMinute;
    }

    @Override
    public Optional<String> unavailable() {
        Optional<String> p = probed;
        if (p == null) {
            try {
                Pcm test = run("1");
                p = test.samples().length == 0
                        ? Optional.of(command + " -v " + voice + " produced no audio")
                        : Optional.empty();
            } catch (SynthesisException e) {
                p = Optional.of(e.getMessage());
            }
            probed = p;
        }
        return p;
    }

    @Override
    public Pcm synthesize(String text) throws SynthesisException {
        return run(text);
    }

    @SuppressFBWarnings(
            value = "COMMAND_INJECTION",
            justification = "an argument array to espeak-ng, no shell: the text is one argument")
    private Pcm run(String text) throws SynthesisException {
        List<String> cmd = List.of(command, "-v", voice, "-s", Integer.toString(wordsPerMinute), "-b", "1", "--stdout");
        Process process;
        try {
            process = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new SynthesisException(
                    command + " not found or not executable (install Debian's espeak-ng"
                            + " package, or set HOTLINE_ESPEAK_COMMAND)",
                    e);
        }
        try {
            CompletableFuture<byte[]> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                // One line: a newline inside the text would be read as the end of a clause anyway.
                in.write(text.replace('\n', ' ').getBytes(StandardCharsets.UTF_8));
            }
            byte[] wav;
            try (InputStream out = process.getInputStream()) {
                wav = out.readAllBytes();
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SynthesisException(command + " took longer than " + TIMEOUT_SECONDS + " s");
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new SynthesisException(command + " -v " + voice + " failed (exit " + process.exitValue() + ")"
                        + (stderr.isEmpty() ? "" : ": " + stderr));
            }
            return Wav.decode(wav);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new SynthesisException(command + " output unreadable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SynthesisException("interrupted while running " + command, e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread.ofVirtual().name("espeak-stderr").start(() -> {
            try (stream) {
                f.complete(stream.readAllBytes());
            } catch (IOException e) {
                f.complete(new byte[0]);
            }
        });
        return f;
    }
}
