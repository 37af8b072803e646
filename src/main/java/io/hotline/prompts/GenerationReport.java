package io.hotline.prompts;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one {@link PromptGenerator} run.
 *
 * @param prompts how many prompts the catalog had
 * @param actions one per prompt and per orphan file, sorted by path
 * @param elapsed wall time of the run
 */
public record GenerationReport(int prompts, List<PromptAction> actions, Duration elapsed) {
    public GenerationReport {
        actions = List.copyOf(actions);
    }

    public long count(PromptAction.Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).count();
    }

    /** Whether anything failed: the command then exits non-zero. */
    public boolean failed() {
        return count(PromptAction.Kind.FAILED) > 0;
    }

    /** How many prompts were synthesized (new or updated). */
    public long synthesized() {
        return count(PromptAction.Kind.WRITTEN) + count(PromptAction.Kind.UPDATED);
    }

    /** {@code 42 prompts: 3 written, 1 updated, 36 unchanged, 2 recordings, 1 orphan, 0 pruned, 0 failed in 0.31 s}. */
    public String summary() {
        Map<PromptAction.Kind, Long> c = new EnumMap<>(PromptAction.Kind.class);
        for (PromptAction.Kind k : PromptAction.Kind.values()) {
            c.put(k, count(k));
        }
        return String.format(
                "%d prompts: %d written, %d updated, %d unchanged, %d recordings, %d orphans, %d pruned,"
                        + " %d failed in %.2f s",
                prompts,
                c.get(PromptAction.Kind.WRITTEN),
                c.get(PromptAction.Kind.UPDATED),
                c.get(PromptAction.Kind.UNCHANGED),
                c.get(PromptAction.Kind.RECORDING),
                c.get(PromptAction.Kind.ORPHAN),
                c.get(PromptAction.Kind.PRUNED),
                c.get(PromptAction.Kind.FAILED),
                elapsed.toNanos() / 1e9);
    }
}
