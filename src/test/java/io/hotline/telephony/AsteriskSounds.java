package io.hotline.telephony;

import io.hotline.actions.ActionNames;
import io.hotline.emulator.asterisk.CoreSounds;
import io.hotline.emulator.asterisk.Sounds;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.prompts.PromptCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sound files an Asterisk next to Hotline has, for the emulators and the tests that check what Hotline makes
 * Asterisk play.
 *
 * <ul>
 *   <li>{@link #core()}: Asterisk's core English sounds ({@link CoreSounds#names()}, as Debian's
 *       {@code asterisk-core-sounds-en-gsm} ships them). What Asterisk's own saying plays from them is
 *       {@link CoreSounds#sayNumber} and its siblings.</li>
 *   <li>{@link #installed}: those plus the prompts Hotline generates from the shipped flows
 *       ({@code <prefix>/<lang>/<id>} for every catalog entry).</li>
 * </ul>
 */
public final class AsteriskSounds {
    private static volatile PromptCatalog shipped;

    private AsteriskSounds() {}

    /** Core English sound names as Asterisk plays them ({@code digits/h-8}). */
    public static Set<String> core() {
        return CoreSounds.names();
    }

    /** The prompt catalog of the shipped flows in {@code ivr-flows/}: what {@code hotline prompts} generates. */
    public static PromptCatalog shippedCatalog() {
        PromptCatalog c = shipped;
        if (c == null) {
            FlowSet set = new FlowLoader()
                    .load(Path.of("ivr-flows"), ActionNames.catalog())
                    .flowSet()
                    .orElseThrow();
            c = PromptCatalog.from(set);
            shipped = c;
        }
        return c;
    }

    /**
     * What the fakes have by default: {@link #installed installed("hotline")} plus the prompts
     * the adapter tests play without a flow ({@code hotline/en/welcome}, {@code main-menu}, ...),
     * as if an admin had recorded them. Anything else is missing.
     */
    public static Installed forFakes() {
        return installed("hotline")
                .with(java.util.stream.Stream.of(
                                "welcome",
                                "main-menu",
                                "transfer",
                                "balance",
                                "enter-account",
                                "goodbye",
                                "notice",
                                "menu",
                                "bye")
                        .map(id -> "hotline/en/" + id)
                        .toArray(String[]::new))
                .with("hotline/zh/welcome");
    }

    /** An Asterisk with its core sounds and Hotline's generated prompts under {@code prefix}. */
    public static Installed installed(String prefix) {
        return new Installed(prefix.endsWith("/") ? prefix : prefix + "/", shippedCatalog(), Set.of());
    }

    /** Which files exist, as {@code ast_fileexists} finds them; {@code extra} are more files, by name as played. */
    public record Installed(String prefix, PromptCatalog catalog, Set<String> extra) implements Sounds {
        /** These too (e.g. a test's own prompts, {@code hotline/en/welcome}). */
        public Installed with(String... files) {
            Set<String> more = new TreeSet<>(extra);
            more.addAll(List.of(files));
            return new Installed(prefix, catalog, Set.copyOf(more));
        }

        /**
         * Whether {@code file} (as given to STREAM FILE or {@code sound:}) exists for a channel
         * in {@code lang}: one of Hotline's prompts in exactly that language, or a core sound
         * (English, found for any language through the fallback).
         */
        @Override
        public boolean exists(String file, String lang) {
            if (extra.contains(file)) {
                return true;
            }
            if (file.startsWith(prefix)) {
                String rest = file.substring(prefix.length());
                int slash = rest.indexOf('/');
                return slash > 0 && catalog.contains(rest.substring(slash + 1), rest.substring(0, slash));
            }
            return CoreSounds.names().contains(file);
        }

        /** Whether a channel in {@code lang} hears {@code file} in its own language. */
        @Override
        public boolean inLanguage(String file, String lang) {
            if (extra.contains(file)) {
                return true;
            }
            if (file.startsWith(prefix)) {
                return exists(file, lang) && file.startsWith(prefix + lang + "/");
            }
            return CoreSounds.names().contains(file)
                    && (lang.equals("en") || lang.startsWith("en_") || lang.startsWith("en-"));
        }
    }
}
