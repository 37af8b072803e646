package io.hotline.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.flow.Condition.Comparison;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {

    @Test
    @DisplayName("comparisons joined by 'and' parse into variable, operator and unquoted literal")
    void parses() {
        Condition c = Condition.parse("recharge.reason == 'insufficient_funds' and attempts>=3 and x-y != \"a and b\""
                + " and caller.verified is set and note is empty and t < -1.5");
        assertThat(c.comparisons())
                .containsExactly(
                        new Comparison("recharge.reason", "==", "insufficient_funds"),
                        new Comparison("attempts", ">=", "3"),
                        new Comparison("x-y", "!=", "a and b"),
                        new Comparison("caller.verified", "set", ""),
                        new Comparison("note", "empty", ""),
                        new Comparison("t", "<", "-1.5"));
        assertThat(c.text()).startsWith("recharge.reason ==");
    }

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "reason == 'insufficient_funds'  | reason=insufficient_funds | true",
                "reason == 'insufficient_funds'  | reason=card_expired       | false",
                "reason != 'insufficient_funds'  | ''                        | true",
                "attempts >= 3                   | attempts=3                | true",
                "attempts >= 3                   | attempts=10               | true",
                "attempts < 3                    | attempts=10               | false",
                "attempts == 3                   | attempts=3.0              | true",
                "amount <= 100                   | amount=99.5               | true",
                "amount > 100                    | amount=abc                | true",
                "amount > 100                    | amount=+150               | true",
                "amount < 1                      | amount=.5                 | true",
                "amount == 1500                  | amount=1.5e3              | true",
                "amount < 0                      | amount=-0.25              | true",
                "amount == 10                    | amount=10.                | true",
                "amount == 10                    | amount=1 0                | false",
                "caller.verified is set          | caller.verified=yes       | true",
                "caller.verified is set          | ''                        | false",
                "caller.verified is empty        | ''                        | true",
                "a == 'x' and b == 'y'           | a=x,b=y                   | true",
                "a == 'x' and b == 'y'           | a=x,b=z                   | false",
            })
    @DisplayName("a condition holds when every comparison does, numbers comparing as numbers")
    void evaluates(String condition, String vars, boolean expected) {
        Map<String, String> map = new java.util.HashMap<>();
        if (!vars.isEmpty()) {
            for (String kv : vars.split(",")) {
                String[] p = kv.split("=", 2);
                map.put(p[0], p[1]);
            }
        }
        assertThat(Condition.parse(condition).test(map)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "x = 'a'             | use == to compare",
                "x == 'a' or y == 1  | only 'and' joins comparisons",
                "x == a              | expected a comparison",
                "x is sett           | expected a comparison",
                "x == 'a' and        | expected 'and' or the end",
                "x == 'a' y == 'b'   | expected 'and' or the end",
                "(x == 'a')          | expected a comparison",
                "x == 3abc           | expected a comparison",
            })
    @DisplayName("a malformed condition is refused with a message saying where")
    void refuses(String condition, String message) {
        assertThatThrownBy(() -> Condition.parse(condition))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
