package io.hotline.console;

import java.util.Locale;

/** Where a screen pop stands for the agent it was delivered to. */
enum PopState {
    /** The call is ringing the agent: shown as incoming. */
    RINGING,
    /** The agent answered: the active call. */
    ACTIVE,
    /** The conversation ended; the ticket is still open for notes and a disposition. */
    ENDED,
    /** Answered elsewhere, not answered, or the caller hung up first: no longer shown. */
    MISSED,
    /** The ticket was closed. */
    CLOSED;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean live() {
        return this == RINGING || this == ACTIVE || this == ENDED;
    }

    static PopState parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
