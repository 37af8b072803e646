package io.hotline.flow;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A branch condition: comparisons joined by {@code and}, e.g.
 * {@code recharge.reason == 'insufficient_funds' and attempts < 3}.
 * Operators: {@code == != < <= > >=} against a quoted string or a number, and
 * {@code is set} / {@code is empty}. Numbers compare numerically when both sides parse.
 * Not a scripting language on purpose: no calls, no assignment, no parentheses.
 *
 * @param text        the condition as written
 * @param comparisons all must hold
 */
@SuppressFBWarnings(
        value = "REDOS",
        justification =
                "no nested quantifier can match the same text two ways; conditions come from admins' flow files")
public record Condition(String text, List<Comparison> comparisons) {

    public Condition {
        comparisons = List.copyOf(comparisons);
    }

    /**
     * One comparison.
     *
     * @param operator {@code == != < <= > >=}, or {@code set} / {@code empty} (for {@code is set} /
     *                 {@code is empty}, whose literal is "")
     * @param literal  the text or number compared against, without quotes
     */
    public record Comparison(String variable, String operator, String literal) {}

    private static final String VARIABLE = "[A-Za-z_][A-Za-z0-9_.-]*";
    private static final Pattern COMPARE = Pattern.compile("\\s*(" + VARIABLE
            + ")\\s*(==|!=|<=|>=|<|>)\\s*(?:'([^']*)'|\"([^\"]*)\"|(-?[0-9]+(?:\\.[0-9]+)?)(?![A-Za-z0-9_.]))");
    private static final Pattern IS = Pattern.compile("\\s*(" + VARIABLE + ")\\s+is\\s+(set|empty)(?![A-Za-z0-9_])");
    private static final Pattern AND = Pattern.compile("\\s+and(?=\\s)");
    private static final Pattern END = Pattern.compile("\\s*");
    /** What {@link java.math.BigDecimal#BigDecimal(String)} accepts. */
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    /**
     * Parses a condition as written in a {@code when:}.
     *
     * @throws IllegalArgumentException saying what is wrong and where, for the admin
     */
    public static Condition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty condition");
        }
        List<Comparison> out = new ArrayList<>();
        int at = 0;
        while (true) {
            Matcher m = COMPARE.matcher(text).region(at, text.length());
            Matcher is = IS.matcher(text).region(at, text.length());
            if (is.lookingAt()) {
                out.add(new Comparison(is.group(1), is.group(2), ""));
                at = is.end();
            } else if (m.lookingAt()) {
                String literal = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5);
                out.add(new Comparison(m.group(1), m.group(2), literal));
                at = m.end();
            } else {
                String rest = text.substring(at).strip();
                throw new IllegalArgumentException((rest.matches("[^=!<>]*[^=!<>]=[^=].*") ? "use == to compare; " : "")
                        + "expected a comparison such as x == 'text', x < 3 or x is set at \"" + rest + "\"");
            }
            if (END.matcher(text).region(at, text.length()).matches()) {
                return new Condition(text, out);
            }
            Matcher and = AND.matcher(text).region(at, text.length());
            if (!and.lookingAt()) {
                String rest = text.substring(at).strip();
                throw new IllegalArgumentException("expected 'and' or the end at \"" + rest + "\""
                        + (rest.startsWith("or ") ? " (only 'and' joins comparisons)" : ""));
            }
            at = and.end();
        }
    }

    /** Whether the condition holds for these call variables (missing variables are empty). */
    public boolean test(Map<String, String> vars) {
        for (Comparison c : comparisons) {
            String v = vars.getOrDefault(c.variable(), "");
            if (!holds(v, c.operator(), c.literal())) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(String value, String op, String literal) {
        switch (op) {
            case "set" -> {
                return !value.isEmpty();
            }
            case "empty" -> {
                return value.isEmpty();
            }
            default -> {
                // a comparison, below
            }
        }
        // checked before parsing: a branch on an outcome word ('ok', 'frozen') runs on every call, and a
        // NumberFormatException for each would cost more than the rest of the turn
        int cmp = NUMBER.matcher(value).matches() && NUMBER.matcher(literal).matches()
                ? new java.math.BigDecimal(value).compareTo(new java.math.BigDecimal(literal))
                : value.compareTo(literal);
        return switch (op) {
            case "==" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            default -> throw new IllegalStateException("unknown operator " + op);
        };
    }
}
