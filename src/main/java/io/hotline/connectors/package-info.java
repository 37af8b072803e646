/**
 * Connectors to the wallet company's systems: its wallet API ({@link io.hotline.connectors.HttpWallet}, the
 * {@link io.hotline.wallet.WalletPort}'s HTTP adapter, {@code HOTLINE_WALLET=http}; see below) and the SMS senders. {@link io.hotline.connectors.SmsSender}
 * drains the wallet's outbox ({@link io.hotline.wallet.SmsOutbox}) through one {@link io.hotline.connectors.SmsGateway}:
 * {@link io.hotline.connectors.SmppGateway} (SMPP 3.4 with jSMPP), {@link io.hotline.connectors.HttpGateway} (an SMS
 * provider's webhook) or {@link io.hotline.connectors.LogGateway} (the default: logs, sends nothing). It implements the
 * wallet's {@link io.hotline.wallet.SmsDispatch} port; this package depends on the wallet and db only, and the
 * wallet never touches a socket.
 *
 * <h2>Two ways a message is sent</h2>
 * <ul>
 *   <li><b>In the call</b> (reset codes): the action queues the message and the same thread submits it at once,
 *       retrying with a short back-off while {@code HOTLINE_SMS_WAIT} lasts, and starts no attempt whose answer
 *       could come after it. The caller hears "sent" only once the centre accepted it. Otherwise the message is
 *       cancelled and its code made void, never sent later, so "we could not send the code" stays true.</li>
 *   <li><b>In the background</b> (freeze notices, texts): at least once. Claimed in batches with
 *       {@code FOR UPDATE SKIP LOCKED} and a lease, retried with exponential back-off and jitter
 *       ({@code HOTLINE_SMS_RETRY_MIN}..{@code RETRY_MAX}) up to {@code HOTLINE_SMS_ATTEMPTS}, taken over by
 *       another node once the lease of a node that died mid-send lapses.</li>
 * </ul>
 *
 * <h2>Why reset codes are sealed with a key that lives only in memory</h2>
 * The issue asked to keep secrets out of stored text. The choices were: store only a hash (but then the sender
 * cannot render the text), encrypt the code with a configured key (a new secret for operators to make, share
 * between nodes, rotate and keep out of backups), or keep the code only in memory (but then the outbox is not what
 * the sender reads). We seal it: AES-256-GCM under a key each process makes at random when it starts and never
 * writes anywhere ({@code io.hotline.wallet.CodeSeal}), bound to the recipient's number, and the sealed bytes are
 * dropped as soon as the message is settled. That fits because a reset code is sent by the node that took the call,
 * within the call's few seconds: no other node, and no restart, ever needs to open it. If the node dies, the call
 * died with it and the code is void anyway. So a database dump, a backup, a replica or an operator reading
 * {@code sms_outbox} sees the text with {@code ******} and bytes nobody can open, and there is no key to leak or to
 * configure: {@code ./hotline serve} still starts with no settings. The hash in {@code reset_codes} is what
 * checking a code uses ({@code POST /api/v1/reset-codes/verify}).
 *
 * <h2>The at-least-once window</h2>
 * SMPP has no idempotency key. A {@code submit_sm} whose {@code submit_sm_resp} is lost (timeout, link drop) may
 * have been accepted; the sender treats it as not accepted and tries again, so the phone may get the message twice.
 * The window is kept small: one submit waits at most {@code HOTLINE_SMS_SUBMIT_TIMEOUT} (1.5 s); the acceptance is
 * committed right after the response, in its own short transaction; a message is held by one sender at a time
 * (lease, fencing token), and the lease ({@code HOTLINE_SMS_LEASE}, at least four submit timeouts) only lapses when a
 * node stalls or dies. The HTTP gateway sends {@code Idempotency-Key: hotline-sms-<id>}, the same on every attempt,
 * so a provider that honours it closes the window.
 *
 * <h2>The wallet API</h2>
 * {@link io.hotline.connectors.HttpWallet} implements the wallet port on the API that {@code docs/wallet-api.yaml}
 * describes ({@link io.hotline.connectors.WalletConfig} for the {@code HOTLINE_WALLET_*} keys). The transport
 * ({@code WalletApi}) is one JDK {@code HttpClient} (pooled keep-alive connections, HTTP/2 over https, a bearer token
 * and/or a client certificate from PEM files, {@code WalletTls}). Decided:
 * <ul>
 *   <li>Timeouts per attempt by kind (read, write), and the worst case of all attempts is checked at start against
 *       the shortest action budget of the shipped flows (2 s reads, 3 s writes), so the adapter gives up and the
 *       flow takes its {@code error} exit before the engine's own timeout would cut the action off.</li>
 *   <li>Retried: reads, and the writes that carry an {@code Idempotency-Key} (freeze, reset code, unlock; the key is
 *       made from the call and the account, so every attempt of one call carries the same). Never retried: a PIN
 *       check (a wrong PIN counts) and a supervisor's unfreeze. A 4xx is never retried.</li>
 *   <li>One resilience4j circuit breaker for the whole API (one core system behind it): timeouts, refused or dropped
 *       connections and 5xx count; while open, requests fail at once without being sent.</li>
 *   <li>An answer off the document (missing field, unknown value) is treated like no answer: nothing unconfirmed is
 *       ever said to the caller.</li>
 *   <li>The limits per calling number stay in Hotline's database ({@link io.hotline.wallet.CallerLimits}); the wallet
 *       keeps the per-account PIN lockout and reports it.</li>
 *   <li>With the HTTP wallet, reset codes and freeze notices are the wallet company's to make and send; Hotline's
 *       outbox and its verify API serve the built-in wallet.</li>
 * </ul>
 */
package io.hotline.connectors;
