/**
 * FastAGI adapter: Asterisk connects to {@code agi://host:4573/<flow-id>} and the call runs
 * through the engine over that one connection.
 *
 * <h2>What is public</h2>
 * {@link io.hotline.telephony.agi.AgiServer} (start, port, close, counters),
 * {@link io.hotline.telephony.agi.AgiConfig} (settings) and
 * {@link io.hotline.call.CallHandler} (what runs a call; in {@code serve}, the
 * engine). The rest is package-private: {@code AgiLink} (line protocol, {@code HANGUP}
 * tracking), {@code AgiReply} (reply parser), {@code AgiCommand} (commands, quoting in its
 * {@code quote}/{@code token} only), {@code AgiRequest} (the {@code agi_} block),
 * {@code AgiCall} (the {@link io.hotline.call.Call} port) and {@code AgiSession}.
 *
 * <h2>Why not asterisk-java's {@code DefaultAgiServer}</h2>
 * asterisk-java 3.42.2 is used for what fits and for the benchmark's baseline
 * ({@code hotline bench agi} runs a bare asterisk-java {@code DefaultAgiServer} script), but
 * its server is not used to carry calls, for reasons found in its source:
 * <ul>
 *   <li>{@code AbstractAgiServer} runs connections on a {@code ThreadPoolExecutor} with a
 *       maximum size (rejecting calls beyond it); overriding {@code createPool()} still gives a
 *       pool. We start one virtual thread per connection instead, with no cap.</li>
 *   <li>{@code AgiConnectionHandler} keeps every live call in a static
 *       {@code AGI_CONNECTION_HANDLERS} map and the channel in a {@code ThreadLocal}: the
 *       process-wide call state our style rules out.</li>
 *   <li>{@code FastAgiReader} drops the {@code HANGUP} line without telling anyone. After a
 *       hang-up {@code SET VARIABLE} and {@code GET VARIABLE} still answer {@code 200}
 *       (transcript agi-basic C), so a queue hand-off would be "done" for a caller who is
 *       gone. We must see that line wherever it arrives.</li>
 *   <li>A connection that closes before or inside its {@code agi_} block is still handed to a
 *       script as a request with no script name (logged as an error), and after every script
 *       the handler sends {@code SET VARIABLE AJ_AGISTATUS}: an extra round trip per call,
 *       and noise for every port probe.</li>
 *   <li>{@code DefaultAgiServer} cannot tell the port it bound (port 0 in tests) and offers no
 *       hook to refuse a peer before reading from it.</li>
 * </ul>
 * The protocol layer that replaces it is small: lines with bare {@code \n}, one command at a
 * time, replies parsed by one regular expression, checked against every reply line of the
 * recorded transcripts ({@code AgiReplyTest}, {@code TranscriptReplayIT}).
 *
 * <h2>Hang-up</h2>
 * The caller is gone when Asterisk sends {@code HANGUP} (idle, before a reply, or after a
 * {@code -1}), answers {@code 511}, or closes/resets the socket; the next {@code Call}
 * method throws {@link io.hotline.call.CallEnded} (before sending anything if the
 * {@code HANGUP} line is already waiting). {@code 200 result=-1} to a playback that played
 * nothing is also what Asterisk answers for a missing sound file, so the call waits up to
 * {@code HOTLINE_AGI_HANGUP_GRACE} for the {@code HANGUP} line that confirms a hang-up; with
 * none the file is reported missing and the call goes on. An action the engine already
 * committed stays committed: the adapter only learns of the hang-up at its next command.
 *
 * <h2>Queue hand-off: the AGI session ends before {@code Queue()}</h2>
 * {@code handToQueue} sets the hand-off's variables on the caller's channel
 * ({@code __HOTLINE_TICKET}, {@code __HOTLINE_ACCOUNT}, ...: inherited by the agent's leg, and
 * listed in manager.conf's {@code channelvars} so app_queue's AMI events carry them), plus
 * {@code __HOTLINE_QUEUE} (inherited too: a plain SET after the inherited one would end its
 * inheritance) and {@code QUEUE_PRIO} (app_queue's priority), and then the server ends the
 * AGI session. The dialplan ({@code docker/asterisk/extensions.conf}) sees
 * {@code HOTLINE_QUEUE} and goes to {@code [queues]}, which runs {@code Queue()}. We do not {@code EXEC Queue} from AGI because the wait can last many
 * minutes: the FastAGI socket would sit idle for all of it (NAT, firewalls and our own reply
 * timeout cut idle connections), a restart of Hotline would drop every waiting caller, and
 * each waiting caller would hold a connection and a thread here for nothing. If the AGI
 * itself fails (Hotline down), {@code AGISTATUS} is {@code FAILURE} and the dialplan sends
 * the caller to {@code general-support}; but a queue Hotline set wins whatever
 * {@code AGISTATUS} says, since a single failed STREAM FILE (a missing file) also ends the
 * session as {@code FAILURE}.
 *
 * <h2>Sound files</h2>
 * A recorded prompt is {@code STREAM FILE <HOTLINE_SOUNDS_PREFIX>/<lang>/<id>} with the
 * prefix {@code hotline} by default. Asterisk resolves a relative name under its sounds
 * directory ({@code /var/lib/asterisk/sounds/hotline/en/welcome.wav}) and picks the format
 * itself, so the project's {@code sounds/} directory is mounted there (see
 * {@code docker/asterisk/}). An absolute prefix works too ({@code STREAM FILE /srv/sounds/en/<id>}:
 * Asterisk opens an absolute name as it is). Dynamic parts are read as
 * {@link io.hotline.prompts.PhoneSpeech} says: in English SAY NUMBER / DIGITS / ALPHA / DATE
 * with Asterisk's core sounds (amounts with the fixed prompts {@code hotline.yuan},
 * {@code hotline.fen}, ... between), in Chinese only prompts the catalog generates.
 */
package io.hotline.telephony.agi;
