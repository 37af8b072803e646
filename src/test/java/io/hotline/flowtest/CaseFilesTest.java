package io.hotline.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.flow.Problem;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading flow case files")
class CaseFilesTest {

    @Test
    @DisplayName("a case reads into its caller, keys, fixtures, stubs and expectations")
    void readsACase() {
        var loaded = CaseFiles.parse("tests/x.yaml", """
                cases:
                  - name: stolen
                    caller: 13800138000
                    keys: "2 1"
                    fixture: [account frozen, pin attempts left 2]
                    stub: { freeze_account: error }
                    expect:
                      prompts: ["could not freeze", "Please hold"]
                      actions: [identify_caller, freeze_account: error]
                      end: queued
                      queue: fraud
                      ticket: fraud
                """);
        assertThat(loaded.problems()).isEmpty();
        FlowCase c = loaded.cases().getFirst();
        assertThat(c.caller()).isEqualTo("13800138000");
        assertThat(c.flow()).isEqualTo("main");
        assertThat(c.language()).isEqualTo("en");
        assertThat(c.fixture().get("13800138000"))
                .containsExactly(new Fixture.Frozen(), new Fixture.PinAttemptsLeft(2));
        assertThat(c.stubs()).containsEntry("freeze_account", "error");
        assertThat(c.expect().actions())
                .containsExactly(
                        new FlowCase.ExpectedAction("identify_caller", null),
                        new FlowCase.ExpectedAction("freeze_account", "error"));
        assertThat(c.source().line()).isEqualTo(2);
    }

    @Test
    @DisplayName("every mistake is reported at its line, and reading goes on past it")
    void reportsEveryProblemWithItsLine() {
        var loaded = CaseFiles.parse("tests/x.yaml", """
                cases:
                  - name: one
                    keys: "2 x"
                    expect:
                      end: finished
                  - name: two
                    caller: 13800138000
                    fixture: [account stolen]
                    expect:
                      queue: fraud
                      colour: red
                  - caller: 13800138000
                    expect: { queue: fraud }
                  - name: fine
                    expect: { queue: fraud }
                """);
        assertThat(loaded.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "tests/x.yaml:3: 'keys' may only hold 0-9 * # . ~ and spaces, got '2 x'",
                        "tests/x.yaml:5: 'end' must be one of queued, hangup, caller_hangup, error; got 'finished'",
                        "tests/x.yaml:8: unknown fixture 'account stolen' (one of: account frozen, account active, "
                                + "login locked, login unlocked, pin locked, pin attempts left <1-3>, reset codes sent <n>)",
                        "tests/x.yaml:11: unknown field 'colour' in 'expect' (allowed: prompts, never-heard, actions, end, "
                                + "queue, ticket)",
                        "tests/x.yaml:12: missing 'name'");
        assertThat(loaded.cases()).extracting(FlowCase::name).containsExactly("fine");
    }

    @Test
    @DisplayName("YAML syntax errors and a file without cases are reported, not thrown")
    void syntaxErrors() {
        assertThat(CaseFiles.parse("t.yaml", "cases: [\n").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("t.yaml:2: YAML syntax error"));
        assertThat(CaseFiles.parse("t.yaml", "- name: x\n").problems())
                .extracting(Problem::toString)
                .containsExactly("t.yaml:1: a case file must be a map with a 'cases' list");
        assertThat(CaseFiles.parse("t.yaml", "cases: []\n").problems())
                .extracting(Problem::toString)
                .containsExactly("t.yaml:1: 'cases' must be a list of cases");
    }

    @Test
    @DisplayName("fixture words are read as the wallet states they stand for")
    void fixtureWords() {
        assertThat(Fixture.parse("Login  Locked")).isEqualTo(new Fixture.Login(true));
        assertThat(Fixture.parse("pin locked")).isEqualTo(new Fixture.PinLocked());
        assertThat(Fixture.parse("reset codes sent 3")).isEqualTo(new Fixture.ResetCodesSent(3));
        assertThat(List.of("pin attempts left 0", "pin attempts left 4"))
                .allSatisfy(w -> org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fixture.parse(w))
                        .hasMessageContaining("1 to 3"));
    }
}
