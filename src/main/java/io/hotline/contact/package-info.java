/**
 * What happens around the IVR: queued callbacks that keep the caller's place.
 *
 * <p>A caller offered a callback at a queue node ({@code callback:} in the flow) confirms a number and hangs up;
 * {@link io.hotline.contact.CallbackDesk} books it in PostgreSQL ({@code callbacks}, the number sealed with
 * {@link io.hotline.secrets.NumberVault}, purpose {@code callback}) and keeps a placeholder in the queue through the
 * PBX's {@link io.hotline.telephony.queue.CallbackLine}: its place is the PBX's own ordering, as if the caller had
 * stayed. When an agent takes the placeholder the agent's screen pops with the ticket and the desk calls the caller,
 * who presses 1 to be connected. Unanswered, busy or no key: retried with back-off, then given up (ticket marked, SMS
 * written to the outbox). One node keeps each placeholder under a lease and exactly one dials (a conditional update),
 * so several nodes can share the database, and a restarted node or PBX places the placeholders again.
 */
package io.hotline.contact;
