/**
 * Queue and agent events, whatever PBX produced them: Asterisk's app_queue seen over AMI
 * ({@code io.hotline.telephony.ami}) or the in-process simulated queues
 * ({@code io.hotline.telephony.sim.SimQueues}). The console consumes only these records,
 * so a screen pop looks the same whichever side rang the agent.
 *
 * <p>Producers hand events to a {@link io.hotline.telephony.queue.QueueEventSink}; the sink
 * must not block (the console's sink publishes on the Vert.x event bus).
 */
package io.hotline.telephony.queue;
