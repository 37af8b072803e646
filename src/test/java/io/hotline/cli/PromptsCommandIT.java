package io.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotline.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hotline prompts} on a copy of the shipped flows, with the real synthesizers. */
class PromptsCommandIT {
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) prompts: (\\d+) written, (\\d+) updated, (\\d+) unchanged, (\\d+) recordings, (\\d+) orphans,"
                    + " (\\d+) pruned, (\\d+) failed in .*");
    private static final String NEWS = """
                next: extended_hours

              extended_hours:
                type: say
                prompt:
                  en: "We have extended our opening hours."
                  zh: "我们延长了服务时间。"
                next: identify
            """;

    @TempDir
    Path tmp;

    Path flows;
    Path sounds;
    String output;

    @BeforeEach
    void copyFlows() throws IOException {
        flows = tmp.resolve("flows");
        sounds = tmp.resolve("sounds");
        Files.createDirectories(flows);
        try (Stream<Path> s = Files.list(Path.of("ivr-flows"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(p, flows.resolve(p.getFileName()));
            }
        }
    }

    int prompts(String... extra) {
        StringWriter out = new StringWriter();
        List<String> args = new java.util.ArrayList<>(
                List.of("prompts", "--flows", flows.toString(), "--sounds", sounds.toString()));
        args.addAll(List.of(extra));
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute(args.toArray(String[]::new));
        output = out.toString();
        return code;
    }

    /** Counts from the summary line: prompts, written, updated, unchanged, recordings, orphans, pruned, failed. */
    long[] summary() {
        String last = output.lines().reduce((a, b) -> b).orElseThrow();
        Matcher m = SUMMARY.matcher(last);
        assertThat(m.find()).as(last).isTrue();
        long[] n = new long[8];
        for (int i = 0; i < 8; i++) {
            n[i] = Long.parseLong(m.group(i + 1));
        }
        return n;
    }

    @Test
    @DisplayName("Writes every shipped prompt once, then nothing; a new node adds its prompts, removing it reports"
            + " orphans that --prune deletes")
    void lifecycle() throws IOException {
        assertThat(prompts()).as(output).isZero();
        long[] cold = summary();
        assertThat(cold[1]).isEqualTo(cold[0]).isGreaterThan(50);
        assertThat(output)
                .contains(
                        "written   en/main.welcome.prompt.wav",
                        "written   zh/main.main_menu.prompt.wav",
                        "written   zh/hotline.jiao.wav");

        assertThat(prompts()).isZero();
        long[] again = summary();
        assertThat(again[1] + again[2]).isZero();
        assertThat(again[3]).isEqualTo(cold[0]);

        String main = Files.readString(flows.resolve("main.yaml"));
        Files.writeString(flows.resolve("main.yaml"), main.replaceFirst("    next: identify\n", NEWS));
        assertThat(prompts()).as(output).isZero();
        assertThat(summary()[1]).isEqualTo(2);
        assertThat(output)
                .contains("written   en/main.extended_hours.prompt.wav", "written   zh/main.extended_hours.prompt.wav");

        Files.writeString(flows.resolve("main.yaml"), main);
        assertThat(prompts()).isZero();
        assertThat(summary()[5]).isEqualTo(4);
        assertThat(output).contains("orphan    en/main.extended_hours.prompt.wav16");
        assertThat(sounds.resolve("zh/main.extended_hours.prompt.wav")).exists();

        assertThat(prompts("--prune")).isZero();
        assertThat(summary()[6]).isEqualTo(4);
        assertThat(sounds.resolve("zh/main.extended_hours.prompt.wav")).doesNotExist();
    }

    @Test
    @DisplayName("A recording dropped in replaces the synthetic prompt and survives regeneration")
    void recordingSurvives() throws IOException {
        assertThat(prompts()).isZero();
        Path welcome = sounds.resolve("en/main.welcome.prompt.wav");
        byte[] studio = Files.readAllBytes(sounds.resolve("en/main.agent.prompt.wav")); // any real WAV will do
        Files.write(welcome, studio);
        String main = Files.readString(flows.resolve("main.yaml"));
        Files.writeString(
                flows.resolve("main.yaml"),
                main.replace("Welcome to Wallet customer service.", "Welcome to the Wallet hotline."));

        assertThat(prompts()).isZero();

        assertThat(output).contains("recording en/main.welcome.prompt.wav");
        assertThat(Files.readAllBytes(welcome)).isEqualTo(studio);
        assertThat(sounds.resolve("en/main.welcome.prompt.wav16")).doesNotExist();
    }

    @Test
    @DisplayName("Flows with problems synthesize nothing and exit 1")
    void badFlows() throws IOException {
        Files.writeString(flows.resolve("broken.yaml"), "id: broken\nlanguages: [en]\nstart: x\nnodes: {}\n");
        assertThat(prompts()).isEqualTo(1);
        assertThat(output).contains("nothing was synthesized");
        assertThat(sounds).doesNotExist();
    }

    @Test
    @DisplayName("The shaded jar loads the FreeTTS voice and bench prompts prints the cold and re-run times")
    void benchFromShadedJar() throws Exception {
        Path jar = Path.of("target/hotline.jar");
        assumeTrue(Files.exists(jar), "target/hotline.jar is built by mvn package");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "bench",
                        "prompts",
                        "--flows",
                        flows.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out)
                .contains("bench prompts:", "en ", "zh ")
                .containsPattern("cold: +\\d+ synthesized, 0 failed")
                .containsPattern("re-run: +0 synthesized");
    }
}
