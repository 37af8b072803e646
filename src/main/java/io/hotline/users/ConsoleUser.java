package io.hotline.users;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who signs in to the console. No secrets: the password hash stays in {@link Users}.
 *
 * @param id             database id
 * @param login          sign-in name ({@code alice})
 * @param displayName    shown on the board
 * @param role           what they may do
 * @param agentInterface the Asterisk queue-member interface they answer on ({@code PJSIP/1001}), or empty
 * @param queues         the queues they work; an agent sees only these
 */
public record ConsoleUser(
        long id, String login, String displayName, Role role, String agentInterface, List<String> queues) {
    public ConsoleUser {
        Objects.requireNonNull(login, "login");
        displayName = displayName == null || displayName.isBlank() ? login : displayName;
        Objects.requireNonNull(role, "role");
        agentInterface = agentInterface == null ? "" : agentInterface;
        queues = List.copyOf(queues);
    }

    /** Whether this user may see a queue's callers, pops and tickets. */
    public boolean seesQueue(String queue) {
        return role != Role.AGENT || queues.contains(queue);
    }

    /** Supervisors and admins may unfreeze accounts; agents may not. */
    public boolean mayUnfreeze() {
        return role != Role.AGENT;
    }

    /** The interface calls are offered on: the configured one, else {@code Sim/<login>} for the simulator. */
    public String simInterface() {
        return agentInterface.isEmpty() ? "Sim/" + login : agentInterface;
    }

    public Optional<String> pbxInterface() {
        return agentInterface.isEmpty() ? Optional.empty() : Optional.of(agentInterface);
    }
}
