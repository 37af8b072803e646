package io.hotline.agents;

import java.util.Locale;

/**
 * What an agent is doing as far as the queues are concerned. Whether they are on a call right now is the
 * PBX's device state, not this: an available agent on a call is still available.
 */
public enum AgentState {
    /** Not signed in: a member of none of their queues. */
    OFFLINE,
    /** A member of their queues, not paused: calls are offered to them. */
    AVAILABLE,
    /** A member of their queues, paused with a reason: no call is offered to them. */
    PAUSED,
    /** After-call work: paused until the wrap-up time runs out or they say they are ready. */
    WRAP_UP;

    /** Lower-case with dashes, as the console shows and sends it ({@code wrap-up}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** From {@link #wire()}; {@link IllegalArgumentException} naming the states otherwise. */
    public static AgentState parse(String wire) {
        for (AgentState s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "state must be one of offline, available, paused, wrap-up; got '" + wire + "'");
    }

    /** Whether the agent is a member of their queues in this state. */
    public boolean member() {
        return this != OFFLINE;
    }

    /** Whether the agent's queue membership is paused in this state. */
    public boolean paused() {
        return this == PAUSED || this == WRAP_UP;
    }
}
