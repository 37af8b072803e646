/**
 * Simulated calls and simulated queues: the PBX used by the {@code call} command, the
 * console's softphone page and the tests. The same engine, flows and actions run; only
 * the {@link io.hotline.call.Call} adapter differs.
 *
 * <p>A simulated caller is a {@link io.hotline.telephony.sim.SimCaller}: scripted (a key
 * string, for {@code hotline call --keys}) or live (keys from a browser).
 */
package io.hotline.telephony.sim;
