/**
 * Agents as the queues see them: agent state ({@link io.hotline.agents.AgentState}: offline, available,
 * paused with a reason, after-call work), stored with every change ({@link io.hotline.agents.AgentStore}),
 * and what it means for queue membership ({@link io.hotline.agents.AgentDesk}), carried out on the PBX
 * through the {@link io.hotline.agents.QueueMembers} port: the simulated queues, and app_queue over AMI
 * ({@code QueueAdd}, {@code QueueRemove}, {@code QueuePause} with the reason).
 *
 * <p>Decisions: the console's WebSocket is what "signed in" means for the queues (opening it signs an
 * offline agent in; the sign-out button removes them); a console gone longer than the grace period pauses the
 * agent ({@code away}) rather than removing them, so a flaky network does not lose their place; a call
 * that rang an agent unanswered pauses them ({@code missed}) so that it goes to the next agent instead of
 * ringing the same one again; after-call work is a pause on the PBX ({@code wrap-up}).
 *
 * <p>Several nodes sharing the database each keep the states they changed; an agent's consoles should be
 * on one node (the cluster's sticky sessions).
 */
package io.hotline.agents;
