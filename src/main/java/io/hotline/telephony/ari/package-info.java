/**
 * The ARI adapter: serves calls that Asterisk sends to the Stasis application
 * ({@code Stasis(hotline[,flow-id])}) through the {@link io.hotline.call.Call} port.
 *
 * <p>Shape: {@link io.hotline.telephony.ari.AriClient} owns one Vert.x context. The
 * {@code /ari/events} WebSocket ({@code EventLink}) and every REST reply ({@code AriRest},
 * Vert.x web client) are handled there; frames become {@code AriEvent} records and go to the
 * call's {@code ChannelSession}, a small state machine confined to that context. Each call
 * runs on its own virtual thread; {@code AriCall} hops to the context to start an operation
 * and parks the virtual thread on its future. Nothing blocks the event loop, and per-call
 * state lives only in the client instance's map of sessions.
 *
 * <p>Decisions (from the recorded Asterisk 22 sessions in ../shared/asterisk/transcripts):
 * <ul>
 *   <li>Barge-in: DTMF does not stop an ARI playback, so a key in the interrupt set returns at once and
 *       makes us {@code DELETE /playbacks/{id}} in the background (404 when the playback had
 *       just ended is fine). Not waiting for the DELETE's reply keeps the moment when nothing
 *       listens as short as between two AGI commands: under load, that round trip was long
 *       enough to lose the next digits the caller typed. All parts of one {@code play} are one playback
 *       with several media, so one stop silences the rest of the prompt.</li>
 *   <li>Keys pressed while neither a prompt with interrupt keys nor a wait listens are
 *       dropped: the same semantics as AGI, which has no type-ahead, so flows behave the same
 *       over both.</li>
 *   <li>Media ({@link io.hotline.prompts.PhoneSpeech}, as over AGI): recorded prompts are
 *       {@code sound:<HOTLINE_SOUNDS_PREFIX>/<lang>/<id>} (an absolute prefix stays absolute);
 *       in English numbers, digits and references use {@code number:}, {@code digits:},
 *       {@code characters:} with {@code lang}, amounts {@link io.hotline.prompts.AmountReading},
 *       and dates Asterisk's core {@code digits/mon-N} and ordinal sounds ({@code h-1}..{@code h-20},
 *       {@code h-30}; 21..29 and 31 are {@code digits/20}/{@code 30} + {@code h-N}, as SAY
 *       DATETIME says them) + the year; in Chinese everything is Hotline's own prompts.</li>
 *   <li>Queue hand-off: variables (the {@code __} prefix makes them reach the agent leg),
 *       {@code __HOTLINE_QUEUE} and {@code QUEUE_PRIO} as over AGI, then {@code POST /channels/{id}/continue} to
 *       {@code queues,<queue>,1} — continue, not redirect (a SIP-level transfer).</li>
 *   <li>Hang-up: ChannelHangupRequest, StasisEnd or ChannelDestroyed end the call; the pending
 *       operation (or the next one) throws {@link io.hotline.call.CallEnded}. A 404/409/422
 *       reply to a channel request is the same race seen from the other side and also ends
 *       the call with {@code CallEnded}; other failures are
 *       {@link io.hotline.call.TelephonyException}s.</li>
 *   <li>Events sent while the WebSocket is down are lost. After reconnecting we read
 *       {@code GET /applications/{app}}: our calls that Asterisk no longer holds end; a
 *       pending prompt whose PlaybackFinished was lost is checked with
 *       {@code GET /playbacks/{id}}; channels we did not know are answered and served from the
 *       flow's start (flow id from {@code dialplan.app_data}). When the link stays down longer
 *       than {@code HOTLINE_ARI_LINK_TIMEOUT}, pending operations fail as telephony errors.</li>
 *   <li>Credentials travel in a Basic {@code Authorization} header on REST and on the
 *       WebSocket handshake, never as {@code api_key} in a URL that could be logged.</li>
 * </ul>
 */
package io.hotline.telephony.ari;
