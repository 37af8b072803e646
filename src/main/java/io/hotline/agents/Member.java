package io.hotline.agents;

import java.util.List;
import java.util.Objects;

/**
 * An agent as a queue member: who, on which interface, in which queues.
 *
 * @param login          the console user
 * @param name           the member name the PBX shows
 * @param agentInterface the Asterisk interface ({@code PJSIP/1001}), or empty for an agent with none (simulator only)
 * @param queues         the queues they work
 * @param number         the agent's own number on the PBX (their console user's id): on Asterisk, their penalty in
 *                       the {@code hotline-agent} queue, which rings one agent only (a transfer to them); 0 for none
 */
public record Member(String login, String name, String agentInterface, List<String> queues, int number) {
    public Member {
        Objects.requireNonNull(login, "login");
        name = name == null || name.isBlank() ? login : name;
        agentInterface = agentInterface == null ? "" : agentInterface;
        queues = List.copyOf(queues);
        if (number < 0) {
            throw new IllegalArgumentException("number: 0 or more, got " + number);
        }
    }

    /** A member without a number of their own (the simulator, tests). */
    public Member(String login, String name, String agentInterface, List<String> queues) {
        this(login, name, agentInterface, queues, 0);
    }

    /** The interface simulated calls are offered on: the PBX one, else {@code Sim/<login>}. */
    public String simInterface() {
        return agentInterface.isEmpty() ? "Sim/" + login : agentInterface;
    }
}
