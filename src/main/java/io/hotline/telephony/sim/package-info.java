/**
 * Simulated calls and simulated queues: the PBX used by the {@code call} command, the
 * console's softphone page and the tests. The same engine, flows and actions run; only
 * the {@link io.hotline.call.Call} adapter differs.
 *
 * <p>A simulated caller is a {@link io.hotline.telephony.sim.SimCaller}: scripted (a key
 * string, for {@code hotline call --keys}) or live (keys from a browser).
 *
 * <p>{@link io.hotline.telephony.sim.SimQueues} stands in for app_queue: a simulated call handed to a
 * queue waits there and is offered to a ready agent of that queue (an agent with the console open), one
 * at a time, longest idle first, ringing for {@code HOTLINE_SIM_RING}; the agent answers from the console.
 * It publishes the same {@link io.hotline.telephony.queue.QueueEvent}s in the same order as Asterisk does
 * over AMI, so a simulated call pops exactly like a real one. Its channels are named {@code Sim/...}.
 */
package io.hotline.telephony.sim;
