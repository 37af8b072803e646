package io.hotline.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SMS settings")
class SmsConfigTest {

    @Test
    @DisplayName("with no settings the gateway is log-only, with the documented defaults")
    void defaults() {
        SmsConfig c = SmsConfig.from(Settings.from(Map.of()));
        assertThat(c.gateway()).isEqualTo("log");
        assertThat(c.newGateway()).isInstanceOf(LogGateway.class);
        assertThat(c.callWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.submitTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.attempts()).isEqualTo(10);
        assertThat(c.lease()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("an SMPP account needs a host and a system_id; the password is masked in the effective settings")
    void smpp() {
        assertThatThrownBy(() -> SmsConfig.from(Settings.from(Map.of("HOTLINE_SMS_GATEWAY", "smpp"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_SMS_SMPP_HOST:");
        assertThatThrownBy(() -> SmsConfig.from(
                        Settings.from(Map.of("HOTLINE_SMS_GATEWAY", "smpp", "HOTLINE_SMS_SMPP_HOST", "smsc"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_SMS_SMPP_SYSTEM_ID:");
        Settings s = Settings.from(Map.of(
                "HOTLINE_SMS_GATEWAY",
                "SMPP",
                "HOTLINE_SMS_SMPP_HOST",
                "smsc",
                "HOTLINE_SMS_SMPP_SYSTEM_ID",
                "walletco",
                "HOTLINE_SMS_SMPP_PASSWORD",
                "s3cret"));
        SmsConfig c = SmsConfig.from(s);
        assertThat(c.smpp().port()).isEqualTo(2775);
        assertThat(c.smpp().toString()).doesNotContain("s3cret");
        assertThat(s.describe()).containsEntry("HOTLINE_SMS_SMPP_PASSWORD", "****");
        assertThatThrownBy(() -> SmsConfig.from(s.with(Map.of("HOTLINE_SMS_SMPP_PASSWORD", "much-too-long"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_SMS_SMPP_PASSWORD:");
    }

    @Test
    @DisplayName("bad values are refused at start, naming the key")
    void badValues() {
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("HOTLINE_SMS_GATEWAY", "carrier-pigeon"), "HOTLINE_SMS_GATEWAY:",
                Map.of("HOTLINE_SMS_GATEWAY", "http"), "HOTLINE_SMS_HTTP_URL:",
                Map.of("HOTLINE_SMS_GATEWAY", "http", "HOTLINE_SMS_HTTP_URL", "ftp://x/y"), "HOTLINE_SMS_HTTP_URL:",
                Map.of("HOTLINE_SMS_SUBMIT_TIMEOUT", "5s"), "HOTLINE_SMS_SUBMIT_TIMEOUT:",
                Map.of("HOTLINE_SMS_LEASE", "2s"), "HOTLINE_SMS_LEASE:",
                Map.of("HOTLINE_SMS_ATTEMPTS", "0"), "HOTLINE_SMS_ATTEMPTS:",
                Map.of("HOTLINE_SMS_WAIT", "soon"), "HOTLINE_SMS_WAIT:",
                Map.of("HOTLINE_SMS_POLL", "0s"), "HOTLINE_SMS_POLL:",
                Map.of("HOTLINE_SMS_RETRY_MAX", "1s"), "HOTLINE_SMS_RETRY_MAX:",
                Map.of("HOTLINE_SMS_FROM", "a sender name that is far too long"), "HOTLINE_SMS_FROM:");
        cases.forEach((env, key) -> assertThatThrownBy(() -> SmsConfig.from(Settings.from(env)))
                .as(env.toString())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key));
    }

    @Test
    @DisplayName("every key the SMS settings read is in the README's tables")
    void documented() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("\\| `(HOTLINE_[A-Z0-9_]+)` \\|").matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        Settings smpp = Settings.from(Map.of(
                "HOTLINE_SMS_GATEWAY",
                "smpp",
                "HOTLINE_SMS_SMPP_HOST",
                "smsc",
                "HOTLINE_SMS_SMPP_SYSTEM_ID",
                "walletco"));
        SmsConfig.from(smpp);
        Settings http = Settings.from(Map.of("HOTLINE_SMS_GATEWAY", "http", "HOTLINE_SMS_HTTP_URL", "https://x/send"));
        SmsConfig.from(http);
        Set<String> read = new TreeSet<>(smpp.describe().keySet());
        read.addAll(http.describe().keySet());
        read.add("HOTLINE_RESET_API_TOKEN");
        read.add("HOTLINE_SMS_HTTP_RECEIPT_TOKEN");
        assertThat(documented).containsAll(read);
    }
}
