package io.hotline.telephony.agi;

import io.hotline.emulator.agi.AgiEmulator;
import io.hotline.telephony.AsteriskSounds;

/** The FastAGI tests' Asterisk: the {@link AgiEmulator} with the sound files of {@link AsteriskSounds#forFakes()}. */
final class AgiFakes {
    private AgiFakes() {}

    /** A call to our server on {@code port} (127.0.0.1), its Asterisk having the tests' sound files. */
    static AgiEmulator call(int port) {
        return AgiEmulator.call(port).sounds(AsteriskSounds.forFakes());
    }
}
