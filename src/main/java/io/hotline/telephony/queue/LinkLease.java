package io.hotline.telephony.queue;

/**
 * The right to hold one link to a PBX (an AMI connection, an ARI application's event WebSocket) while several
 * Hotline nodes share one database: at most one node holds a lease at a time, and when it dies another takes it
 * over ({@code io.hotline.cluster.LinkLeases}). A link that does not hold its lease stays disconnected
 * ({@link LinkStatus.State#STANDBY}).
 *
 * <p>Threading: {@link #held()} reads a flag and never blocks; listeners run on the lease keeper's thread and
 * must return at once.
 */
public interface LinkLease {
    /** The lease's name, e.g. {@code ami:pbx-a}. */
    String name();

    /** True while this node holds the lease. */
    boolean held();

    /** The node that held it when last looked at ({@code HOTLINE_NODE_ID}), or empty when not known. */
    default String holder() {
        return "";
    }

    /** Calls {@code listener} after every change of {@link #held()}. */
    void onChange(Runnable listener);

    /** Gives up the lease (if held) and stops competing for it. */
    void release();

    /** A lease that is always held: one node alone, tests, tools. */
    static LinkLease always(String name) {
        return new LinkLease() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean held() {
                return true;
            }

            @Override
            public void onChange(Runnable listener) {}

            @Override
            public void release() {}
        };
    }

    /** Where leases come from: one per link name. */
    @FunctionalInterface
    interface Source {
        /** The lease for {@code name}; the node starts competing for it at once. */
        LinkLease lease(String name);

        /** Every lease always held (a single node, tests). */
        Source NONE = LinkLease::always;
    }
}
