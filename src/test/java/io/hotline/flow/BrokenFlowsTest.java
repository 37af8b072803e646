package io.hotline.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: each directory under {@code flows/broken/} is a small flow set with the exact
 * lint output expected in its {@code expected.txt}. Run with {@code -Dgolden.update=true} to
 * rewrite the expected files from the current output (then review the diff).
 */
class BrokenFlowsTest {

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(TestFlows.ROOT.resolve("broken"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @DisplayName("a broken flow set is refused with exactly the expected file:line problems")
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedProblems(String name) throws IOException {
        Path dir = TestFlows.ROOT.resolve("broken").resolve(name);
        LoadResult result = TestFlows.load(dir);
        List<String> actual = result.problems().stream().map(Problem::toString).toList();
        Path expectedFile = dir.resolve("expected.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.write(expectedFile, actual, StandardCharsets.UTF_8);
        }
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(result.flowSet()).isEmpty();
    }
}
