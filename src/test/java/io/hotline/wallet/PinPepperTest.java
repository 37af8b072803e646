package io.hotline.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import io.hotline.db.DbConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Where the PIN pepper comes from")
class PinPepperTest {
    @TempDir
    Path dir;

    private static final String PEPPER = "0123456789abcdef0123456789abcdef";

    private static DbConfig external(Path dataDir) {
        return DbConfig.from(Settings.from(
                Map.of("HOTLINE_DB_URL", "jdbc:postgresql://db:5432/hotline", "HOTLINE_DATA_DIR", dataDir.toString())));
    }

    @Test
    @DisplayName("the embedded set-up makes a private pepper file in the data directory once and keeps using it")
    void embeddedMakesOne() throws Exception {
        DbConfig db = DbConfig.embedded(dir);
        PinHasher first = PinPepper.hasher(Settings.from(Map.of()), db);
        Path file = dir.resolve(PinPepper.FILE_NAME);
        assertThat(first.peppered()).isTrue();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String stored = first.hash("2468");
        PinHasher again = PinPepper.hasher(Settings.from(Map.of()), db);
        assertThat(again.check("2468", stored).matches())
                .as("a restart checks the PINs stored before")
                .isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary files left").containsExactly(file);
        }
    }

    @Test
    @DisplayName("HOTLINE_PIN_PEPPER or a pepper file serves every node alike; a short one stops the start")
    void configured() throws Exception {
        PinHasher a = PinPepper.hasher(Settings.from(Map.of("HOTLINE_PIN_PEPPER", PEPPER)), external(dir));
        Path file = dir.resolve("secret");
        Files.writeString(file, PEPPER + "\n");
        PinHasher b = PinPepper.hasher(
                Settings.from(Map.of("HOTLINE_PIN_PEPPER_FILE", file.toString())), DbConfig.embedded(dir));
        assertThat(b.check("2468", a.hash("2468")).matches()).isTrue();
        assertThat(dir.resolve(PinPepper.FILE_NAME))
                .as("a configured pepper is not written anywhere")
                .doesNotExist();
        assertThatThrownBy(() -> PinPepper.hasher(Settings.from(Map.of("HOTLINE_PIN_PEPPER", "short")), external(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOTLINE_PIN_PEPPER")
                .hasMessageContaining("32");
        assertThatThrownBy(() -> PinPepper.hasher(
                        Settings.from(Map.of(
                                "HOTLINE_PIN_PEPPER_FILE",
                                dir.resolve("missing").toString())),
                        external(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOTLINE_PIN_PEPPER_FILE");
        assertThatThrownBy(() -> PinPepper.hasher(
                        Settings.from(Map.of("HOTLINE_PIN_PEPPER", PEPPER, "HOTLINE_PIN_PEPPER_FILE", file.toString())),
                        external(dir)))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    @DisplayName("an external database without a configured pepper keeps PBKDF2 rather than inventing one per node")
    void externalWithoutPepper() {
        PinHasher h = PinPepper.hasher(Settings.from(Map.of()), external(dir));
        assertThat(h.peppered()).isFalse();
        assertThat(dir.resolve(PinPepper.FILE_NAME)).doesNotExist();
    }
}
