package io.hotline.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test flows under src/test/resources/flows and a fixed action catalog, independent of the real actions. */
final class TestFlows {
    static final Path ROOT = Path.of("src/test/resources/flows");

    static final ActionCatalog CATALOG = ActionCatalog.of(Map.of(
            "verify_pin", Set.of("ok", "wrong", "locked", "no_account"),
            "lookup_account", Set.of("ok", "not_found", "frozen"),
            "failed_recharges", Set.of("found", "none"),
            "freeze_account", Set.of("frozen", "already_frozen", "no_account"),
            "open_ticket", Set.of("ok")));

    private TestFlows() {}

    /** The *.yaml files directly in {@code dir}, by name. */
    static SortedMap<String, byte[]> files(Path dir) {
        SortedMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Loads a test set as if the admin had typed {@code ivr-flows}. */
    static LoadResult load(Path dir) {
        return new FlowLoader().load("ivr-flows", files(dir), CATALOG);
    }
}
