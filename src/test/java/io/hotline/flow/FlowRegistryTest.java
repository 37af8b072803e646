package io.hotline.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FlowRegistryTest {
    private final FlowRegistry registry = new FlowRegistry();
    private final SortedMap<String, byte[]> files = TestFlows.files(TestFlows.ROOT.resolve("sample"));

    private LoadResult load(SortedMap<String, byte[]> f) {
        return new FlowLoader().load("ivr-flows", f, TestFlows.CATALOG);
    }

    private SortedMap<String, byte[]> edited(String from, String to) {
        SortedMap<String, byte[]> out = new TreeMap<>(files);
        out.put(
                "main.yaml",
                new String(files.get("main.yaml"), StandardCharsets.UTF_8)
                        .replace(from, to)
                        .getBytes(StandardCharsets.UTF_8));
        return out;
    }

    @Test
    @DisplayName("before anything is published the registry serves version 0 with no flows")
    void startsEmpty() {
        assertThat(registry.current().version()).isZero();
        assertThat(registry.current().flows()).isEmpty();
    }

    @Test
    @DisplayName("each clean publish becomes the next version and listeners hear of it")
    void publishesVersions() {
        List<Long> heard = new ArrayList<>();
        registry.onPublish(set -> heard.add(set.version()));

        assertThat(registry.publish(load(files))).isEmpty();
        assertThat(registry.current().version()).isEqualTo(1);
        assertThat(registry.current().flow("main")).isPresent();

        assertThat(registry.publish(load(edited("Welcome to Wallet", "Welcome to the Wallet"))))
                .isEmpty();
        assertThat(registry.current().version()).isEqualTo(2);
        assertThat(heard).containsExactly(1L, 2L);
    }

    @Test
    @DisplayName("a set with problems is refused and the published version stays")
    void refusesProblems() {
        registry.publish(load(files));
        FlowSet before = registry.current();

        List<Problem> problems = registry.publish(load(edited("next: main_menu", "next: main_menew")));

        assertThat(problems)
                .extracting(Problem::toString)
                .containsExactly(
                        "ivr-flows/main.yaml:10: node 'welcome': 'next' goes to unknown node 'main_menew'",
                        "ivr-flows/main.yaml:12: node 'main_menu': unreachable: no path leads here from start node"
                                + " 'welcome' (nor to verify, recharges, by_reason, explain_funds, no_recharge and 3 more,"
                                + " reached only through it)");
        assertThat(registry.current()).isSameAs(before);
    }

    @Test
    @DisplayName("publishing the same files again keeps the current version")
    void unchangedFilesKeepTheVersion() {
        registry.publish(load(files));
        FlowSet before = registry.current();

        assertThat(registry.publish(load(files))).isEmpty();

        assertThat(registry.current()).isSameAs(before);
    }
}
