package io.hotline.flow;

import java.util.Map;
import java.util.Optional;

/**
 * A checked, consistent set of flows and the calendar beside them: what one published version serves.
 * Immutable; a call keeps the set it started with until it ends.
 *
 * @param version  a number given at publish (0 before anything was published)
 * @param hash     SHA-256 over the files' names and bytes (the calendar's included), hex
 * @param flows    flow id → flow
 * @param calendar the set's {@code calendar.yaml}, or {@link Calendar#NONE}
 */
public record FlowSet(long version, String hash, Map<String, Flow> flows, Calendar calendar) {
    public FlowSet {
        flows = Map.copyOf(flows);
        calendar = calendar == null ? Calendar.NONE : calendar;
    }

    /** A set without a calendar file. */
    public FlowSet(long version, String hash, Map<String, Flow> flows) {
        this(version, hash, flows, Calendar.NONE);
    }

    public Optional<Flow> flow(String id) {
        return Optional.ofNullable(flows.get(id));
    }

    public FlowSet withVersion(long v) {
        return new FlowSet(v, hash, flows, calendar);
    }
}
