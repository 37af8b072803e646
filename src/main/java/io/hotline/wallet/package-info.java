/**
 * The wallet as the hotline acts on it: {@link io.hotline.wallet.Wallet} and its records. All state is in
 * PostgreSQL (nothing cached), so separate calls, separate {@code Wallet} instances and concurrent callers see
 * the same PIN failure counts, locks and freezes. Read-modify-write operations lock the account row
 * ({@code SELECT ... FOR UPDATE}) so that concurrent requests for one account run one at a time; the schema
 * backs this with a partial unique index (one open freeze per account). Every change a caller or agent makes
 * (freeze, unfreeze, reset code, login unlock) is written to the audit log in the same transaction.
 *
 * <p>Depends on {@code db} and on {@link io.hotline.call.Masking} (the one place numbers are masked).
 */
package io.hotline.wallet;
