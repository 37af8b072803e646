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
 */
public record Member(String login, String name, String agentInterface, List<String> queues) {
    public Member {
        Objects.requireNonNull(login, "login");
        name = name == null || name.isBlank() ? login : name;
        agentInterface = agentInterface == null ? "" : agentInterface;
        queues = List.copyOf(queues);
    }

    /** The interface simulated calls are offered on: the PBX one, else {@code Sim/<login>}. */
    public String simInterface() {
        return agentInterface.isEmpty() ? "Sim/" + login : agentInterface;
    }
}
