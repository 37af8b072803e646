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
 *   <li>a recorded prompt: {@code sound:<prefix>/<lang>/<id>}</li>
 *   <li>an amount: {@link AmountReading}'s sequence, as over AGI: {@code number:} for the
 *       numbers and the fixed prompts ({@code hotline.yuan}, {@code hotline.fen}, ...) for
 *       the words</li>
 *   <li>a date: Asterisk's core sounds {@code digits/mon-<0..11>} and
 *       {@code digits/h-<day>} then {@code number:<year>}, as SAY DATE does in English</li>
 * </ul>
 */
final class Media {
    private final String soundsPrefix;

    Media(String soundsPrefix) {
        this.soundsPrefix = soundsPrefix;
    }

    List<String> uris(List<PromptPart> parts, String language) {
        List<String> out = new ArrayList<>();
        for (PromptPart part : parts) {
            switch (part) {
                case PromptPart.Recorded r -> out.add(sound(language, r.id()));
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
                    out.add("sound:digits/h-" + d.date().getDayOfMonth());
                    out.add("number:" + d.date().getYear());
                }
            }
        }
        return out;
    }

    private String sound(String language, String id) {
        return "sound:" + (soundsPrefix.isEmpty() ? "" : soundsPrefix + "/") + language + "/" + id;
    }
}
