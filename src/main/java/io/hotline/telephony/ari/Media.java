package io.hotline.telephony.ari;

import io.hotline.call.PromptPart;
import io.hotline.prompts.AmountReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns prompt parts into ARI media URIs (channels.json, {@code play}: {@code sound:},
 * {@code number:}, {@code digits:}, {@code characters:}). Dynamic parts use Asterisk's
 * own say-media in the playback's {@code lang}, like SAY NUMBER/DIGITS over AGI.
 *
 * <ul>
 *   <li>a recorded prompt: {@code sound:<prefix>/<lang>/<id>}; an absolute prefix stays
 *       absolute ({@code sound:/srv/sounds/en/<id>})</li>
 *   <li>an amount: {@link AmountReading}'s sequence, as over AGI: {@code number:} for the
 *       numbers and the fixed prompts ({@code hotline.yuan}, {@code hotline.fen}, ...) for
 *       the words</li>
 *   <li>a date, as Asterisk's SAY DATETIME says one with its core sounds:
 *       {@code digits/mon-<0..11>}, the ordinal day ({@code digits/h-1}..{@code h-20},
 *       {@code h-30}; 21..29 are {@code digits/20} + {@code h-1..9}, 31 is {@code digits/30} +
 *       {@code h-1}: there is no {@code h-21}..{@code h-29} or {@code h-31}), then
 *       {@code number:<year>}</li>
 * </ul>
 */
final class Media {
    private final String soundsPrefix;

    /** @param soundsPrefix as {@link AriConfig#soundsPrefix()}: no trailing slash; empty for none */
    Media(String soundsPrefix) {
        this.soundsPrefix = soundsPrefix.isEmpty() || soundsPrefix.endsWith("/") ? soundsPrefix : soundsPrefix + "/";
    }

    List<String> uris(List<PromptPart> parts, String language) {
        List<String> out = new ArrayList<>();
        for (PromptPart part : parts) {
            switch (part) {
                case PromptPart.Recorded r -> out.add(sound(language, r.id()));
                case PromptPart.Punctuation p -> {
                    // written, not said
                }
                case PromptPart.Number n -> out.add("number:" + n.value());
                case PromptPart.Digits d -> {
                    if (!d.digits().isEmpty()) {
                        out.add("digits:" + d.digits());
                    }
                }
                case PromptPart.Characters c -> {
                    String chars = c.value().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
                    if (!chars.isEmpty()) {
                        out.add("characters:" + chars);
                    }
                }
                case PromptPart.Amount a -> out.addAll(uris(AmountReading.parts(a.fen(), language), language));
                case PromptPart.Date d -> {
                    out.add("sound:digits/mon-" + (d.date().getMonthValue() - 1));
                    out.addAll(ordinalDay(d.date().getDayOfMonth()));
                    out.add("number:" + d.date().getYear());
                }
            }
        }
        return out;
    }

    /** The day of the month as an ordinal, as say.c's {@code get_ordinal_str_en} plays it. */
    static List<String> ordinalDay(int day) {
        if (day <= 20 || day % 10 == 0) {
            return List.of("sound:digits/h-" + day);
        }
        return List.of("sound:digits/" + (day / 10) * 10, "sound:digits/h-" + day % 10);
    }

    private String sound(String language, String id) {
        return "sound:" + soundsPrefix + language + "/" + id;
    }
}
