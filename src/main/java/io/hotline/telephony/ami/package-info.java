/**
 * The AMI link (asterisk-java's {@code ManagerConnection}): queue and agent events from Asterisk's app_queue
 * for the console's board and screen pops.
 *
 * <p>{@link io.hotline.telephony.ami.AmiLink} logs in (MD5 challenge: the secret never crosses the wire or
 * the log), reconnects with back-off ({@code HOTLINE_AMI_RETRY_MIN} doubling up to {@code _MAX}, with a
 * fresh connection each time), pings to notice a silent peer, and after every (re)connect re-reads every
 * queue with {@code QueueStatus} ({@link io.hotline.telephony.ami.QueueResync}): events sent while the link
 * was down are lost. {@code QueueEntry} carries no channel variables, so each waiting caller's ticket is
 * asked for with {@code Getvar}.
 *
 * <p>{@link io.hotline.telephony.ami.AmiTranslator} turns QueueCallerJoin / Leave / Abandon, AgentCalled /
 * Connect / Complete / RingNoAnswer and QueueMemberStatus into
 * {@link io.hotline.telephony.queue.QueueEvent}s. The ticket comes from the caller channel's
 * {@code ChanVariable: HOTLINE_TICKET} (manager.conf {@code channelvars}); asterisk-java drops the agent
 * leg's {@code DestChanVariable} lines, and the caller's leg always has what the IVR set. The caller's
 * number is masked at once. Listener callbacks run on asterisk-java's event thread and only translate and
 * publish; they never block.
 *
 * <p>Tests: {@link io.hotline.emulator.ami.AmiEmulator} is a real TCP server on port 0 that logs asterisk-java in and replays the
 * recorded Asterisk 22 streams in {@code src/test/resources/transcripts/}.
 */
package io.hotline.telephony.ami;
