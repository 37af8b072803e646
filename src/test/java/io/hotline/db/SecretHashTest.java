package io.hotline.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Secret hashing")
class SecretHashTest {

    @Test
    @DisplayName("a hash matches only its own secret, carries its iterations and is salted afresh each time")
    void hashAndMatch() {
        String h = SecretHash.hash("2468", 1_000);
        assertThat(h).startsWith("pbkdf2-sha256$1000$").doesNotContain("2468");
        assertThat(SecretHash.matches("2468", h)).isTrue();
        assertThat(SecretHash.matches("2469", h)).isFalse();
        assertThat(SecretHash.hash("2468", 1_000)).isNotEqualTo(h);
    }

    @Test
    @DisplayName("null or malformed stored hashes never match")
    void malformed() {
        assertThat(SecretHash.matches("2468", null)).isFalse();
        assertThat(SecretHash.matches(null, SecretHash.hash("2468", 1_000))).isFalse();
        assertThat(SecretHash.matches("2468", "2468")).isFalse();
        assertThat(SecretHash.matches("2468", "pbkdf2-sha256$x$y$z")).isFalse();
        assertThat(SecretHash.matches("2468", "pbkdf2-sha256$0$AAAA$AAAA")).isFalse();
    }
}
