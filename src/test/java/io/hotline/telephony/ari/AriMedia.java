package io.hotline.telephony.ari;

import io.hotline.call.PromptPart;
import java.util.List;

/** The ARI adapter's media URIs, for tests outside this package. */
public final class AriMedia {
    private AriMedia() {}

    /** What the ARI adapter asks Asterisk to play for {@code parts}, with this sounds prefix. */
    public static List<String> uris(List<PromptPart> parts, String language, String soundsPrefix) {
        return new Media(soundsPrefix).uris(parts, language);
    }
}
