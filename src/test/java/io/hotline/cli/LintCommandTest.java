package io.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    private static final String GOOD = """
            id: main
            languages: [en]
            start: welcome
            nodes:
              welcome:
                type: say
                prompt: { en: "Welcome." }
                next: menu
              menu:
                type: menu
                prompt: { en: "Press 1 to talk to someone." }
                options: { "1": to_agent }
                timeout: 5s
                invalid: { en: "Not an option." }
                no-input: { en: "No choice heard." }
                on-fail: bye
              to_agent:
                type: queue
                queue: general-support
                category: general
              bye:
                type: hangup
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStdout() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(original);
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("clean flows print a one-line summary and exit 0")
    void cleanFlowsExitZero() throws IOException {
        Files.writeString(dir.resolve("main.yaml"), GOOD);
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/not-a-flow.yaml"), "keys: [1]\n");

        int code = Main.run("lint", dir.toString());

        assertThat(code).isZero();
        assertThat(output()).isEqualTo("ok: 1 flow, 4 nodes" + System.lineSeparator());
    }

    @Test
    @DisplayName("every problem is printed as file:line with the directory as typed, then a count, and exit is 1")
    void problemsExitOne() throws IOException {
        Files.writeString(
                dir.resolve("main.yaml"),
                GOOD.replace("\"1\": to_agent", "\"1\": to_agnt")
                        .replace("on-fail: bye", "on-fail: bye\n    barge-in: perhaps"));
        Files.writeString(dir.resolve("other.yaml"), "id: other\nlanguages: [en]\nstart: x\nnodes: {}\n");

        int code = Main.run("lint", dir.toString());

        String d = dir.toString();
        assertThat(output().lines())
                .containsExactly(
                        d + "/main.yaml:12: node 'menu': option '1' goes to unknown node 'to_agnt'",
                        d + "/main.yaml:17: node 'menu': 'barge-in' must be true or false, got 'perhaps'",
                        d + "/main.yaml:18: node 'to_agent': unreachable: no path leads here from start node 'welcome'",
                        d + "/other.yaml:3: 'start' goes to unknown node 'x'",
                        d + "/other.yaml:4: 'nodes' is empty",
                        "5 problems in 2 files");
        assertThat(code).isEqualTo(1);
    }

    @Test
    @DisplayName("a missing flows directory is a problem, not a crash")
    void missingDirectory() {
        int code = Main.run("lint", dir.resolve("nope").toString());

        assertThat(output().lines())
                .containsExactly(dir.resolve("nope") + ": no such directory", "1 problem in 1 file");
        assertThat(code).isEqualTo(1);
    }

    @Test
    @DisplayName("a directory without flow files is a problem")
    void emptyDirectory() {
        int code = Main.run("lint", dir.toString());

        assertThat(output().lines()).containsExactly(dir + ": no flow files (*.yaml) here", "1 problem in 1 file");
        assertThat(code).isEqualTo(1);
    }
}
