package io.hotline.telephony.ari;

import io.hotline.emulator.ari.AriEmulator;
import io.hotline.telephony.AsteriskSounds;
import java.net.URI;
import java.time.Duration;

/**
 * The ARI tests' Asterisk: the {@link AriEmulator} with the sound files of {@link AsteriskSounds#forFakes()}, and a
 * client config pointing at it.
 */
final class AriFakes {
    private AriFakes() {}

    /** An emulated Asterisk having the tests' sound files. */
    static AriEmulator start() throws Exception {
        return AriEmulator.start().sounds(AsteriskSounds.forFakes());
    }

    /** A config pointing at {@code fake}, with quick reconnects for tests. */
    static AriConfig config(AriEmulator fake) {
        return new AriConfig(
                URI.create("http://127.0.0.1:" + fake.port()),
                AriEmulator.USER,
                AriEmulator.PASSWORD,
                AriEmulator.APP,
                "hotline",
                Duration.ofMillis(20),
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }
}
