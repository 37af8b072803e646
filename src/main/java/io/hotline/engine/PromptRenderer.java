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

    private PromptRenderer() {}

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
                case Segment.Punctuation p -> parts.add(new PromptPart.Punctuation(p.text()));
                case Segment.Slot slot -> {
                    String value = vars.getOrDefault(slot.variable(), "");
                    try {
                        parts.add(slotPart(slot.kind(), value));
                    } catch (RuntimeException e) {
                        log.warn(
                                "prompt {}: variable '{}' has no usable {} value; left out",
                                prompt.id(),
                                slot.variable(),
                                slot.kind());
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
            case DATE -> new PromptPart.Date(isoDate(value.trim().substring(0, 10)));
        };
    }

    /** {@code yyyy-MM-dd} as {@link LocalDate#parse} reads it, without the formatter's cost when it is just that. */
    static LocalDate isoDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = number(text, 0, 4);
            int month = number(text, 5, 7);
            int day = number(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day); // a day that does not exist throws, as parse does
            }
        }
        return LocalDate.parse(text);
    }

    /** The ASCII digits from {@code from} to {@code to} as a number; -1 when any is not a digit. */
    private static int number(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
