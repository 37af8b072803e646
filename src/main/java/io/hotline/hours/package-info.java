/**
 * Opening hours: what the hotline's calendar ({@code calendar.yaml}, read by {@code io.hotline.flow} with the
 * flows and published with them) means at a moment. {@link io.hotline.hours.OpeningHours} answers whether a queue
 * is open and when it opens next; the engine asks it for a call's {@code hours} nodes and before a hand-off (a
 * closed queue gets a ticket and a message instead), and other parts (callbacks) ask it through
 * {@link io.hotline.hours.OpeningHours#published}.
 *
 * <p>Depends only on {@code flow}. No clock of its own: callers pass the moment, so tests choose it.
 */
package io.hotline.hours;
