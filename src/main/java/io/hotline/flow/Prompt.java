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
}
