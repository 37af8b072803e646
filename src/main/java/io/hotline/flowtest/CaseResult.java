package io.hotline.flowtest;

import java.time.Duration;
import java.util.List;

/**
 * How one case went.
 *
 * @param flowCase    the case
 * @param differences what did not happen as expected, each a few readable lines; empty when it passed
 * @param transcript  the call as {@code hotline call} prints it
 * @param took        how long the case took, database copy included
 */
public record CaseResult(FlowCase flowCase, List<String> differences, String transcript, Duration took) {
    public CaseResult {
        differences = List.copyOf(differences);
    }

    public boolean passed() {
        return differences.isEmpty();
    }

    /** {@code PASS name}, or {@code FAIL name} with the differences and the transcript, indented. */
    public String render() {
        if (passed()) {
            return "PASS " + flowCase.name();
        }
        StringBuilder sb = new StringBuilder("FAIL ")
                .append(flowCase.name())
                .append("  (")
                .append(flowCase.source())
                .append(")\n");
        for (String d : differences) {
            for (String line : d.split("\n", -1)) {
                sb.append("    ").append(line).append('\n');
            }
        }
        sb.append("    what happened (keys \"")
                .append(flowCase.keys())
                .append("\" from ")
                .append(flowCase.caller().isEmpty() ? "a withheld number" : flowCase.caller())
                .append("):\n");
        for (String line : transcript.split("\n")) {
            sb.append("    ").append(line).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
