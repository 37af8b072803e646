package io.hotline.prompts;

import io.hotline.call.PromptPart;

/**
 * The words a synthesizer is given for one part of a prompt, in the caller's language:
 * English words for {@code en}, Mandarin characters for {@code zh} (and {@code zh-*});
 * other languages get the part's plain text ({@link PromptPart#text()}).
 */
public final class SpokenText {
    private SpokenText() {}

    public static String of(PromptPart part, String lang) {
        boolean zh = isChinese(lang);
        boolean en = lang.equals("en") || lang.startsWith("en-");
        if (!zh && !en) {
            return part.text();
        }
        return switch (part) {
            case PromptPart.Recorded r -> r.text();
            case PromptPart.Punctuation p -> p.text();
            case PromptPart.Number n -> zh ? ChineseWords.number(n.value()) : EnglishWords.number(n.value());
            case PromptPart.Digits d -> zh ? ChineseWords.digits(d.digits()) : EnglishWords.digits(d.digits());
            case PromptPart.Characters c ->
                zh ? ChineseWords.characters(c.value()) : EnglishWords.characters(c.value());
            case PromptPart.Amount a -> zh ? ChineseWords.amount(a.fen()) : EnglishWords.amount(a.fen());
            case PromptPart.Date d -> zh ? ChineseWords.date(d.date()) : EnglishWords.date(d.date());
        };
    }

    public static boolean isChinese(String lang) {
        return lang.equals("zh") || lang.startsWith("zh-") || lang.equals("cmn") || lang.startsWith("cmn-");
    }
}
