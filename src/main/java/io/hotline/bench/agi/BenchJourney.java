package io.hotline.bench.agi;

import java.util.List;
import java.util.Objects;

/**
 * One journey the emulated callers make: who calls, which flow, the keys they press (as
 * {@code hotline call --keys} takes them) and the queue the journey must end in.
 *
 * @param name          short name ({@code stolen}, {@code recharge}); the bare baseline picks
 *                      the recorded command sequence by it
 * @param flow          the flow in {@code agi://host/<flow>}
 * @param ani           the caller's number
 * @param keys          the keys, e.g. {@code "2 1"}
 * @param expectedQueue the queue the journey ends in ({@code HOTLINE_QUEUE}); empty for a goodbye
 */
public record BenchJourney(String name, String flow, String ani, String keys, String expectedQueue) {
    public BenchJourney {
        Objects.requireNonNull(name);
        Objects.requireNonNull(flow);
        Objects.requireNonNull(ani);
        keys = keys.replaceAll("\\s+", "");
        Objects.requireNonNull(expectedQueue);
    }

    /** The stolen-account journey: a known caller presses 2 (stolen) and 1 (freeze), then goes to fraud. */
    public static final BenchJourney STOLEN = new BenchJourney("stolen", "main", "13800138000", "2 1", "fraud");

    /**
     * The failed-recharge journey: 1 (recharge), the PIN, the recent failed recharges read out,
     * the debited-but-not-credited one escalated to the recharge queue.
     */
    public static final BenchJourney RECHARGE =
            new BenchJourney("recharge", "main", "13800138000", "1 2468#", "recharge");

    /** The journeys {@code hotline bench agi} runs, alternating. */
    public static final List<BenchJourney> DEFAULT = List.of(STOLEN, RECHARGE);
}
