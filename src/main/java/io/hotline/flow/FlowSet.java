package io.hotline.flow;

import java.util.Map;
import java.util.Optional;

/**
 * A checked, consistent set of flows: what one published version serves.
 * Immutable; a call keeps the set it started with until it ends.
 *
 * @param version a number given at publish (0 before anything was published)
 * @param hash    SHA-256 over the files' names and bytes, hex
 * @param flows   flow id → flow
 */
public record FlowSet(long version, String hash, Map<String, Flow> flows) {
    public FlowSet {
        flows = Map.copyOf(flows);
    }

    public Optional<Flow> flow(String id) {
        return Optional.ofNullable(flows.get(id));
    }

    public FlowSet withVersion(long v) {
        return new FlowSet(v, hash, flows);
    }
}
