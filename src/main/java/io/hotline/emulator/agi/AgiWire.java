package io.hotline.emulator.agi;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The emulator's reading of the server's lines and its caller's listening. */
final class AgiWire {
    private AgiWire() {}

    /** The next line (without its {@code \n}), or null at the end of the stream or when it broke. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c;
            try {
                c = in.read();
            } catch (IOException e) {
                return null;
            }
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.UTF_8);
            }
            b.write(c);
        }
    }

    @SuppressFBWarnings(
            value = "PREDICTABLE_RANDOM",
            justification = "varies an emulated caller's listening time, not a secret")
    static void listen(Duration listen) throws IOException {
        try {
            long nanos = listen.toNanos();
            // the caller hearing the prompt: this is the emulated audio, not a wait for a result
            Thread.sleep(
                    Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listening", e);
        }
    }
}
