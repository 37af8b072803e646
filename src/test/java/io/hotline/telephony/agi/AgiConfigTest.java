package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FastAGI settings")
class AgiConfigTest {

    @Test
    @DisplayName("defaults: port 4573 on 127.0.0.1, anyone allowed, prompts under hotline/")
    void defaults() throws Exception {
        AgiConfig c = AgiConfig.from(Settings.from(Map.of()));
        assertThat(c.port()).isEqualTo(4573);
        assertThat(c.bind()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(c.allow()).isEmpty();
        assertThat(c.allows(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(c.soundsPrefix()).isEqualTo("hotline");
        assertThat(c.hangupGrace()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    @DisplayName("the allow-list admits exactly the listed addresses")
    void allowList() throws Exception {
        AgiConfig c = AgiConfig.from(Settings.from(Map.of(
                "HOTLINE_AGI_ALLOW",
                "10.0.0.5, 127.0.0.1",
                "HOTLINE_AGI_BIND",
                "0.0.0.0",
                "HOTLINE_AGI_PORT",
                "14573",
                "HOTLINE_SOUNDS_PREFIX",
                "/srv/sounds/")));
        assertThat(c.allows(InetAddress.getByName("10.0.0.5"))).isTrue();
        assertThat(c.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(c.allows(InetAddress.getByName("10.0.0.6"))).isFalse();
        assertThat(c.port()).isEqualTo(14573);
        assertThat(c.soundsPrefix()).isEqualTo("/srv/sounds");
    }

    @Test
    @DisplayName("bad values are refused with the key's name")
    void badValues() {
        assertThatThrownBy(() -> AgiConfig.from(Settings.from(Map.of("HOTLINE_AGI_PORT", "70000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_AGI_PORT");
        assertThatThrownBy(() -> AgiConfig.from(Settings.from(Map.of("HOTLINE_AGI_ALLOW", "asterisk.example"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_AGI_ALLOW");
        assertThatThrownBy(() -> AgiConfig.from(Settings.from(Map.of("HOTLINE_AGI_BIND", "localhost"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_AGI_BIND");
        assertThatThrownBy(() -> AgiConfig.from(Settings.from(Map.of("HOTLINE_SOUNDS_PREFIX", "my sounds"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_SOUNDS_PREFIX");
        assertThatThrownBy(() -> AgiConfig.from(Settings.from(Map.of("HOTLINE_AGI_HANGUP_GRACE", "0ms"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_AGI_HANGUP_GRACE");
    }
}
