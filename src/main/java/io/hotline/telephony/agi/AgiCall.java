package io.hotline.telephony.agi;

import io.hotline.call.Call;
import io.hotline.call.CallEnded;
import io.hotline.call.CallInfo;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.call.TelephonyException;
import io.hotline.prompts.PhoneSpeech;
import io.hotline.telephony.queue.ChannelVariables;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call carried over FastAGI: each {@link Call} operation becomes AGI commands on the
 * call's own connection, one at a time.
 *
 * <ul>
 *   <li>What to play is {@link PhoneSpeech}'s reading of the parts in the caller's language:
 *       a prompt → {@code STREAM FILE <prefix>/<lang>/<id> "<keys>"}; what Asterisk says
 *       itself (English numbers, digits, characters, dates) → {@code SAY NUMBER / DIGITS /
 *       ALPHA / DATE}. Mandarin dynamic parts are all Hotline prompts (Asterisk has no
 *       Chinese sounds). The interrupt keys are the escape digits.</li>
 *   <li>A language other than the channel's → {@code SET VARIABLE CHANNEL(language) <lang>}
 *       first (only when it changes), so SAY commands speak that language.</li>
 *   <li>{@link #waitForKey} → {@code WAIT FOR DIGIT <ms>}; {@link #setVariables} →
 *       {@code SET VARIABLE}; {@link #handToQueue} → SET VARIABLE of the hand-off's variables,
 *       {@code __HOTLINE_QUEUE} and {@code QUEUE_PRIO}, after which the server ends the AGI
 *       session and the dialplan runs {@code Queue()}.</li>
 * </ul>
 *
 * <p>Hang-up: a {@code HANGUP} line (whenever it came), a {@code 511} reply, or the
 * connection closing end the call with {@link CallEnded}. A {@code result=-1} reply ends
 * it too when Asterisk confirms with {@code HANGUP} within the grace period; without that
 * confirmation, a {@code -1} to a playback that played nothing is what Asterisk answers for
 * a missing sound file, so it is logged and the call goes on (a real hang-up then shows
 * on the next command as {@code 511}).
 *
 * <p>Threading: one thread, the call's, as the {@link Call} contract says.
 */
final class AgiCall implements Call, ChannelExpressions {
    private static final Logger log = LoggerFactory.getLogger(AgiCall.class);
    private static final String DTMF = "0123456789*#ABCD";
    private static final java.util.regex.Pattern LANGUAGE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

    private final CallInfo info;
    private final AgiLink link;
    private final AgiConfig config;
    private String channelLanguage;
    private boolean answered;
    private boolean ended;
    private QueueHandoff handoff;

    AgiCall(CallInfo info, AgiLink link, AgiConfig config) {
        this.info = Objects.requireNonNull(info);
        this.link = Objects.requireNonNull(link);
        this.config = Objects.requireNonNull(config);
        this.channelLanguage = info.language();
    }

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public Key play(List<PromptPart> parts, String language, String interruptKeys) {
        requireInIvr();
        for (int i = 0; i < interruptKeys.length(); i++) {
            if (DTMF.indexOf(interruptKeys.charAt(i)) < 0) {
                throw new IllegalArgumentException("not a DTMF key in interruptKeys: " + interruptKeys);
            }
        }
        useLanguage(language);
        for (PhoneSpeech.Sound sound : PhoneSpeech.of(parts, language)) {
            Key key = switch (sound) {
                case PhoneSpeech.Sound.Prompt p -> sound(language, p.id(), interruptKeys);
                case PhoneSpeech.Sound.Number n ->
                    keyCommand(new AgiCommand.SayNumber(n.value(), interruptKeys), interruptKeys);
                case PhoneSpeech.Sound.Digits d ->
                    keyCommand(new AgiCommand.SayDigits(d.digits(), interruptKeys), interruptKeys);
                case PhoneSpeech.Sound.Characters c ->
                    keyCommand(new AgiCommand.SayAlpha(c.value(), interruptKeys), interruptKeys);
                case PhoneSpeech.Sound.Date d ->
                    keyCommand(
                            new AgiCommand.SayDate(
                                    // noon UTC: Asterisk turns the instant into a date in its own time zone,
                                    // and noon stays on the same calendar day from UTC-11 to UTC+11
                                    d.date().toEpochSecond(LocalTime.NOON, ZoneOffset.UTC), interruptKeys),
                            interruptKeys);
            };
            if (!key.isNone()) {
                return key;
            }
        }
        return Key.NONE;
    }

    @Override
    public Key waitForKey(Duration timeout) {
        requireInIvr();
        long ms = Math.max(0, timeout.toMillis());
        return keyCommand(new AgiCommand.WaitForDigit(ms), DTMF);
    }

    /**
     * {@code RECORD FILE} into {@link AgiConfig#recordingsDir()} on Asterisk's host, then the file is read from
     * {@link AgiConfig#recordingsLocal()} (the same directory, shared) and deleted there. A hang-up while
     * recording gives what was said until then; the next command then fails as after any hang-up.
     */
    @Override
    public io.hotline.call.Recording record(io.hotline.call.RecordRequest request) {
        requireInIvr();
        var command = new AgiCommand.RecordFile(
                config.recordingsDir() + "/" + request.name(),
                "wav",
                request.stopKeys(),
                request.maxLength().toMillis(),
                (int) Math.max(0, request.silence().toSeconds()));
        AgiReply reply = exec(command);
        String how = reply.text().contains("(dtmf)")
                ? "dtmf"
                : reply.text().contains("(hangup)") ? "hangup" : reply.text().contains("(timeout)") ? "timeout" : "";
        if (how.isEmpty()) {
            throw new TelephonyException("Asterisk could not record: " + reply.text());
        }
        log.info("call {}: recorded {} (Asterisk: {})", info.callId(), request.name(), reply.text());
        long samples = Math.max(0, reply.endpos());
        Duration length = Duration.ofMillis(samples / 8);
        io.hotline.call.Recording.Ended end = switch (how) {
            case "dtmf" -> io.hotline.call.Recording.Ended.KEY;
            case "hangup" -> io.hotline.call.Recording.Ended.HANGUP;
            default ->
                length.compareTo(request.maxLength().minusSeconds(1)) >= 0
                        ? io.hotline.call.Recording.Ended.MAX_LENGTH
                        : io.hotline.call.Recording.Ended.SILENCE;
        };
        if (end == io.hotline.call.Recording.Ended.HANGUP) {
            ended = true; // what was said is kept; the next command fails as after any hang-up
        }
        java.nio.file.Path file = config.recordingsLocal().resolve(request.name() + ".wav");
        try {
            byte[] audio = java.nio.file.Files.exists(file) ? java.nio.file.Files.readAllBytes(file) : new byte[0];
            java.nio.file.Files.deleteIfExists(file);
            if (audio.length == 0 && samples > 0) {
                log.warn(
                        "call {}: Asterisk recorded {} ms but {} is not in the shared recordings directory",
                        info.callId(),
                        length.toMillis(),
                        file);
            }
            return new io.hotline.call.Recording(audio, "audio/wav", audio.length == 0 ? Duration.ZERO : length, end);
        } catch (java.io.IOException e) {
            throw new TelephonyException(
                    "call " + info.callId() + ": cannot read the recording " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void setVariables(Map<String, String> variables) {
        requireInIvr();
        // sorted: the same call sends the same commands every time
        new TreeMap<>(variables).forEach((name, value) -> exec(new AgiCommand.SetVariable(name, value)));
    }

    @Override
    public void handToQueue(QueueHandoff order) {
        requireInIvr();
        Map<String, String> vars = ChannelVariables.of(order);
        vars.forEach((name, value) -> exec(new AgiCommand.SetVariable(name, value)));
        handoff = order;
        log.info(
                "call {} leaves the IVR for queue {} (priority {}, ticket {})",
                info.callId(),
                order.queue(),
                order.priority(),
                order.ticketRef().isEmpty() ? "none" : order.ticketRef());
    }

    @Override
    public void hangup() {
        if (ended || handoff != null || link.isClosed()) {
            return;
        }
        ended = true;
        try {
            link.pollIdle();
            if (!link.hangupSeen()) {
                link.send(new AgiCommand.Hangup());
            }
        } catch (CallEnded | TelephonyException e) {
            log.debug(
                    "call {}: HANGUP not confirmed ({}); the connection closes anyway", info.callId(), e.getMessage());
        }
    }

    @Override
    public String evaluate(String expression) {
        AgiReply reply = exec(new AgiCommand.GetFullVariable(expression));
        return "1".equals(reply.result()) ? reply.data() : "";
    }

    /** The hand-off, when the call left for a queue. */
    QueueHandoff handoff() {
        return handoff;
    }

    boolean ended() {
        return ended;
    }

    private Key sound(String language, String id, String interruptKeys) {
        if (id.isBlank() || id.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("prompt id must be one word: '" + id + "'");
        }
        return keyCommand(
                new AgiCommand.StreamFile(config.soundsPrefix() + "/" + language + "/" + id, interruptKeys),
                interruptKeys);
    }

    private void useLanguage(String language) {
        if (language.equals(channelLanguage)) {
            return; // set and checked before
        }
        if (!LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("not a language code: '" + language + "'");
        }
        exec(new AgiCommand.SetVariable("CHANNEL(language)", language));
        channelLanguage = language;
    }

    /** Runs a command whose reply is a key: {@code 0} none, an ASCII code, or {@code -1}. */
    private Key keyCommand(AgiCommand command, String interruptKeys) {
        AgiReply reply = exec(command);
        if (reply.isMinusOne()) {
            boolean playedSome = reply.endpos() > 0;
            if (playedSome || link.awaitHangup(config.hangupGrace())) {
                throw gone("caller hung up during " + command.getClass().getSimpleName());
            }
            log.warn(
                    "call {}: {} answered -1 but no HANGUP followed within {} ms; carrying on as after a failed"
                            + " playback (a missing sound file answers so){}",
                    info.callId(),
                    command.getClass().getSimpleName(),
                    config.hangupGrace().toMillis(),
                    command instanceof AgiCommand.StreamFile f ? ": " + f.file() : "");
            return Key.NONE;
        }
        Key key = reply.key().orElseThrow(() -> new AgiProtocolException("not a key result: " + reply.text()));
        if (!key.isNone() && interruptKeys.indexOf(key.symbol()) < 0) {
            log.debug("call {}: ignoring key {} that was not asked for", info.callId(), key);
            return Key.NONE;
        }
        return key;
    }

    /** Sends one command, first answering the channel; turns hang-up signs into {@link CallEnded}. */
    private AgiReply exec(AgiCommand command) {
        if (ended) {
            throw new CallEnded("the call has ended");
        }
        link.pollIdle();
        if (link.hangupSeen()) {
            throw gone("caller hung up");
        }
        if (!answered && command.needsLiveChannel()) {
            answered = true;
            check(new AgiCommand.Answer(), link.send(new AgiCommand.Answer()));
        }
        AgiReply reply = check(command, link.send(command));
        if (link.hangupSeen() && !(command.returnsKey() && reply.isMinusOne())) {
            throw gone("caller hung up");
        }
        return reply;
    }

    private AgiReply check(AgiCommand command, AgiReply reply) {
        if (reply.isDeadChannel()) {
            throw gone("caller hung up (dead channel)");
        }
        if (!reply.isSuccess()) {
            throw new TelephonyException(
                    "Asterisk refused " + command.getClass().getSimpleName() + ": " + reply.text());
        }
        if (command instanceof AgiCommand.Answer && reply.isMinusOne()) {
            throw gone("caller hung up before the answer");
        }
        return reply;
    }

    private CallEnded gone(String why) {
        ended = true;
        return new CallEnded(why);
    }

    private void requireInIvr() {
        if (handoff != null) {
            throw new IllegalStateException("the call has left the IVR for queue " + handoff.queue());
        }
    }
}
