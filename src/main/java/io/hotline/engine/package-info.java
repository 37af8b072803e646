/**
 * Runs one call through a flow against a {@link io.hotline.call.Call} and the ports
 * {@link io.hotline.engine.Actions}, {@link io.hotline.engine.TicketDesk} and
 * {@link io.hotline.engine.SessionLog}; records the path.
 *
 * <p>The engine never knows which protocol carries the call. It runs on the call's own
 * (virtual) thread and blocks on the {@code Call}; actions run with a time budget so a
 * slow database turns into the node's {@code error} exit, never into silence.
 *
 * <p>Timers of {@code input} nodes: the prompt is interruptible by any digit; after it
 * ends, {@code first-digit} is how long we wait for the first key, {@code inter-digit}
 * how long between keys, and {@code overall} bounds the whole entry from the end of the
 * prompt. The terminator (default {@code #}) ends the entry and is not part of it;
 * reaching {@code max-length} ends it at once.
 */
package io.hotline.engine;
