package io.hotline.flow;

import java.util.List;
import java.util.Map;

/**
 * What a node says, per language.
 *
 * @param id         stable base id {@code <flow>.<node>.<purpose>}; the literal segments
 *                   of a template are {@code <id>} when there is one, else {@code <id>.1},
 *                   {@code <id>.2}, ...
 * @param texts      the template text as written, per language
 * @param segments   the parsed template, per language
 * @param source     where it was written
 */
public record Prompt(String id, Map<String, String> texts, Map<String, List<Segment>> segments, Source source) {
    public Prompt {
        texts = Map.copyOf(texts);
        segments = Map.copyOf(segments);
    }

    /** Whether any language's text has a slot reading a variable whose name starts with {@code prefix}. */
    public boolean readsVariable(String prefix) {
        for (List<Segment> inOneLanguage : segments.values()) {
            for (Segment s : inOneLanguage) {
                if (s instanceof Segment.Slot slot && slot.variable().startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
