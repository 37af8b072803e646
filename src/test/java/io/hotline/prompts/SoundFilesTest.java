package io.hotline.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoundFilesTest {
    @TempDir
    Path root;

    Path sounds() throws IOException {
        Path sounds = Files.createDirectories(root.resolve("sounds"));
        Files.createDirectories(sounds.resolve("en"));
        Files.createDirectories(sounds.resolve(".cache/en"));
        Files.writeString(sounds.resolve("en/main.menu.prompt.wav"), "RIFF");
        Files.writeString(sounds.resolve(".cache/en/r-abc.wav"), "RIFF");
        Files.writeString(sounds.resolve(".hotline-manifest.json"), "{}");
        Files.writeString(root.resolve("secret.wav"), "secret");
        Files.writeString(root.resolve("passwd"), "secret");
        return sounds;
    }

    @Test
    @DisplayName("Prompt files and rendered files are served with an audio type")
    void servesAudio() throws IOException {
        Path sounds = sounds();
        assertThat(SoundFiles.resolve(sounds, "en/main.menu.prompt.wav")).hasValueSatisfying(f -> {
            assertThat(f.contentType()).isEqualTo("audio/wav");
            assertThat(f.file().getFileName().toString()).isEqualTo("main.menu.prompt.wav");
        });
        assertThat(SoundFiles.resolve(sounds, "/en/main.menu.prompt.wav")).isPresent();
        assertThat(SoundFiles.resolve(sounds, ".cache/en/r-abc.wav")).isPresent();
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(
            strings = {
                "../secret.wav",
                "en/../../secret.wav",
                "en/..%2F..%2Fsecret.wav",
                "%2e%2e/secret.wav",
                "/etc/passwd",
                "//etc/passwd.wav",
                "en\\..\\..\\secret.wav",
                ".hotline-manifest.json",
                "en/missing.wav",
                "en",
                "",
                "en/",
                ".cache",
                "./en/main.menu.prompt.wav",
                "en/.hidden.wav",
                "C:/x.wav",
                "en//main.wav",
                "en/main.menu.prompt.wav\0.txt",
                "../passwd"
            })
    @DisplayName("Anything outside the sounds directory, hidden, or not audio is refused")
    void refuses(String path) throws IOException {
        assertThat(SoundFiles.resolve(sounds(), path)).isEmpty();
    }

    @Test
    @DisplayName("A symbolic link that leads outside the sounds directory is refused")
    void symlinkOut() throws IOException {
        Path sounds = sounds();
        Files.createSymbolicLink(sounds.resolve("en/escape.wav"), root.resolve("secret.wav"));
        assertThat(SoundFiles.resolve(sounds, "en/escape.wav")).isEmpty();
    }
}
