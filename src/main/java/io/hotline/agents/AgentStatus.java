package io.hotline.agents;

import java.time.Instant;
import java.util.Objects;

/**
 * One agent's state now.
 *
 * @param login  the console user
 * @param state  what they are doing
 * @param reason why they are paused ({@code lunch}, {@code missed}, {@code away}...; empty unless paused)
 * @param since  when this state began (the board's time in state)
 * @param until  when after-call work ends by itself (null in the other states)
 * @param by     who set it: {@code console:<login>} of the agent or a supervisor, or {@code hotline}
 */
public record AgentStatus(String login, AgentState state, String reason, Instant since, Instant until, String by) {
    public AgentStatus {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(since, "since");
        by = by == null ? "" : by;
    }

    public static AgentStatus offline(String login, Instant since) {
        return new AgentStatus(login, AgentState.OFFLINE, "", since, null, "hotline");
    }
}
