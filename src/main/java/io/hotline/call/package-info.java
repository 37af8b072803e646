/**
 * The {@link io.hotline.call.Call} port: everything the engine may do to a live call,
 * whatever carries it (FastAGI, ARI or the in-process simulator).
 *
 * <p>The port is deliberately small and blocking. Each call runs on its own virtual
 * thread; a {@code Call} method blocks that thread until the telephony side answered.
 * Digit collection with first-digit, inter-digit and overall timers is built by the
 * engine from {@link io.hotline.call.Call#play} (escape digits = barge-in) and
 * {@link io.hotline.call.Call#waitForKey}, so every adapter gets identical timer
 * semantics and a command is always listening while the caller may press a key
 * (AGI has no type-ahead).
 */
package io.hotline.call;
