package io.hotline.users;

import java.util.Locale;

/** What a console user may do. */
public enum Role {
    /** Sees the queues they belong to, their pops and those queues' tickets. */
    AGENT,
    /** Sees every queue; may unfreeze accounts (with a reason, audited). */
    SUPERVISOR,
    /** What a supervisor may, plus managing the hotline. */
    ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From {@code agent}, {@code supervisor} or {@code admin}. */
    public static Role parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("role must be agent, supervisor or admin, got 'null'");
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be agent, supervisor or admin, got '" + s + "'");
        }
    }
}
