package io.hotline.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.db.SecretHash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PIN hashes")
class PinHasherTest {
    private static final byte[] PEPPER =
            "a pepper of at least thirty-two bytes, for tests".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER =
            "another pepper of thirty-two bytes or more, too".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("a peppered hash accepts its PIN only, is salted, and never contains the PIN or the pepper")
    void peppered() {
        PinHasher h = PinHasher.peppered(PEPPER);
        String stored = h.hash("2468");
        assertThat(stored).startsWith("hmac-sha256$").doesNotContain("2468").doesNotContain("pepper");
        assertThat(h.check("2468", stored)).isEqualTo(new PinHasher.Check(true, false));
        assertThat(h.check("2469", stored)).isEqualTo(new PinHasher.Check(false, false));
        assertThat(h.check("", stored).matches()).isFalse();
        assertThat(h.check(null, stored).matches()).isFalse();
        assertThat(h.hash("2468")).as("a new salt each time").isNotEqualTo(stored);
    }

    @Test
    @DisplayName("an older PBKDF2 hash still checks, and a right PIN asks to be stored again peppered")
    void olderHashesMoveOver() {
        String old = SecretHash.hash("2468", 1_000);
        PinHasher h = PinHasher.peppered(PEPPER);
        assertThat(h.check("2468", old)).isEqualTo(new PinHasher.Check(true, true));
        assertThat(h.check("1357", old)).isEqualTo(new PinHasher.Check(false, false));
        assertThat(PinHasher.unpeppered().check("2468", old))
                .as("nothing better to move to")
                .isEqualTo(new PinHasher.Check(true, false));
    }

    @Test
    @DisplayName("a hash made with another pepper, or checked without one, is an error rather than a wrong PIN")
    void wrongPepper() {
        String stored = PinHasher.peppered(PEPPER).hash("2468");
        assertThatThrownBy(() -> PinHasher.peppered(OTHER).check("2468", stored))
                .isInstanceOf(PinHasher.WrongPepperException.class)
                .hasMessageContaining("HOTLINE_PIN_PEPPER");
        assertThatThrownBy(() -> PinHasher.unpeppered().check("2468", stored))
                .isInstanceOf(PinHasher.WrongPepperException.class)
                .hasMessageContaining("no pepper");
    }

    @Test
    @DisplayName("malformed stored hashes do not match, and short peppers are refused")
    void malformed() {
        PinHasher h = PinHasher.peppered(PEPPER);
        assertThat(h.check("2468", null).matches()).isFalse();
        assertThat(h.check("2468", "2468").matches()).isFalse();
        assertThat(h.check("2468", "hmac-sha256$x").matches()).isFalse();
        String keyId = h.hash("1").split("\\$")[1];
        assertThat(h.check("2468", "hmac-sha256$" + keyId + "$!!$!!").matches()).isFalse();
        assertThatThrownBy(() -> PinHasher.peppered("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PinHasher.unpeppered().hash("2468")).startsWith("pbkdf2-sha256$");
    }

    @Test
    @DisplayName("one hasher checks PINs on many calls at once, each answer right (the keyed MAC is shared)")
    void manyCallsAtOnce() throws Exception {
        PinHasher h = PinHasher.peppered(PEPPER);
        String[] pins = {"2468", "1357", "8642", "0000"};
        String[] stored = new String[pins.length];
        for (int i = 0; i < pins.length; i++) {
            stored[i] = h.hash(pins[i]);
        }
        var wrong = new java.util.concurrent.atomic.AtomicInteger();
        try (var calls = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                calls.execute(() -> {
                    for (int n = 0; n < 2_000; n++) {
                        int i = n % pins.length;
                        if (!h.check(pins[i], stored[i]).matches()
                                || h.check(pins[(i + 1) % pins.length], stored[i])
                                        .matches()) {
                            wrong.incrementAndGet();
                        }
                    }
                });
            }
        }
        assertThat(wrong).hasValue(0);
    }
}
