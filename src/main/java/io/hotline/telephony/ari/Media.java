package io.hotline.telephony.ari;

import io.hotline.call.PromptPart;
import io.hotline.prompts.PhoneSpeech;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns prompt parts into ARI media URIs (channels.json, {@code play}: {@code sound:},
 * {@code number:}, {@code digits:}, {@code characters:}), from {@link PhoneSpeech}'s reading
 * of the parts in the playback's {@code lang}, as over AGI:
 *
 * <ul>
 *   <li>a prompt (the flows' own, or a built-in word): {@code sound:<prefix>/<lang>/<id>};
 *       an absolute prefix stays absolute ({@code sound:/srv/sounds/en/<id>})</li>
 *   <li>what Asterisk says itself (English): {@code number:}, {@code digits:},
 *       {@code characters:}, each with the playback's {@code lang}</li>
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
        for (PhoneSpeech.Sound sound : PhoneSpeech.of(parts, language)) {
            switch (sound) {
                case PhoneSpeech.Sound.Prompt p -> out.add("sound:" + soundsPrefix + language + "/" + p.id());
                case PhoneSpeech.Sound.Number n -> out.add("number:" + n.value());
                case PhoneSpeech.Sound.Digits d -> out.add("digits:" + d.digits());
                case PhoneSpeech.Sound.Characters c -> {
                    String chars = c.value().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
                    if (!chars.isEmpty()) {
                        out.add("characters:" + chars);
                    }
                }
                case PhoneSpeech.Sound.Date d -> {
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
}
