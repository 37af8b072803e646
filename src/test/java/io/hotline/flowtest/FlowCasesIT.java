package io.hotline.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.actions.ActionNames;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/** The shipped flow tests (ivr-flows/tests/*.yaml), one JUnit test per case, as hotline test-flows runs them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Shipped flow tests")
class FlowCasesIT {
    static final Path FLOWS = Path.of("ivr-flows");
    FlowTestSuite suite;
    CaseRunner runner;

    @BeforeAll
    void start() {
        suite = FlowTestSuite.load(FLOWS, ActionNames.catalog());
        assertThat(suite.problems())
                .as("problems in the shipped flows or case files")
                .isEmpty();
        runner = CaseRunner.start(suite.flows().orElseThrow());
    }

    @AfterAll
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @TestFactory
    @DisplayName("every case passes")
    Stream<DynamicTest> everyCase() {
        return suite.cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    CaseResult r = runner.run(c);
                    assertThat(r.passed()).as(r.render()).isTrue();
                }));
    }
}
