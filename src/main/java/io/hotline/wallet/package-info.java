/**
 * The wallet as the hotline acts on it. The actions and the console reach it only through its port,
 * {@link io.hotline.wallet.WalletPort}; {@link io.hotline.wallet.BuiltinWallet} is the port on the tables here
 * (the default), {@code io.hotline.connectors.HttpWallet} the port on the wallet company's API. What follows is the
 * built-in wallet: {@link io.hotline.wallet.Wallet} and its records. All state is in
 * PostgreSQL (nothing cached), so separate calls, separate {@code Wallet} instances and concurrent callers see
 * the same PIN failure counts, locks and freezes. Read-modify-write operations lock the account row
 * ({@code SELECT ... FOR UPDATE}) so that concurrent requests for one account run one at a time; the schema
 * backs this with a partial unique index (one open freeze per account). Every change a caller or agent makes
 * (freeze, unfreeze, reset code, login unlock) is written to the audit log in the same transaction.
 *
 * <p>SMS: the wallet queues messages in {@code sms_outbox} ({@link io.hotline.wallet.SmsOutbox}) in the same
 * transaction as the reset code or the freeze they tell about, and never sends them itself: senders in
 * {@code io.hotline.connectors} claim and settle them through {@link io.hotline.wallet.SmsDispatch}. Reset codes are
 * in the outbox only blanked ({@code ******}) and sealed with a per-process key ({@code CodeSeal}); checking a
 * code the customer typed is {@link io.hotline.wallet.Wallet#verifyResetCode}.
 *
 * <p>Depends on {@code db} and on {@link io.hotline.call.Masking} (the one place numbers are masked).
 */
package io.hotline.wallet;
