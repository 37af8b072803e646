package io.hotline.prompts;

import io.hotline.flow.Flow;
import io.hotline.flow.FlowSet;
import io.hotline.flow.Node;
import io.hotline.flow.Prompt;
import io.hotline.flow.Segment;
import io.hotline.flow.Source;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every prompt the callers can hear: each {@link Segment.Literal} of each prompt of each
 * node of each flow, in each language the prompt has, plus the built-in prompts of
 * {@link PhoneSpeech#builtInPrompts} (amount words; Mandarin numbers, dates and letters) for
 * each language the flows use. Built from a {@link FlowSet}; immutable.
 *
 * <p>Punctuation between or after slots is a {@link Segment.Punctuation}, which is never
 * played and has no entry: the flow model decides once what is audible, for the engine and
 * for this catalog alike. Two segments with the same id and language but different words
 * keep the first and report the clash in {@link #problems()}.
 */
public final class PromptCatalog {
    /** Changes when the output processing changes (rates, trimming, level): regenerates everything. */
    static final String OUTPUT_VERSION = "out1:wav8000+wav16_16000:trim80ms:peak0.7";

    private static final Source BUILT_IN = new Source("(built in)", 0);

    private final Map<Key, PromptEntry> entries;
    private final List<String> problems;

    private record Key(String lang, String id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = lang.compareTo(o.lang);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private PromptCatalog(Map<Key, PromptEntry> entries, List<String> problems) {
        this.entries = java.util.Collections.unmodifiableMap(entries);
        this.problems = List.copyOf(problems);
    }

    /** The catalog with the standard voices' settings in the hashes. */
    public static PromptCatalog from(FlowSet flows) {
        return from(flows, Voices.standard(PromptsConfig.defaults()));
    }

    /** The catalog, hashing each prompt with the settings of the synthesizer of its language. */
    public static PromptCatalog from(FlowSet flows, Voices voices) {
        Map<Key, PromptEntry> out = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> languages = new TreeSet<>();
        List<Flow> sorted = flows.flows().values().stream()
                .sorted(Comparator.comparing(Flow::id))
                .toList();
        for (Flow flow : sorted) {
            languages.addAll(flow.languages());
            for (Node node : flow.nodes().values()) {
                for (Prompt prompt : prompts(node)) {
                    for (var bySegments : new TreeMap<>(prompt.segments()).entrySet()) {
                        String lang = bySegments.getKey();
                        languages.add(lang);
                        for (Segment s : bySegments.getValue()) {
                            if (s instanceof Segment.Literal lit) {
                                add(
                                        out,
                                        problems,
                                        voices,
                                        lit.id(),
                                        lang,
                                        lit.text().strip(),
                                        prompt.source());
                            }
                        }
                    }
                }
            }
        }
        for (String lang : languages) {
            new TreeMap<>(PhoneSpeech.builtInPrompts(lang))
                    .forEach((id, text) -> add(out, problems, voices, id, lang, text, BUILT_IN));
        }
        return new PromptCatalog(out, problems);
    }

    private static void add(
            Map<Key, PromptEntry> out,
            List<String> problems,
            Voices voices,
            String id,
            String lang,
            String text,
            Source source) {
        Key key = new Key(lang, id);
        PromptEntry had = out.get(key);
        if (had != null) {
            if (!had.text().equals(text)) {
                problems.add(source + ": prompt '" + id + "' (" + lang + ") is also written at " + had.source()
                        + " with other words; the first is used");
            }
            return;
        }
        try {
            out.put(key, new PromptEntry(id, lang, text, hash(lang, text, voices.settingsFor(lang)), source));
        } catch (IllegalArgumentException e) {
            problems.add(source + ": " + e.getMessage());
        }
    }

    /** The prompts a node can say, in a fixed order. */
    static List<Prompt> prompts(Node node) {
        Stream<Prompt> s = switch (node) {
            case Node.Menu m -> Stream.of(m.prompt(), m.invalid(), m.noInput());
            case Node.Input i -> Stream.of(i.prompt(), i.invalid(), i.noInput());
            case Node.Say say -> Stream.of(say.prompt());
            case Node.RecordMessage rec -> Stream.of(rec.prompt());
            case Node.Queue q ->
                q.callback() == null
                        ? Stream.of(q.prompt(), q.closed())
                        : Stream.concat(Stream.of(q.prompt(), q.closed()), q.callback().prompts().stream());
            case Node.Hangup h -> Stream.of(h.prompt());
            case Node.Action a -> Stream.empty();
            case Node.Branch b -> Stream.empty();
            case Node.Subflow sub -> Stream.empty();
            case Node.Return r -> Stream.empty();
            case Node.Hours h -> Stream.empty();
            case Node.Announce a -> Stream.empty();
        };
        return s.filter(java.util.Objects::nonNull).toList();
    }

    static String hash(String lang, String text, String voiceSettings) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((OUTPUT_VERSION + "\n" + voiceSettings + "\n" + lang + "\n" + text)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** All entries, sorted by language, then id. */
    public Collection<PromptEntry> entries() {
        return entries.values();
    }

    public Optional<PromptEntry> entry(String id, String lang) {
        return Optional.ofNullable(entries.get(new Key(lang, id)));
    }

    /** Whether the catalog has this prompt in this language. */
    public boolean contains(String id, String lang) {
        return entries.containsKey(new Key(lang, id));
    }

    /** The languages that have prompts, sorted. */
    public Set<String> languages() {
        Set<String> out = new TreeSet<>();
        entries.keySet().forEach(k -> out.add(k.lang()));
        return out;
    }

    /** Entries grouped by language, each sorted by id. */
    public Map<String, List<PromptEntry>> byLanguage() {
        Map<String, List<PromptEntry>> out = new LinkedHashMap<>();
        entries.values()
                .forEach(e ->
                        out.computeIfAbsent(e.lang(), l -> new ArrayList<>()).add(e));
        return out;
    }

    public int size() {
        return entries.size();
    }

    /** Segments that could not be catalogued (unsafe ids, clashing texts), as {@code file:line: message}. */
    public List<String> problems() {
        return problems;
    }
}
