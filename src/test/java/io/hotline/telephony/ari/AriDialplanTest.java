package io.hotline.telephony.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shipped Asterisk configuration matches what the ARI adapter expects")
class AriDialplanTest {
    private static final Path DIR = Path.of("docker/asterisk");

    @Test
    @DisplayName(
            "the dialplan enters the default Stasis application and falls back to the general queue when Stasis fails")
    void stasisEntryWithFallback() throws Exception {
        String dialplan = Files.readString(DIR.resolve("extensions.conf"));
        AriConfig defaults = AriConfig.from(Settings.from(Map.of()));
        assertThat(dialplan)
                .contains("HOTLINE_ARI_APP = " + defaults.app())
                .contains("Stasis(${HOTLINE_ARI_APP},main)")
                .contains("[" + ChannelSession.QUEUE_CONTEXT + "]");
        // run, not read: where the shipped dialplan sends a caller when Stasis fails
        assertThat(io.hotline.telephony.Dialplan.shipped()
                        .queueAfter("hotline", "200", Map.of("STASISSTATUS", "FAILED")))
                .contains("general-support");
    }

    @Test
    @DisplayName(
            "ari.conf has the adapter's default user, and http.conf listens where HOTLINE_ARI_URL points by default")
    void ariUserAndHttp() throws Exception {
        AriConfig defaults = AriConfig.from(Settings.from(Map.of()));
        assertThat(Files.readString(DIR.resolve("ari.conf")))
                .contains("[" + defaults.user() + "]")
                .contains("type = user")
                .contains("read_only = no");
        assertThat(Files.readString(DIR.resolve("http.conf")))
                .contains("enabled = yes")
                .contains("bindport = " + defaults.port());
    }
}
