package io.hotline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("serve's choice of telephony adapters")
class ServeTelephonyTest {

    @Test
    @DisplayName("FastAGI by default; ARI or both on request; anything else is refused naming the key")
    void choice() {
        assertThat(Server.Telephony.from(Settings.from(Map.of()))).isEqualTo(Server.Telephony.AGI);
        assertThat(Server.Telephony.from(Settings.from(Map.of("HOTLINE_TELEPHONY", "ARI"))))
                .isEqualTo(Server.Telephony.ARI);
        assertThat(Server.Telephony.from(Settings.from(Map.of("HOTLINE_TELEPHONY", "both"))))
                .isEqualTo(Server.Telephony.BOTH);
        assertThatThrownBy(() -> Server.Telephony.from(Settings.from(Map.of("HOTLINE_TELEPHONY", "sip"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_TELEPHONY");
    }
}
