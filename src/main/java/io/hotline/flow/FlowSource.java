package io.hotline.flow;

/**
 * Where calls get their flows: the currently published {@link FlowSet}.
 * Threading: safe to call from any thread; returns an immutable snapshot.
 */
@FunctionalInterface
public interface FlowSource {
    FlowSet current();
}
