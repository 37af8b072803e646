package io.hotline.telephony.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ARI configuration")
class AriConfigTest {

    @Test
    @DisplayName("defaults point at a local Asterisk and the hotline application")
    void defaults() {
        AriConfig c = AriConfig.from(Settings.from(Map.of()));
        assertThat(c.baseUrl().toString()).isEqualTo("http://127.0.0.1:8088");
        assertThat(c.app()).isEqualTo("hotline");
        assertThat(c.user()).isEqualTo("hotline");
        assertThat(c.soundsPrefix()).isEqualTo("hotline");
        assertThat(c.port()).isEqualTo(8088);
        assertThat(c.pathPrefix()).isEmpty();
        assertThat(c.reconnectMin()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    @DisplayName("an absolute sounds prefix keeps its leading slash, as over AGI; trailing slashes go")
    void absoluteSoundsPrefix() {
        Map<String, String> env = Map.of("HOTLINE_SOUNDS_PREFIX", "/var/lib/hotline/sounds/");
        assertThat(AriConfig.from(Settings.from(env)).soundsPrefix())
                .isEqualTo("/var/lib/hotline/sounds")
                .isEqualTo(io.hotline.telephony.agi.AgiConfig.from(Settings.from(env))
                        .soundsPrefix());
        assertThat(AriConfig.from(Settings.from(Map.of("HOTLINE_SOUNDS_PREFIX", "hotline/")))
                        .soundsPrefix())
                .isEqualTo("hotline");
        assertThatThrownBy(() -> AriConfig.from(Settings.from(Map.of("HOTLINE_SOUNDS_PREFIX", "a,b"))))
                .hasMessageStartingWith("HOTLINE_SOUNDS_PREFIX");
    }

    @Test
    @DisplayName("the password never shows, neither in the config nor in the effective settings")
    void passwordMasked() {
        Settings s = Settings.from(
                Map.of("HOTLINE_ARI_PASSWORD", "s3cret-value", "HOTLINE_ARI_URL", "https://pbx:8089/asterisk/"));
        AriConfig c = AriConfig.from(s);
        assertThat(c.password()).isEqualTo("s3cret-value");
        assertThat(c.toString()).doesNotContain("s3cret-value");
        assertThat(s.describe().toString()).doesNotContain("s3cret-value");
        assertThat(c.ssl()).isTrue();
        assertThat(c.port()).isEqualTo(8089);
        assertThat(c.pathPrefix()).isEqualTo("/asterisk");
    }

    @Test
    @DisplayName("bad values are refused with the key's name")
    void validation() {
        assertThatThrownBy(() -> AriConfig.from(Settings.from(Map.of("HOTLINE_ARI_URL", "ftp://x"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_ARI_URL");
        assertThatThrownBy(() -> AriConfig.from(Settings.from(Map.of("HOTLINE_ARI_APP", "hot line"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_ARI_APP");
        assertThatThrownBy(() -> AriConfig.from(
                        Settings.from(Map.of("HOTLINE_ARI_RECONNECT_MIN", "5s", "HOTLINE_ARI_RECONNECT_MAX", "1s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_ARI_RECONNECT_MAX");
    }
}
