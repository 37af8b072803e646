package io.hotline.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Wallet settings")
class WalletConfigTest {
    private static final Map<String, String> HTTP = Map.of(
            "HOTLINE_WALLET",
            "http",
            "HOTLINE_WALLET_URL",
            "https://wallet.example.com/hotline/v1",
            "HOTLINE_WALLET_TOKEN",
            "s3cret-token");

    private static Map<String, String> http(String... more) {
        Map<String, String> m = new HashMap<>(HTTP);
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    @DisplayName("with no settings the wallet is the built-in one")
    void defaults() {
        assertThat(WalletConfig.from(Settings.from(Map.of())).isHttp()).isFalse();
    }

    @Test
    @DisplayName("the HTTP wallet's defaults fit the flows' budgets, and the token is masked in the effective settings")
    void httpDefaults() {
        Settings s = Settings.from(HTTP);
        WalletConfig.Http h = WalletConfig.from(s).http();
        assertThat(h.readTimeout()).isEqualTo(Duration.ofMillis(800));
        assertThat(h.writeTimeout()).isEqualTo(Duration.ofMillis(1200));
        assertThat(h.attempts()).isEqualTo(2);
        assertThat(h.breaker()).isEqualTo(WalletConfig.Breaker.DEFAULT);
        assertThat(WalletConfig.worstCase(h.readTimeout(), h.attempts(), h.retryBackoff()))
                .isLessThan(WalletConfig.READ_BUDGET);
        assertThat(s.describe()).containsEntry("HOTLINE_WALLET_TOKEN", "****");
        assertThat(h.toString()).doesNotContain("s3cret");
    }

    @Test
    @DisplayName("a bad setting is refused at start with a message naming its key")
    void refused() {
        assertThatThrownBy(() -> WalletConfig.from(Settings.from(Map.of("HOTLINE_WALLET", "soap"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_WALLET:");
        assertThatThrownBy(() -> WalletConfig.from(Settings.from(Map.of("HOTLINE_WALLET", "http"))))
                .hasMessageStartingWith("HOTLINE_WALLET_URL:");
        assertThatThrownBy(() -> WalletConfig.from(Settings.from(http("HOTLINE_WALLET_URL", "ftp://x"))))
                .hasMessageStartingWith("HOTLINE_WALLET_URL:");
        Map<String, String> noAuth = new HashMap<>(HTTP);
        noAuth.remove("HOTLINE_WALLET_TOKEN");
        assertThatThrownBy(() -> WalletConfig.from(Settings.from(noAuth)))
                .hasMessageStartingWith("HOTLINE_WALLET_TOKEN:");
        assertThatThrownBy(() -> WalletConfig.from(Settings.from(http("HOTLINE_WALLET_READ_TIMEOUT", "1500ms"))))
                .hasMessageStartingWith("HOTLINE_WALLET_READ_TIMEOUT:")
                .hasMessageContaining("2000 ms");
        assertThatThrownBy(() -> WalletConfig.from(Settings.from(http("HOTLINE_WALLET_WRITE_TIMEOUT", "0ms"))))
                .hasMessageStartingWith("HOTLINE_WALLET_WRITE_TIMEOUT:");
        assertThatThrownBy(() -> WalletConfig.from(Settings.from(http("HOTLINE_WALLET_TLS_CERT", "/nonexistent.pem"))))
                .hasMessageStartingWith("HOTLINE_WALLET_TLS_CERT:");
        assertThatThrownBy(() -> WalletConfig.from(Settings.from(http("HOTLINE_WALLET_BREAKER_MIN_CALLS", "30"))))
                .hasMessageStartingWith("HOTLINE_WALLET_BREAKER_MIN_CALLS:");
    }

    @Test
    @DisplayName("a client certificate needs its key, and mutual TLS needs https")
    void tlsPairs() throws Exception {
        Path cert = Files.createTempFile("cert", ".pem");
        try {
            assertThatThrownBy(() -> WalletConfig.from(Settings.from(http("HOTLINE_WALLET_TLS_CERT", cert.toString()))))
                    .hasMessageStartingWith("HOTLINE_WALLET_TLS_KEY:");
            assertThatThrownBy(() -> WalletConfig.from(Settings.from(http(
                            "HOTLINE_WALLET_URL", "http://w.example", "HOTLINE_WALLET_TLS_TRUST", cert.toString()))))
                    .hasMessageStartingWith("HOTLINE_WALLET_URL:");
        } finally {
            Files.delete(cert);
        }
    }

    @Test
    @DisplayName("every key the wallet settings read is in the README's tables")
    void documented() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("\\| `(HOTLINE_[A-Z0-9_]+)` \\|").matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        Settings s = Settings.from(HTTP);
        WalletConfig.from(s);
        Set<String> read = new TreeSet<>(s.describe().keySet());
        read.addAll(Set.of("HOTLINE_WALLET_TLS_CERT", "HOTLINE_WALLET_TLS_KEY", "HOTLINE_WALLET_TLS_TRUST"));
        assertThat(documented).containsAll(read);
    }
}
