/**
 * The contact-centre records: {@link io.hotline.tickets.Tickets} (one ticket per call, opened or updated as the
 * call goes on; reference {@code T-} and six digits) and {@link io.hotline.tickets.CallSessions} (one row per
 * call: written at start as {@code in_progress}, completed at the end; {@code markInterrupted()} at server start
 * closes what a crash left open). The audit log is {@link io.hotline.db.AuditLog}.
 *
 * <p>What agents do to tickets from the console ({@link io.hotline.tickets.TicketWork}: taken, notes, a transfer
 * to another queue, closing with a disposition, the open and abandoned lists) and the screen pops stored with
 * their ticket ({@link io.hotline.tickets.PopStore}) live here too, so that the console runs no SQL.
 */
package io.hotline.tickets;
