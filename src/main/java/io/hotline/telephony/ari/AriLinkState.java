package io.hotline.telephony.ari;

/** The state of the event WebSocket to Asterisk, for the health endpoint and the console. */
public enum AriLinkState {
    /** Not connected yet, or reconnecting after a failed attempt. */
    CONNECTING,
    /** Events are flowing; calls can be served. */
    CONNECTED,
    /** The WebSocket closed; reconnecting with back-off. Events sent meanwhile are lost. */
    DISCONNECTED,
    /**
     * Not connected on purpose: another node sharing the database holds this server's application (a second
     * WebSocket registering it would take it over, and closing either would deactivate it for both).
     */
    STANDBY,
    /** {@link AriClient#stop()} was called. */
    STOPPED
}
