package io.hotline.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses prompt templates such as {@code "Your recharge of {amount:recharge.amount} failed."}
 * into segments. Literal text is trimmed and blank pieces between slots are dropped, since
 * they have nothing to say; a piece with only punctuation becomes a {@link Segment.Punctuation}
 * (shown, never played). Literal ids: {@code <base>} when the template has exactly one
 * piece of fixed text, else {@code <base>.1}, {@code <base>.2}, ... in order, punctuation
 * pieces counted too, so that ids do not move when punctuation is added or removed elsewhere.
 */
final class PromptTemplates {
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern SLOT = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern SLOT_BODY =
            Pattern.compile("\\s*(amount|number|digits|chars|date)\\s*:\\s*(" + VARIABLE.pattern() + ")\\s*");

    private PromptTemplates() {}

    /**
     * @throws IllegalArgumentException with a message for the admin when the template is malformed
     */
    static List<Segment> parse(String template, String baseId) {
        List<Object> parts = new ArrayList<>(); // String literal or Segment.Slot
        Matcher m = SLOT.matcher(template);
        int at = 0;
        while (m.find()) {
            addLiteral(parts, template.substring(at, m.start()));
            Matcher body = SLOT_BODY.matcher(m.group(1));
            if (!body.matches()) {
                throw new IllegalArgumentException("bad slot '" + m.group()
                        + "': write {kind:variable} with kind amount, number, digits, chars or date");
            }
            parts.add(new Segment.Slot(Segment.SlotKind.parse(body.group(1)), body.group(2)));
            at = m.end();
        }
        addLiteral(parts, template.substring(at));
        long literals = parts.stream().filter(String.class::isInstance).count();
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        List<Segment> out = new ArrayList<>();
        int n = 0;
        for (Object p : parts) {
            if (p instanceof String text) {
                n++;
                out.add(
                        Segment.audible(text)
                                ? new Segment.Literal(literals == 1 ? baseId : baseId + "." + n, text)
                                : new Segment.Punctuation(text));
            } else {
                out.add((Segment) p);
            }
        }
        return List.copyOf(out);
    }

    private static void addLiteral(List<Object> parts, String raw) {
        if (raw.indexOf('{') >= 0 || raw.indexOf('}') >= 0) {
            throw new IllegalArgumentException("unmatched '" + (raw.indexOf('{') >= 0 ? "{" : "}")
                    + "' (slots look like {amount:recharge.amount})");
        }
        String text = raw.strip();
        if (!text.isEmpty()) {
            parts.add(text);
        }
    }
}
