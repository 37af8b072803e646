package io.hotline.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumberVaultTest {
    @TempDir
    Path dir;

    @Test
    void aSealedNumberOpensOnlyForItsPurposeAndKeyAndHoldsNoDigitsOfTheNumber() {
        NumberVault vault = NumberVault.random();
        String sealed = vault.seal("caller", "+8613800138000");

        assertThat(sealed).startsWith("v1:").doesNotContain("13800138000").doesNotContain("8000");
        assertThat(vault.open("caller", sealed)).contains("+8613800138000");
        assertThat(vault.open("callback", sealed)).isEmpty();
        assertThat(NumberVault.random().open("caller", sealed)).isEmpty();
        assertThat(vault.seal("caller", "+8613800138000")).isNotEqualTo(sealed); // fresh IV each time
        String altered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(vault.open("caller", altered)).isEmpty();
        assertThat(vault.open("caller", "not sealed")).isEmpty();
    }

    @Test
    void theEmbeddedSetUpMakesItsKeyOnceBesideTheDatabaseAndKeepsIt() throws Exception {
        Settings none = Settings.from(Map.of());
        NumberVault first = NumberVault.from(none, dir);
        String sealed = first.seal("callback", "13912345678");

        assertThat(dir.resolve(NumberVault.FILE_NAME)).exists();
        assertThat(Files.getPosixFilePermissions(dir.resolve(NumberVault.FILE_NAME))
                        .toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(NumberVault.from(none, dir).open("callback", sealed)).contains("13912345678");
    }

    @Test
    void anExternalDatabaseWithoutAKeyKeepsNoFullNumbers() {
        NumberVault vault = NumberVault.from(Settings.from(Map.of()), null);

        assertThat(vault.enabled()).isFalse();
        assertThatThrownBy(() -> vault.seal("caller", "13912345678")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyThatIsNotThirtyTwoBytesOfBase64IsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> NumberVault.from(Settings.from(Map.of("HOTLINE_NUMBER_KEY", "c2hvcnQ=")), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOTLINE_NUMBER_KEY")
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> NumberVault.from(Settings.from(Map.of("HOTLINE_NUMBER_KEY", "%%%")), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("base64");
    }
}
