package io.hotline.prompts;

import io.hotline.call.PromptPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a telephony adapter says an amount with Asterisk's own number saying plus the fixed
 * prompts that {@link PromptCatalog} adds for every language the flows use (through
 * {@link PhoneSpeech#builtInPrompts}):
 *
 * <table>
 * <caption>fixed prompts</caption>
 * <tr><th>id</th><th>en</th><th>zh</th></tr>
 * <tr><td>{@code hotline.yuan}</td><td>yuan</td><td>元</td></tr>
 * <tr><td>{@code hotline.jiao}</td><td>—</td><td>角</td></tr>
 * <tr><td>{@code hotline.fen}</td><td>fen</td><td>分</td></tr>
 * <tr><td>{@code hotline.and}</td><td>and</td><td>—</td></tr>
 * <tr><td>{@code hotline.minus}</td><td>minus</td><td>负</td></tr>
 * </table>
 *
 * English says the fen as one number ("twelve yuan and fifty fen"). {@link #parts} returns
 * that sequence: {@link PromptPart.Number}s for SAY NUMBER and {@link PromptPart.Recorded}
 * fixed prompts for the words in between. Mandarin is not read this way: Asterisk has no
 * Chinese sounds, so {@link PhoneSpeech} reads a Mandarin amount (十二元五角, 十二元零五分)
 * entirely with Hotline's own prompts, the Mandarin words below among them.
 */
public final class AmountReading {
    public static final String YUAN = "hotline.yuan";
    public static final String JIAO = "hotline.jiao";
    public static final String FEN = "hotline.fen";
    public static final String AND = "hotline.and";
    public static final String MINUS = "hotline.minus";

    /** Language → fixed prompt id → text. Languages not listed have no fixed prompts. */
    static final Map<String, Map<String, String>> FIXED = Map.of(
            "en", Map.of(YUAN, "yuan", FEN, "fen", AND, "and", MINUS, "minus"),
            "zh", Map.of(YUAN, "元", JIAO, "角", FEN, "分", MINUS, "负"));

    private AmountReading() {}

    /** The fixed prompts (id → text) of a language; empty when it has none. */
    public static Map<String, String> fixedPrompts(String lang) {
        Map<String, String> m = FIXED.get(lang);
        if (m == null && lang.indexOf('-') > 0) {
            m = FIXED.get(lang.substring(0, lang.indexOf('-')));
        }
        return m == null ? Map.of() : m;
    }

    /**
     * What to play for {@code fen} in {@code lang}: numbers and fixed prompts in order; a
     * negative amount starts with {@code hotline.minus}. Every language gets the English
     * sequence (with its own words where it has them); see {@link PhoneSpeech} for Mandarin.
     */
    public static List<PromptPart> parts(long fen, String lang) {
        Map<String, String> words = fixedPrompts(lang).isEmpty() ? FIXED.get("en") : fixedPrompts(lang);
        long abs = Math.abs(fen);
        long yuan = abs / 100;
        List<PromptPart> out = new ArrayList<>();
        if (fen < 0) {
            out.add(word(MINUS, words));
        }
        long rest = abs % 100;
        if (yuan > 0 || rest == 0) {
            out.add(new PromptPart.Number(yuan));
            out.add(word(YUAN, words));
            if (rest > 0) {
                out.add(word(AND, words));
            }
        }
        if (rest > 0) {
            out.add(new PromptPart.Number(rest));
            out.add(word(FEN, words));
        }
        return List.copyOf(out);
    }

    private static PromptPart word(String id, Map<String, String> words) {
        return new PromptPart.Recorded(id, words.getOrDefault(id, id));
    }
}
