/**
 * The database: {@link io.hotline.db.Database} (embedded PostgreSQL by default, or an external one; HikariCP;
 * Flyway migrations from {@code db/migration}), {@link io.hotline.db.DbConfig} (the {@code HOTLINE_DB_*} keys),
 * {@link io.hotline.db.Tx} (the one transaction helper), {@link io.hotline.db.AuditLog} (hash-chained audit rows,
 * here so that both the wallet and the tickets can write them in their own transactions; linked into the chain
 * after commit by {@link io.hotline.db.AuditChainer}), {@link io.hotline.db.SecretHash} (PBKDF2 for passwords,
 * reset codes and PINs stored before the pepper; PINs now use {@code io.hotline.wallet.PinHasher}) and
 * {@link io.hotline.db.DemoData}.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Embedded data lives in {@code <HOTLINE_DATA_DIR>/pg} and is kept between runs; each start picks a free
 *       port (logged, and written to {@code <HOTLINE_DATA_DIR>/pg.port}). A {@code postmaster.pid} left by a
 *       crashed run is handled: an orphaned postgres on the same directory is stopped, a stale file removed; a
 *       directory in use by another running server is refused.</li>
 *   <li>Start-up waits up to {@code HOTLINE_DB_START_WAIT} (10 s) for the database, then fails: the server never
 *       runs on an unmigrated schema. After start, a database outage fails each borrow within two seconds
 *       and the pool reconnects by itself when the database is back.</li>
 *   <li>Demo data goes into a freshly created embedded database, or anywhere with {@code HOTLINE_DB_DEMO=true};
 *       it is never loaded twice.</li>
 *   <li>Times handed out by the data packages are whole microseconds, as PostgreSQL stores them.</li>
 * </ul>
 * This package depends on nothing else in Hotline. Migration versions V1..V9 belong to it (wallet, contact
 * centre); later features take V10 and up.
 */
package io.hotline.db;
