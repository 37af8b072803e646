package io.hotline.prompts;

import java.util.Map;

/**
 * Prompts that Asterisk plays by itself, named in its configuration rather than by a flow, generated with the
 * built-in ones ({@link PhoneSpeech#builtInPrompts}) so that the file exists wherever the flows' prompts do.
 */
public final class PbxPrompts {
    /**
     * The in-queue callback offer: queues.conf's {@code periodic-announce}
     * ({@code hotline/<lang>/hotline.queue-callback-offer}) of the queues that let a waiting caller press 1
     * ({@code context = hotline-queue-exit}).
     */
    public static final String QUEUE_CALLBACK_OFFER = "hotline.queue-callback-offer";

    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "en",
            Map.of(
                    QUEUE_CALLBACK_OFFER,
                    "To be called back when it is your turn, without losing your place, press 1. Or stay on the line."),
            "zh",
            Map.of(QUEUE_CALLBACK_OFFER, "如需在轮到您时回拨、且不失去排队位置，请按1；或请继续等待。"));

    private PbxPrompts() {}

    /** The prompts (id → words) of {@code lang}; empty for a language with none. */
    static Map<String, String> of(String lang) {
        Map<String, String> m = TEXTS.get(lang);
        if (m == null && lang.indexOf('-') > 0) {
            m = TEXTS.get(lang.substring(0, lang.indexOf('-')));
        }
        return m == null ? Map.of() : m;
    }
}
