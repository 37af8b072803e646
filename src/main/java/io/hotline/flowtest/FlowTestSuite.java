package io.hotline.flowtest;

import io.hotline.flow.ActionCatalog;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.flow.LoadResult;
import io.hotline.flow.Problem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The flows of a directory with their cases, checked together: the flows must lint clean,
 * the case files must read clean, and every case may only name flows, actions and outcomes
 * that exist. What {@code hotline test-flows} and {@code FlowCasesIT} run.
 *
 * @param flows    the checked flows, when there is no problem
 * @param cases    the cases
 * @param problems every problem with the flows or the case files, sorted
 */
public record FlowTestSuite(Optional<FlowSet> flows, List<FlowCase> cases, List<Problem> problems) {
    public FlowTestSuite {
        cases = List.copyOf(cases);
        problems = List.copyOf(problems);
    }

    /** Loads the flows of {@code dir} and the cases of {@code dir/tests}. */
    public static FlowTestSuite load(Path dir, ActionCatalog catalog) {
        LoadResult flows = new FlowLoader().load(dir, catalog);
        CaseFiles.Loaded cases = CaseFiles.read(dir);
        List<Problem> problems = new ArrayList<>(flows.problems());
        problems.addAll(cases.problems());
        flows.flowSet().ifPresent(set -> cases.cases().forEach(c -> check(c, set, catalog, problems)));
        return new FlowTestSuite(
                flows.flowSet(), cases.cases(), problems.stream().sorted().toList());
    }

    private static void check(FlowCase c, FlowSet set, ActionCatalog catalog, List<Problem> problems) {
        String where = "case '" + c.name() + "': ";
        if (set.flow(c.flow()).isEmpty()) {
            problems.add(new Problem(
                    c.source(),
                    null,
                    where + "no flow '" + c.flow() + "' (flows: "
                            + String.join(
                                    ", ", set.flows().keySet().stream().sorted().toList()) + ")"));
        }
        c.stubs().forEach((action, outcome) -> outcome(catalog, action, outcome, where + "stub", c, problems));
        for (FlowCase.ExpectedAction a : c.expect().actions()) {
            outcome(catalog, a.name(), a.outcome(), where + "expected action", c, problems);
        }
    }

    private static void outcome(
            ActionCatalog catalog, String action, String outcome, String what, FlowCase c, List<Problem> problems) {
        Optional<Set<String>> outcomes = catalog.outcomes(action);
        if (outcomes.isEmpty()) {
            problems.add(new Problem(c.source(), null, what + " names no action: '" + action + "'"));
        } else if (outcome != null
                && !outcomes.get().contains(outcome)
                && !outcome.equals("error")
                && !outcome.equals("timeout")) {
            problems.add(new Problem(
                    c.source(),
                    null,
                    what + " '" + action + "' has no outcome '" + outcome
                            + "' (outcomes: "
                            + String.join(", ", outcomes.get().stream().sorted().toList())
                            + ", error, timeout)"));
        }
    }

    public boolean ok() {
        return problems.isEmpty() && flows.isPresent();
    }

    /**
     * Runs the cases whose name {@code select} accepts, printing {@code PASS name} or
     * {@code FAIL name} with the difference as each finishes, then a summary.
     *
     * @return 0 when every case passed, 1 when any failed or there were problems
     */
    public int run(Predicate<String> select, PrintStream out) {
        if (!ok()) {
            problems.forEach(out::println);
            out.println(problems.size() + " problem(s): no case was run");
            return 1;
        }
        List<FlowCase> chosen =
                cases.stream().filter(c -> select.test(c.name())).toList();
        if (chosen.isEmpty()) {
            out.println("no case matches");
            return 1;
        }
        int failed = 0;
        try (CaseRunner runner = CaseRunner.start(flows.orElseThrow())) {
            for (FlowCase c : chosen) {
                CaseResult r = runner.run(c);
                out.println(r.render());
                out.flush();
                if (!r.passed()) {
                    failed++;
                }
            }
        }
        out.println((chosen.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
