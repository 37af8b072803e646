/**
 * The named actions flows may call, binding the engine to the wallet and the tickets;
 * also the engine's {@link io.hotline.engine.TicketDesk} and
 * {@link io.hotline.engine.SessionLog} on top of the contact-centre tables.
 *
 * <p>Every action reads its inputs from its arguments and the call snapshot, and
 * reports through its outcome and call variables; it keeps no state between calls or
 * between invocations (iteration state such as {@code recharge.index} lives in the
 * call's variables). Anything that changes data commits before the action returns.
 */
package io.hotline.actions;
