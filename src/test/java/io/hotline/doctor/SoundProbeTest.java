package io.hotline.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.prompts.PromptCatalog;
import io.hotline.prompts.PromptEntry;
import io.hotline.telephony.AsteriskSounds;
import io.hotline.telephony.agi.ChannelExpressions;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The test flow's look at the sounds, as Asterisk evaluates STAT")
class SoundProbeTest {
    private static final Pattern STAT = Pattern.compile("\\$\\{STAT\\(([ed]),([^)]*)\\)}");

    /** Substitutes ${ASTDATADIR} and each ${STAT(e|d,path)} as Asterisk would for these files and directories. */
    private record Asterisk(Set<String> files, Set<String> dirs, AtomicInteger longest) implements ChannelExpressions {
        @Override
        public String evaluate(String expression) {
            longest.accumulateAndGet(expression.length(), Math::max);
            if (expression.equals("${ASTDATADIR}")) {
                return "/var/lib/asterisk";
            }
            Matcher m = STAT.matcher(expression);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                boolean there = m.group(1).equals("d") ? dirs.contains(m.group(2)) : files.contains(m.group(2));
                m.appendReplacement(out, there ? "1" : "0");
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    private static Asterisk installed(PromptCatalog catalog) {
        Set<String> files = new HashSet<>();
        for (PromptEntry e : catalog.entries()) {
            files.add("/var/lib/asterisk/sounds/hotline/" + e.lang() + "/" + e.id() + ".wav");
            files.add("/var/lib/asterisk/sounds/hotline/" + e.lang() + "/" + e.id() + ".wav16");
        }
        SoundProbe.coreSounds().forEach(s -> files.add("/var/lib/asterisk/sounds/en/" + s + ".gsm"));
        return new Asterisk(files, Set.of("/var/lib/asterisk/sounds/hotline"), new AtomicInteger());
    }

    @Test
    @DisplayName("every prompt of the shipped flows in both formats, and the core sounds: nothing missing")
    void allThere() {
        PromptCatalog catalog = AsteriskSounds.shippedCatalog();
        Asterisk asterisk = installed(catalog);
        SoundProbe.Result r = SoundProbe.run(asterisk, "hotline", catalog);
        assertThat(r.promptDir()).isEqualTo("/var/lib/asterisk/sounds/hotline");
        assertThat(r.promptDirSeen()).isTrue();
        assertThat(r.checked()).isEqualTo(2 * catalog.size());
        assertThat(r.missing()).isEmpty();
        assertThat(r.partial()).isEmpty();
        assertThat(r.coreMissing()).isEmpty();
        assertThat(asterisk.longest().get())
                .as("res_agi reads lines of up to 2 KB")
                .isLessThan(2048);
    }

    @Test
    @DisplayName("a prompt in no format is missing, one in a single format partial, an absent letter a core gap")
    void gaps() {
        PromptCatalog catalog = AsteriskSounds.shippedCatalog();
        Asterisk asterisk = installed(catalog);
        PromptEntry first = catalog.entries().iterator().next();
        String base = "/var/lib/asterisk/sounds/hotline/" + first.lang() + "/" + first.id();
        asterisk.files().remove(base + ".wav");
        asterisk.files().remove(base + ".wav16");
        PromptEntry last = catalog.entries().stream().reduce((a, b) -> b).orElseThrow();
        asterisk.files().remove("/var/lib/asterisk/sounds/hotline/" + last.lang() + "/" + last.id() + ".wav16");
        asterisk.files().remove("/var/lib/asterisk/sounds/en/letters/q.gsm");
        SoundProbe.Result r = SoundProbe.run(asterisk, "hotline", catalog);
        assertThat(r.missing()).containsExactly(first.lang() + "/" + first.id());
        assertThat(r.partial()).containsExactly(last.lang() + "/" + last.id() + ".wav16");
        assertThat(r.coreMissing()).containsExactly("en:letters/q");
    }

    @Test
    @DisplayName("an absolute prefix is looked up as it is; a directory Asterisk lacks means nothing is found")
    void absolutePrefix() {
        PromptCatalog catalog = AsteriskSounds.shippedCatalog();
        SoundProbe.Result r = SoundProbe.run(installed(catalog), "/srv/hotline-sounds", catalog);
        assertThat(r.promptDir()).isEqualTo("/srv/hotline-sounds");
        assertThat(r.promptDirSeen()).isFalse();
        assertThat(r.missing()).hasSize(catalog.size());
    }
}
