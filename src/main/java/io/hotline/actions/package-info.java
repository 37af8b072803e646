/**
 * The named actions flows may call, binding the engine to the wallet and the tickets;
 * also the engine's {@link io.hotline.engine.TicketDesk} and
 * {@link io.hotline.engine.SessionLog} on top of the contact-centre tables.
 *
 * <p>Every action reads its inputs from its arguments and the call snapshot, and
 * reports through its outcome and call variables; it keeps no state between calls or
 * between invocations (iteration state such as {@code recharge.index} lives in the
 * call's variables). Anything that changes data commits before the action returns.
 *
 * <p>The actions reach the wallet only through its port, {@link io.hotline.wallet.WalletPort} (built-in tables or the
 * wallet company's API, chosen by {@code HOTLINE_WALLET}), never the built-in {@code Wallet} class or a connector;
 * when the port throws (the wallet did not answer) the engine takes the node's {@code error} exit, so nothing is
 * said as done that the wallet did not confirm. The per-calling-number limits ({@link io.hotline.wallet.CallerLimits})
 * stay in Hotline's database with either wallet.
 */
package io.hotline.actions;
