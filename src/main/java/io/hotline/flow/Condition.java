package io.hotline.flow;

import java.util.List;
import java.util.Map;

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
public record Condition(String text, List<Comparison> comparisons) {

    public record Comparison(String variable, String operator, String literal) {
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
            case "set":
                return !value.isEmpty();
            case "empty":
                return value.isEmpty();
            default:
                break;
        }
        int cmp;
        try {
            cmp = new java.math.BigDecimal(value).compareTo(new java.math.BigDecimal(literal));
        } catch (NumberFormatException e) {
            cmp = value.compareTo(literal);
        }
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
