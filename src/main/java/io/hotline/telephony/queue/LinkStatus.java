package io.hotline.telephony.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of a link to the PBX (the AMI connection), for the console and {@code /health}.
 *
 * @param link   which link, e.g. {@code ami}
 * @param state  {@link State}
 * @param detail a short reason when not up (never a secret), or empty
 * @param since  when it entered this state
 */
public record LinkStatus(String link, State state, String detail, Instant since) {
    public LinkStatus {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(since, "since");
    }

    public enum State {
        /** Not configured (e.g. {@code HOTLINE_AMI_HOST} unset). */
        DISABLED,
        /** Trying to connect, or waiting to try again. */
        CONNECTING,
        /** Logged in and receiving events. */
        CONNECTED,
        /** Was up, went down; reconnecting with back-off. */
        DISCONNECTED,
        /** Not connected on purpose: another node sharing the database holds this link ({@link LinkLease}). */
        STANDBY,
        /** Closed by us. */
        STOPPED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
