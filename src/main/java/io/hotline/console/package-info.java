/**
 * The agent console: a Vert.x web server with plain HTML and JavaScript pages
 * ({@code src/main/resources/console/}) for agents, supervisors and admins.
 *
 * <h2>What it shows</h2>
 * <ul>
 *   <li>The <b>queue board</b> ({@link io.hotline.console.QueueBoard}): callers waiting per queue (position,
 *       waiting time, category, priority, verified or not) and the agents with their state, live over the
 *       {@code /ws/console} WebSocket. An agent sees their own queues; supervisors and admins see all.</li>
 *   <li><b>Screen pops</b> ({@link io.hotline.console.PopDesk}): a call ringing an agent appears as incoming,
 *       becomes the active call when answered, and stays (ended) until the agent closes its ticket with a
 *       disposition. A pop shows the masked caller number, the account, how the caller was verified, the
 *       category, the IVR path in words ({@link io.hotline.console.IvrPath}), the recharges, transactions and
 *       freeze involved and the account's earlier tickets ({@link io.hotline.console.PopBuilder}). Pops are
 *       stored ({@code screen_pops}) and sent again when a console reconnects.</li>
 *   <li><b>Tickets</b>: notes, disposition, close; <b>unfreeze</b> for supervisors and admins, with a reason,
 *       audited through {@link io.hotline.wallet.WalletPort#unfreeze}.</li>
 *   <li>The <b>softphone</b> ({@code /softphone.html}, {@link io.hotline.console.SoftphoneSession}): a
 *       simulated caller on the same engine, flows and actions; prompts as text and sound.</li>
 * </ul>
 *
 * <h2>Where events come from</h2>
 * Asterisk's app_queue over AMI ({@link io.hotline.telephony.ami.AmiLink}) and the simulated queues
 * ({@link io.hotline.telephony.sim.SimQueues}) publish the same {@link io.hotline.telephony.queue.QueueEvent}
 * records on the local event bus ({@link io.hotline.console.Console#QUEUE_EVENTS}). A ticket is found by the
 * caller channel's {@code HOTLINE_TICKET} variable, an agent by their queue-member interface
 * ({@code Sim/<login>} for users without one, in the simulator).
 *
 * <h2>Security</h2>
 * Nothing but the sign-in page, static files and {@code /health} without a session. Sessions are in memory
 * ({@link io.hotline.console.Sessions}), in an HTTP-only SameSite=Strict cookie ({@code Secure} unless
 * configured off for plain-http localhost); every state-changing request carries the session's CSRF token;
 * WebSocket upgrades must come from our own origin; sign-in is limited per address
 * ({@link io.hotline.console.SignInLimiter}) and guessing is slowed per login and address
 * ({@link io.hotline.console.SignInThrottle}); the users and their password hashes are
 * {@link io.hotline.users.Users}'. Agents get 404 for tickets of other queues and 403 for unfreezing.
 *
 * <h2>Threads</h2>
 * Everything the console keeps (board, sockets, pops in flight) lives on one event loop
 * ({@link io.hotline.console.ConsoleServer}); the stores' blocking calls and password hashing run on virtual
 * threads ({@link io.hotline.console.Blocking}) and come back to that loop. Events of one call are handled in order.
 *
 * <h2>Data</h2>
 * The console runs no SQL. What it reads and writes belongs to the packages that own the data, and the
 * composition root hands it over in {@link io.hotline.console.ConsoleData}: agents' ticket work and the stored
 * pops ({@code io.hotline.tickets}), the users ({@code io.hotline.users}), agent states ({@code io.hotline.agents}),
 * reports and the queue log ({@code io.hotline.reports}), and whether the database answers ({@code /health}).
 */
package io.hotline.console;
