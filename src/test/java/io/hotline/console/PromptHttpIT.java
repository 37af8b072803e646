package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.TestDatabase;
import io.hotline.prompts.PromptService;
import io.hotline.prompts.PromptsConfig;
import io.hotline.prompts.Voices;
import io.hotline.server.Hotline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Asterisk without a shared disk fetches prompts over HTTP from serve (docker/README-prompts.md). */
@DisplayName("Prompt files over HTTP for Asterisk's media cache")
class PromptHttpIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @TempDir
    static Path sounds;

    static Hotline hotline;
    static Console console;
    static final byte[] WAV = "RIFF....WAVEfmt fake prompt bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(sounds.resolve("en"));
        Files.createDirectories(sounds.resolve(".cache/en"));
        Files.write(sounds.resolve("en/main.welcome.prompt.wav"), WAV);
        Files.write(sounds.resolve(".cache/en/amount-128850.wav"), WAV);
        Files.writeString(sounds.resolve(".hotline-manifest.json"), "{}");
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        var config = PromptsConfig.defaults();
        config = new PromptsConfig(
                sounds, config.espeakCommand(), config.espeakVoiceZh(), config.espeakRate(), config.cacheMaxFiles());
        var prompts = new PromptService(config, Voices.of(Map.of()));
        console = Console.start(hotline.consoleSetup(
                        ConsoleConfig.forTests(100, Duration.ofSeconds(20)), TestUsers.create(DB.dataSource()))
                .withPrompts(prompts));
    }

    @AfterAll
    static void stop() {
        console.close();
        hotline.close();
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    @Test
    @DisplayName("a prompt file is served without signing in, as audio")
    void promptServed() throws Exception {
        var r = get("/sounds/en/main.welcome.prompt.wav");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("audio/"));
        assertThat(r.body()).isEqualTo(WAV);
    }

    @Test
    @DisplayName("rendered parts of real calls, the manifest, missing files and paths leading out are not served")
    void nothingElse() throws Exception {
        assertThat(get("/sounds/.cache/en/amount-128850.wav").statusCode()).isEqualTo(404);
        assertThat(get("/sounds/.hotline-manifest.json").statusCode()).isEqualTo(404);
        assertThat(get("/sounds/en/nope.wav").statusCode()).isEqualTo(404);
        assertThat(get("/sounds/en/%2e%2e/%2e%2e/pom.xml").statusCode()).isEqualTo(404);
    }
}
