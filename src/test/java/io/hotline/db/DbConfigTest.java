package io.hotline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Database settings")
class DbConfigTest {

    private static DbConfig config(Map<String, String> env) {
        return DbConfig.from(Settings.from(env));
    }

    @Test
    @DisplayName("with nothing set, the embedded database lives in ./data with a pool of 20 and no forced demo data")
    void defaults() {
        DbConfig c = config(Map.of());
        assertThat(c.isEmbedded()).isTrue();
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.pgDir()).isEqualTo(Path.of("./data/pg"));
        assertThat(c.poolSize()).isEqualTo(20);
        assertThat(c.demo()).isFalse();
        assertThat(c.startWait()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("an external database is read with its user, and the password never shows")
    void external() {
        Settings s = Settings.from(Map.of(
                "HOTLINE_DB_URL",
                "jdbc:postgresql://db:5432/hotline",
                "HOTLINE_DB_USER",
                "hotline",
                "HOTLINE_DB_PASSWORD",
                "s3cret-pw",
                "HOTLINE_DB_POOL_SIZE",
                "5",
                "HOTLINE_DB_DEMO",
                "yes"));
        DbConfig c = DbConfig.from(s);
        assertThat(c.isEmbedded()).isFalse();
        assertThat(c.user()).isEqualTo("hotline");
        assertThat(c.password()).isEqualTo("s3cret-pw");
        assertThat(c.poolSize()).isEqualTo(5);
        assertThat(c.demo()).isTrue();
        assertThat(c.toString()).doesNotContain("s3cret-pw");
        assertThat(s.describe().get("HOTLINE_DB_PASSWORD")).isEqualTo("****");
    }

    @Test
    @DisplayName("bad values are refused with the key named")
    void badValues(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Map<String, Map<String, String>> bad = Map.of(
                "HOTLINE_DB_URL", Map.of("HOTLINE_DB_URL", "mysql://localhost/x"),
                "HOTLINE_DB_POOL_SIZE", Map.of("HOTLINE_DB_POOL_SIZE", "0"),
                "HOTLINE_DB_DEMO", Map.of("HOTLINE_DB_DEMO", "maybe"),
                "HOTLINE_DATA_DIR", Map.of("HOTLINE_DATA_DIR", file.toString()),
                "HOTLINE_DB_START_WAIT", Map.of("HOTLINE_DB_START_WAIT", "soon"));
        bad.forEach((key, env) -> assertThatThrownBy(() -> config(env))
                .as(key)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key));
        assertThatThrownBy(() -> config(Map.of("HOTLINE_DB_POOL_SIZE", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOTLINE_DB_POOL_SIZE");
        assertThatThrownBy(() -> config(Map.of("HOTLINE_DB_URL", "jdbc:mysql://h/db?password=hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("hunter2");
    }
}
