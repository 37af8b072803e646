package io.hotline.engine;

import io.hotline.call.PromptPart;
import io.hotline.flow.Prompt;
import io.hotline.flow.Segment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a flow prompt and the call's variables into what the caller hears. */
final class PromptRenderer {
    private static final Logger log = LoggerFactory.getLogger(PromptRenderer.class);

    private PromptRenderer() {
    }

    /**
     * The parts of {@code prompt} in {@code language} (falling back to any language the
     * prompt has). A slot whose variable is missing or malformed is left out: a wrong
     * value must never be spoken, and a bad value must not end the call.
     */
    static List<PromptPart> render(Prompt prompt, String language, Map<String, String> vars) {
        if (prompt == null) {
            return List.of();
        }
        List<Segment> segments = prompt.segments().get(language);
        if (segments == null) {
            segments = prompt.segments().values().stream().findFirst().orElse(List.of());
        }
        List<PromptPart> parts = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            switch (s) {
                case Segment.Literal l -> parts.add(new PromptPart.Recorded(l.id(), l.text()));
                case Segment.Slot slot -> {
                    String value = vars.getOrDefault(slot.variable(), "");
                    try {
                        parts.add(slotPart(slot.kind(), value));
                    } catch (RuntimeException e) {
                        log.warn("prompt {}: variable '{}' has no usable {} value; left out", prompt.id(),
                                slot.variable(), slot.kind());
                    }
                }
            }
        }
        return parts;
    }

    private static PromptPart slotPart(Segment.SlotKind kind, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        return switch (kind) {
            case AMOUNT -> new PromptPart.Amount(Long.parseLong(value.trim()));
            case NUMBER -> new PromptPart.Number(Long.parseLong(value.trim()));
            case DIGITS -> PromptPart.Digits.in(value);
            case CHARS -> new PromptPart.Characters(value.trim());
            case DATE -> new PromptPart.Date(LocalDate.parse(value.trim().substring(0, 10)));
        };
    }
}
