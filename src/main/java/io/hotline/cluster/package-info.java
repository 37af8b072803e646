/**
 * Several server nodes on one PostgreSQL, working as one, with nothing but PostgreSQL between them.
 *
 * <ul>
 *   <li>{@link io.hotline.cluster.ClusterLink}: what a node's console publishes for the others (a message for an
 *       agent's WebSocket such as a screen pop, a queue event, a change of queue membership for the node holding the
 *       AMI link) goes to every other node through LISTEN/NOTIFY, large payloads through the
 *       {@code cluster_messages} table; at most once, to the nodes listening at that moment. Queue events travel as
 *       JSON ({@link io.hotline.cluster.QueueEventJson});
 *   <li>{@link io.hotline.cluster.LinkLeases}: which node holds each link to a PBX (the AMI and ARI connections), as
 *       PostgreSQL session-level advisory locks, so that two nodes never talk to one Asterisk at once and another
 *       node takes over when the holder dies. The links see only the port,
 *       {@link io.hotline.telephony.queue.LinkLease}.
 * </ul>
 *
 * <p>Both reconnect with the shared back-off ({@link io.hotline.config.Backoff}). Built by the composition root
 * ({@code io.hotline.server.Server}) when {@code serve} runs.
 */
package io.hotline.cluster;
