package io.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintPromptsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("lint reports prompts in a language nobody can synthesize and that have no recording")
    void unvoicedLanguage() throws IOException {
        Files.writeString(dir.resolve("main.yaml"), """
                id: main
                languages: [fr]
                start: welcome
                nodes:
                  welcome:
                    type: say
                    prompt: { fr: "Bienvenue." }
                    next: bye
                  bye:
                    type: hangup
                """);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("lint", dir.toString());
        } finally {
            System.setOut(original);
        }

        assertThat(code).isEqualTo(1);
        assertThat(captured.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        dir
                                + "/main.yaml:7: prompt 'main.welcome.prompt' (fr): no recording in sounds/fr and no synthesizer"
                                + " for language 'fr'",
                        "1 prompt problem");
    }
}
