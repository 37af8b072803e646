package io.hotline.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.actions.ActionNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("hotline test-flows")
class TestFlowsCommandIT {
    @TempDir
    Path dir;

    @Test
    @DisplayName("prints PASS and FAIL per case with expected against actual and the transcript, and exits 1")
    void reportsFailuresReadably() throws IOException {
        copyFlows(dir);
        Files.writeString(dir.resolve("tests/extra.yaml"), """
                cases:
                  - name: agent right
                    caller: "13800138000"
                    keys: "0"
                    expect: { queue: general-support, ticket: general }
                  - name: agent wrong
                    caller: "13800138000"
                    keys: "0"
                    expect:
                      prompts: ["Welcome", "Please hold, a fraud specialist"]
                      actions: [freeze_account: frozen]
                      end: hangup
                      queue: fraud
                """);
        var out = new ByteArrayOutputStream();
        int exit = FlowTestSuite.load(dir, ActionNames.catalog())
                .run(name -> name.startsWith("agent "), new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).isEqualTo(1);
        assertThat(printed)
                .contains("PASS agent right")
                .contains("FAIL agent wrong  (" + dir.resolve("tests/extra.yaml") + ":6)")
                .contains("expected to hear (prompt text 2 of 2): \"Please hold, a fraud specialist\"")
                .contains("expected action: freeze_account -> frozen\n"
                        + "    but the actions done were: identify_caller -> ok")
                .contains("expected the call to end: hangup\n    but it ended:             queued")
                .contains("expected queue: fraud\n    but got queue:  general-support")
                .contains("hotline: Please hold, an agent will be with you shortly.")
                .endsWith("1 passed, 1 failed\n");
    }

    @Test
    @DisplayName("a case naming an action or outcome that does not exist is a problem and nothing runs")
    void unknownNamesAreProblems() throws IOException {
        copyFlows(dir);
        Files.writeString(dir.resolve("tests/extra.yaml"), """
                cases:
                  - name: typo
                    caller: "13800138000"
                    flow: mian
                    stub: { freeze_acount: error }
                    expect:
                      actions: [freeze_account: melted]
                """);
        var out = new ByteArrayOutputStream();
        int exit = FlowTestSuite.load(dir, ActionNames.catalog())
                .run(name -> true, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("extra.yaml:2: case 'typo': no flow 'mian'")
                .contains("case 'typo': stub names no action: 'freeze_acount'")
                .contains("case 'typo': expected action 'freeze_account' has no outcome 'melted'")
                .contains("no case was run");
    }

    static void copyFlows(Path to) throws IOException {
        Path from = Path.of("ivr-flows");
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
