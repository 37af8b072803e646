package io.hotline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every setting the server reads is in README.md: an operator looks there first. A key counts as read when
 * the main code asks {@code Settings} for it ({@code string}, {@code secret}, {@code integer}, {@code bool},
 * {@code duration}, {@code path}), reads it from the environment ({@code getenv}, {@code env.get}) or the
 * logging configuration substitutes it ({@code ${HOTLINE_...}}). The README names a key as {@code `KEY`},
 * or as a sibling in the short form {@code `HOTLINE_X_MIN` / `_MAX`}.
 */
@DisplayName("README's settings")
class ReadmeSettingsTest {
    private static final Pattern READ = Pattern.compile(
            "(?:\\.(?:string|secret|integer|bool|duration|path)\\(|getenv\\(|env\\.get\\()\\s*\"(HOTLINE_[A-Z0-9_]+)\"");
    private static final Pattern SUBSTITUTED = Pattern.compile("\\$\\{(HOTLINE_[A-Z0-9_]+)");
    private static final Pattern DOCUMENTED = Pattern.compile("`(HOTLINE_[A-Z0-9_]+)`((?:\\s*/\\s*`_[A-Z0-9_]+`)*)");
    private static final Pattern SIBLING = Pattern.compile("`(_[A-Z0-9_]+)`");

    @Test
    @DisplayName("name every HOTLINE_ key the main code reads")
    void everyKeyReadIsDocumented() throws IOException {
        Set<String> read = keysRead(Path.of("src/main"));
        assertThat(read)
                .as("keys found in the main code")
                .hasSizeGreaterThan(50)
                .contains("HOTLINE_DB_URL", "HOTLINE_LOG_LEVEL");
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(documented(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8)));
        assertThat(missing)
                .as("keys read in src/main but missing from README.md")
                .isEmpty();
    }

    @Test
    @DisplayName("count a key as documented in full or as a sibling such as `HOTLINE_X_MIN` / `_MAX`")
    void shortFormCounts() {
        assertThat(documented("| `HOTLINE_ARI_RECONNECT_MIN` / `_MAX` | `250ms` / `10s` | back-off |"))
                .containsExactlyInAnyOrder("HOTLINE_ARI_RECONNECT_MIN", "HOTLINE_ARI_RECONNECT_MAX");
        assertThat(keysReadIn("s.duration(\"HOTLINE_A\", x); System.getenv(\"HOTLINE_B\"); \"HOTLINE_QUEUE\""))
                .containsExactlyInAnyOrder("HOTLINE_A", "HOTLINE_B");
    }

    static Set<String> keysRead(Path main) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.toString();
                if (name.endsWith(".java") || name.endsWith(".xml")) {
                    out.addAll(keysReadIn(Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    static Set<String> keysReadIn(String text) {
        Set<String> out = new TreeSet<>();
        for (Pattern p : new Pattern[] {READ, SUBSTITUTED}) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    static Set<String> documented(String readme) {
        Set<String> out = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(readme);
        while (m.find()) {
            String key = m.group(1);
            out.add(key);
            Matcher s = SIBLING.matcher(m.group(2));
            while (s.find()) {
                out.add(key.substring(0, key.lastIndexOf('_')) + s.group(1));
            }
        }
        return out;
    }
}
