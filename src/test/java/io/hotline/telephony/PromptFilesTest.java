package io.hotline.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.actions.ActionNames;
import io.hotline.call.PromptPart;
import io.hotline.emulator.asterisk.CoreSounds;
import io.hotline.engine.Rendering;
import io.hotline.flow.Flow;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.flow.Node;
import io.hotline.flow.Prompt;
import io.hotline.flow.Segment;
import io.hotline.prompts.PhoneSpeech;
import io.hotline.prompts.PromptCatalog;
import io.hotline.prompts.PromptEntry;
import io.hotline.telephony.ari.AriMedia;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every sound file Asterisk can be asked for exists: for every prompt of every node of every
 * shipped flow, in every language the flow declares, with sample values of every dynamic part
 * kind, what the engine plays is turned into the files the telephony side asks for (ARI
 * through the adapter's own media URIs, AGI through the reading its commands are made from)
 * and each file must be one the prompt generator writes (the catalog) or one of Asterisk's
 * core sounds as Debian ships them, in the caller's language.
 */
@DisplayName("Every sound file the telephony side can ask for exists")
class PromptFilesTest {
    private static final String PREFIX = "hotline";
    /** Sample values per slot kind: 0, small, teens, 21..31, 10,000 and more, negative. */
    private static final Map<Segment.SlotKind, List<String>> SAMPLES = samples();

    private static FlowSet flows;
    private static PromptCatalog catalog;
    private static AsteriskSounds.Installed installed;

    /** One prompt of one node, rendered in one language with one set of values. */
    record Played(String where, String lang, List<PromptPart> parts) {}

    @BeforeAll
    static void load() {
        flows = new FlowLoader()
                .load(Path.of("ivr-flows"), ActionNames.catalog())
                .flowSet()
                .orElseThrow();
        catalog = PromptCatalog.from(flows);
        installed = new AsteriskSounds.Installed(PREFIX + "/", catalog, Set.of());
    }

    @Test
    @DisplayName(
            "over ARI, every sound: and every file of number:, digits: and characters: exists in the caller's language")
    void ari() {
        List<String> missing = new ArrayList<>();
        for (Played p : everything()) {
            for (String uri : AriMedia.uris(p.parts(), p.lang(), PREFIX)) {
                for (String file : ariFiles(uri, p.lang())) {
                    if (!installed.inLanguage(file, p.lang())) {
                        missing.add(p.where() + " [" + p.lang() + "] " + uri + " -> " + file);
                    }
                }
            }
        }
        assertThat(missing)
                .as("files Asterisk would not find (or find only in English)")
                .isEmpty();
    }

    @Test
    @DisplayName(
            "over FastAGI, every STREAM FILE and every file of SAY NUMBER, DIGITS, ALPHA and DATE exists in the caller's language")
    void agi() {
        List<String> missing = new ArrayList<>();
        for (Played p : everything()) {
            for (PhoneSpeech.Sound sound : PhoneSpeech.of(p.parts(), p.lang())) {
                for (String file : agiFiles(sound, p.lang())) {
                    if (!installed.inLanguage(file, p.lang())) {
                        missing.add(p.where() + " [" + p.lang() + "] " + sound + " -> " + file);
                    }
                }
            }
        }
        assertThat(missing)
                .as("files Asterisk would not find (or find only in English)")
                .isEmpty();
    }

    @Test
    @DisplayName("the generator writes every flow prompt the engine plays and none it never plays")
    void catalogIsWhatTheEnginePlays() {
        Set<String> played = new TreeSet<>();
        for (Played p : everything()) {
            p.parts().stream()
                    .filter(PromptPart.Recorded.class::isInstance)
                    .forEach(r -> played.add(p.lang() + ":" + ((PromptPart.Recorded) r).id()));
        }
        Set<String> generated = new TreeSet<>();
        for (PromptEntry e : catalog.entries()) {
            if (!e.source().file().equals("(built in)")) {
                generated.add(e.lang() + ":" + e.id());
            }
        }
        assertThat(played).isEqualTo(generated);
    }

    @Test
    @DisplayName("punctuation after a slot is still in what the caller's transcript says")
    void punctuationIsWrittenNotPlayed() {
        Prompt frozen = ((Node.Say) flows.flows().get("stolen").nodes().get("frozen")).prompt();
        List<PromptPart> parts = Rendering.render(frozen, "en", Map.of("freeze.ref", "F-4821"));
        assertThat(io.hotline.telephony.sim.Transcript.text(parts)).endsWith("Your reference is F-4821.");
        assertThat(AriMedia.uris(parts, "en", PREFIX)).last().isEqualTo("characters:f4821");
    }

    /** Every prompt of every node of every flow, in each of the flow's languages, with each sample. */
    private static List<Played> everything() {
        List<Played> out = new ArrayList<>();
        for (Flow flow : flows.flows().values()) {
            for (Node node : flow.nodes().values()) {
                for (Prompt prompt : prompts(node)) {
                    List<Segment.Slot> slots = prompt.segments().values().stream()
                            .flatMap(List::stream)
                            .filter(Segment.Slot.class::isInstance)
                            .map(Segment.Slot.class::cast)
                            .toList();
                    int rounds = slots.stream()
                            .mapToInt(s -> SAMPLES.get(s.kind()).size())
                            .max()
                            .orElse(1);
                    for (int i = 0; i < rounds; i++) {
                        Map<String, String> vars = new HashMap<>();
                        for (Segment.Slot s : slots) {
                            List<String> values = SAMPLES.get(s.kind());
                            vars.put(s.variable(), values.get(i % values.size()));
                        }
                        for (String lang : flow.languages()) {
                            out.add(new Played(
                                    flow.id() + "/" + node.id() + " " + prompt.id() + " " + vars,
                                    lang,
                                    Rendering.render(prompt, lang, vars)));
                        }
                    }
                }
            }
        }
        assertThat(out).hasSizeGreaterThan(100);
        return out;
    }

    private static List<Prompt> prompts(Node node) {
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
        return s.filter(Objects::nonNull).toList();
    }

    /** The files an ARI media URI plays (res_stasis_playback: sound: as is, the rest through main/say.c). */
    private static List<String> ariFiles(String uri, String lang) {
        int colon = uri.indexOf(':');
        String arg = uri.substring(colon + 1);
        return switch (uri.substring(0, colon)) {
            case "sound" -> List.of(arg);
            case "number" -> CoreSounds.sayNumber(Long.parseLong(arg), lang);
            case "digits" -> CoreSounds.sayDigits(arg);
            case "characters" -> CoreSounds.sayCharacters(arg);
            default -> throw new AssertionError("media Asterisk cannot play: " + uri);
        };
    }

    /** The files the AGI command for a sound plays (STREAM FILE as is, SAY through main/say.c). */
    private static List<String> agiFiles(PhoneSpeech.Sound sound, String lang) {
        return switch (sound) {
            case PhoneSpeech.Sound.Prompt p -> List.of(PREFIX + "/" + lang + "/" + p.id());
            case PhoneSpeech.Sound.Number n -> CoreSounds.sayNumber(n.value(), lang);
            case PhoneSpeech.Sound.Digits d -> CoreSounds.sayDigits(d.digits());
            case PhoneSpeech.Sound.Characters c -> CoreSounds.sayCharacters(c.value());
            // as AgiCall sends it: noon UTC of the day
            case PhoneSpeech.Sound.Date d ->
                CoreSounds.sayDate(
                        LocalDate.ofInstant(d.date().atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC), ZoneOffset.UTC),
                        lang);
        };
    }

    private static Map<Segment.SlotKind, List<String>> samples() {
        List<String> dates = new ArrayList<>();
        for (int day = 1; day <= 31; day++) {
            dates.add(String.format("2026-01-%02d", day));
        }
        dates.addAll(List.of("2026-02-28", "2024-02-29", "2000-12-31", "2009-06-21", "2010-11-30", "2026-08-22"));
        return Map.of(
                Segment.SlotKind.AMOUNT,
                        List.of(
                                "0",
                                "5",
                                "50",
                                "55",
                                "105",
                                "1250",
                                "2100",
                                "128850",
                                "128805",
                                "1000000",
                                "1234567",
                                "100000000",
                                "-250"),
                Segment.SlotKind.NUMBER,
                        List.of(
                                "0",
                                "1",
                                "2",
                                "7",
                                "10",
                                "15",
                                "21",
                                "29",
                                "31",
                                "105",
                                "1000",
                                "9999",
                                "10000",
                                "10001",
                                "12345",
                                "100000",
                                "1000000",
                                "100000000",
                                "123456789",
                                "-3"),
                Segment.SlotKind.DIGITS, List.of("0", "8000", "13800138000", "1234567890", "*******8000"),
                Segment.SlotKind.CHARS, List.of("F-4821", "C-0001", "T-20261201-0042", "fz-9z", "AB12"),
                Segment.SlotKind.DATE, dates);
    }
}
