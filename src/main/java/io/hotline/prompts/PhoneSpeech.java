package io.hotline.prompts;

import io.hotline.call.PromptPart;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a telephony adapter (FastAGI and ARI alike) plays for a prompt in a language: the one
 * place that decides which sound files Asterisk is asked for.
 *
 * <ul>
 *   <li>A recorded part is a {@link Sound.Prompt} of its catalog id; punctuation plays nothing.</li>
 *   <li>Mandarin ({@code zh}, {@code zh-*}): every dynamic part is read with Hotline's own
 *       words, one {@link Sound.Prompt} per character of {@link ChineseWords}' reading
 *       (一千二百八十八元五角 is {@code hotline.n1}, {@code hotline.n1000}, ...). Debian ships no
 *       Chinese core sounds, and Asterisk's Chinese SAY NUMBER wants {@code digits/wan} and
 *       {@code digits/yi}, which no package has: it skips them and says a wrong number.</li>
 *   <li>Other languages: an amount is {@link AmountReading}'s sequence; numbers, digits,
 *       characters and dates are left to Asterisk's own saying with its core English sounds
 *       ({@link Sound.Number}, ...), which the adapter maps to its protocol.</li>
 * </ul>
 *
 * <p>{@link #builtInPrompts} lists every id a {@link Sound.Prompt} made here can name, for
 * {@link PromptCatalog} to generate; the flows' own ids come from their literal segments.
 * So every prompt file an adapter can ask for is in the catalog by construction.
 */
public final class PhoneSpeech {
    /** Character → prompt id, in a fixed order (the catalog's); 〇 is looked up as 零. */
    private static final Map<Character, String> ZH_WORD_IDS = zhWordIds();

    private PhoneSpeech() {}

    /** One thing to play. */
    public sealed interface Sound {
        /** A Hotline prompt file: {@code <prefix>/<lang>/<id>}, generated from the catalog. */
        record Prompt(String id) implements Sound {
            public Prompt {
                Objects.requireNonNull(id, "id");
            }
        }

        /** Asterisk says a number with its own sounds (SAY NUMBER, {@code number:}). */
        @SuppressWarnings("AvoidCommonTypeNames") // always written Sound.Number, never imported alone
        record Number(long value) implements Sound {}

        /** Asterisk says digits one by one (SAY DIGITS, {@code digits:}); never empty. */
        record Digits(String digits) implements Sound {}

        /** Asterisk spells letters and digits (SAY ALPHA, {@code characters:}); never blank. */
        record Characters(String value) implements Sound {}

        /** Asterisk says a date with its own sounds (SAY DATE; ARI: month, ordinal day, year). */
        record Date(LocalDate date) implements Sound {}
    }

    /** The sounds for {@code parts} in {@code lang}, in order. */
    public static List<Sound> of(List<PromptPart> parts, String lang) {
        List<Sound> out = new ArrayList<>();
        boolean zh = SpokenText.isChinese(lang);
        for (PromptPart part : parts) {
            switch (part) {
                case PromptPart.Recorded r -> out.add(new Sound.Prompt(r.id()));
                case PromptPart.Punctuation p -> {
                    // written, not said
                }
                case PromptPart.Amount a -> {
                    if (zh) {
                        zhWords(ChineseWords.amount(a.fen()), out);
                    } else {
                        out.addAll(of(AmountReading.parts(a.fen(), lang), lang));
                    }
                }
                case PromptPart.Number n -> {
                    if (zh) {
                        zhWords(ChineseWords.number(n.value()), out);
                    } else {
                        out.add(new Sound.Number(n.value()));
                    }
                }
                case PromptPart.Digits d -> {
                    if (zh) {
                        zhWords(ChineseWords.digits(d.digits()), out);
                    } else if (!d.digits().isEmpty()) {
                        out.add(new Sound.Digits(d.digits()));
                    }
                }
                case PromptPart.Characters c -> {
                    if (zh) {
                        zhWords(ChineseWords.characters(c.value()), out);
                    } else if (!c.value().isBlank()) {
                        out.add(new Sound.Characters(c.value()));
                    }
                }
                case PromptPart.Date d -> {
                    if (zh) {
                        zhWords(ChineseWords.date(d.date()), out);
                    } else {
                        out.add(new Sound.Date(d.date()));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The prompts (id → words) that {@link #of} can name besides the flows' own: the amount
     * words of {@link AmountReading}, those Asterisk plays by itself ({@link PbxPrompts}) and, for Mandarin, one prompt per character Hotline reads
     * numbers, digits, dates and references with. Empty for a language with none.
     */
    public static Map<String, String> builtInPrompts(String lang) {
        Map<String, String> out = new LinkedHashMap<>(AmountReading.fixedPrompts(lang));
        out.putAll(PbxPrompts.of(lang)); // played by Asterisk itself (queues.conf)
        if (SpokenText.isChinese(lang)) {
            ZH_WORD_IDS.forEach((c, id) -> out.putIfAbsent(id, String.valueOf(c)));
        }
        return Map.copyOf(out);
    }

    /** Each character of a Mandarin reading as its prompt; separators (，) and spaces are pauses, not sounds. */
    private static void zhWords(String reading, List<Sound> out) {
        for (int i = 0; i < reading.length(); i++) {
            char c = reading.charAt(i);
            String id = ZH_WORD_IDS.get(c == '〇' ? '零' : c);
            if (id != null) {
                out.add(new Sound.Prompt(id));
            }
        }
    }

    /** Character → prompt id; 〇 (in years) is read like 零 and shares its prompt, so it has none of its own. */
    private static Map<Character, String> zhWordIds() {
        Map<Character, String> m = new LinkedHashMap<>();
        String digits = "零一二三四五六七八九";
        for (int d = 0; d < 10; d++) {
            m.put(digits.charAt(d), "hotline.n" + d);
        }
        m.put('十', "hotline.n10");
        m.put('百', "hotline.n100");
        m.put('千', "hotline.n1000");
        m.put('万', "hotline.n10000");
        m.put('亿', "hotline.n100000000");
        m.put('幺', "hotline.yao");
        m.put('负', AmountReading.MINUS);
        m.put('元', AmountReading.YUAN);
        m.put('角', AmountReading.JIAO);
        m.put('分', AmountReading.FEN);
        m.put('年', "hotline.year");
        m.put('月', "hotline.month");
        m.put('日', "hotline.day");
        for (char c = 'A'; c <= 'Z'; c++) {
            m.put(c, "hotline.letter." + Character.toLowerCase(c));
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
