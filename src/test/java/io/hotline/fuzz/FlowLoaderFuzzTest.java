package io.hotline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hotline.actions.HotlineActions;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.LoadResult;
import java.util.TreeMap;

/**
 * Any bytes as flow files: the loader answers with problems or a flow set, never an exception or a hang.
 * Seeds: {@code src/test/resources/io/hotline/fuzz/FlowLoaderFuzzTestInputs/}. Normal test runs replay
 * them only; {@code JAZZER_FUZZ=1 mvn test -Dtest=FlowLoaderFuzzTest} fuzzes (see docs/fuzzing.md).
 */
class FlowLoaderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void oneFile(byte[] bytes) {
        var files = new TreeMap<String, byte[]>();
        files.put("main.yaml", bytes);
        check(new FlowLoader().load("fuzz", files, HotlineActions.CATALOG), files);
    }

    /** Several files that may refer to one another (subflows). */
    @FuzzTest(maxDuration = "2m")
    void severalFiles(FuzzedDataProvider data) {
        var files = new TreeMap<String, byte[]>();
        int n = data.consumeInt(1, 4);
        String[] names = {"main.yaml", "identify.yaml", "verify-identity.yaml", "x.yaml"};
        for (int i = 0; i < n; i++) {
            files.put(names[i], data.consumeBytes(data.remainingBytes() / (n - i)));
        }
        check(new FlowLoader().load("fuzz", files, HotlineActions.CATALOG), files);
    }

    private static void check(LoadResult r, java.util.SortedMap<String, byte[]> files) {
        assertThat(r.ok()).isEqualTo(r.flowSet().isPresent());
        if (!r.ok()) {
            assertThat(r.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.toString()).contains("fuzz/");
                assertThat(p.message()).isNotBlank();
                assertThat(p.source().line()).isNotNegative();
            });
        } else {
            // every flow of a set that loaded starts at one of its own nodes
            r.flowSet()
                    .orElseThrow()
                    .flows()
                    .values()
                    .forEach(f -> assertThat(f.nodes()).containsKey(f.start()));
        }
        // loading is deterministic: the same files give the same problems
        LoadResult again = new FlowLoader().load("fuzz", files, HotlineActions.CATALOG);
        assertThat(again.problems().stream().map(Object::toString).toList())
                .isEqualTo(r.problems().stream().map(Object::toString).toList());
    }
}
