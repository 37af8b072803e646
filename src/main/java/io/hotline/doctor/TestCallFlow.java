package io.hotline.doctor;

import io.hotline.call.Call;
import io.hotline.call.CallInfo;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.prompts.PromptCatalog;
import io.hotline.prompts.PromptEntry;
import io.hotline.telephony.agi.ChannelExpressions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in flow of {@code hotline doctor}'s test call, run by {@code serve} (or by the doctor's own
 * listener) in place of the flows for a call whose id starts with {@value #CALL_ID_PREFIX}: an id only an
 * AMI {@code Originate} with {@code ChannelId} can give a channel, never an outside caller. It plays one
 * prompt, reads a key the test caller sends, sets the hand-off variables and hands off to the member-less
 * test queue; over FastAGI it first looks at the sounds as Asterisk sees them ({@link SoundProbe}). It
 * opens no ticket and records no session: nothing of it reaches the business tables.
 *
 * <p>It reports back in channel variables ({@code HOTLINE_DOCTOR_*}) that the doctor reads with AMI
 * {@code Getvar}. Threading: the call's own thread.
 */
public final class TestCallFlow {
    private static final Logger log = LoggerFactory.getLogger(TestCallFlow.class);
    /** The unique id prefix of a test call's channels. */
    public static final String CALL_ID_PREFIX = "hotline-doctor-";
    /** The ticket reference the test call carries: never a real ticket's. */
    static final String TICKET_PREFIX = "TEST-";

    static final String STAGE = "HOTLINE_DOCTOR_STAGE";
    static final String KEY = "HOTLINE_DOCTOR_KEY";
    static final String PLAYED = "HOTLINE_DOCTOR_PLAYED";
    static final String DATADIR = "HOTLINE_DOCTOR_DATADIR";
    static final String PROMPTDIR = "HOTLINE_DOCTOR_PROMPTDIR";
    static final String PROMPTDIR_SEEN = "HOTLINE_DOCTOR_PROMPTDIR_SEEN";
    static final String CHECKED = "HOTLINE_DOCTOR_CHECKED";
    static final String MISSING = "HOTLINE_DOCTOR_MISSING";
    static final String PARTIAL = "HOTLINE_DOCTOR_PARTIAL";
    static final String CORE_MISSING = "HOTLINE_DOCTOR_CORE_MISSING";
    /** How many names a list variable carries at most (after the count). */
    static final int LISTED = 12;

    private static final int LISTEN_TURNS = 5;
    private static final Duration LISTEN = Duration.ofSeconds(2);

    private final Supplier<PromptCatalog> catalog;
    private final String soundsPrefix;
    private final String testQueue;

    /**
     * @param catalog      the published flows' prompts (what callers can hear now)
     * @param soundsPrefix {@code HOTLINE_SOUNDS_PREFIX}, as the FastAGI adapter plays prompts from it
     * @param testQueue    {@code HOTLINE_DOCTOR_QUEUE}
     */
    public TestCallFlow(Supplier<PromptCatalog> catalog, String soundsPrefix, String testQueue) {
        this.catalog = Objects.requireNonNull(catalog);
        this.soundsPrefix = Objects.requireNonNull(soundsPrefix);
        this.testQueue = Objects.requireNonNull(testQueue);
    }

    /** Whether a call is the doctor's test call. */
    public static boolean isTestCall(CallInfo info) {
        return info.callId().startsWith(CALL_ID_PREFIX);
    }

    /** A call handler that runs test calls here and every other call through {@code normal}. */
    public Consumer<Call> around(Consumer<Call> normal) {
        return call -> {
            if (isTestCall(call.info())) {
                run(call);
            } else {
                normal.accept(call);
            }
        };
    }

    /** Runs the test flow on one call (see the class comment). */
    public void run(Call call) {
        String lang = call.info().language();
        log.info(
                "call {}: hotline doctor's test call (not a caller): test flow, then queue {}",
                call.info().callId(),
                testQueue);
        call.setVariables(Map.of(STAGE, "answered"));
        PromptCatalog prompts = catalog.get();
        Optional<PromptEntry> prompt = prompts.entries().stream()
                .filter(e -> e.lang().equals(lang))
                .findFirst()
                .or(() -> prompts.entries().stream().findFirst());
        boolean playable = true;
        if (call instanceof ChannelExpressions asterisk) {
            SoundProbe.Result r = SoundProbe.run(asterisk, soundsPrefix, prompts);
            call.setVariables(report(r));
            playable = prompt.isPresent()
                    && r.promptDirSeen()
                    && !r.missing()
                            .contains(prompt.get().lang() + "/" + prompt.get().id());
        }
        if (prompt.isPresent() && playable) {
            PromptEntry p = prompt.get();
            call.play(List.of(new PromptPart.Recorded(p.id(), p.text())), p.lang(), "");
            call.setVariables(Map.of(PLAYED, soundsPrefix + "/" + p.lang() + "/" + p.id()));
        }
        Key key = Key.NONE;
        for (int turn = 0; turn < LISTEN_TURNS && key.isNone(); turn++) {
            call.setVariables(Map.of(STAGE, "listening"));
            key = call.waitForKey(LISTEN);
        }
        // the key stays on the channel until the doctor has seen it and says so with '#': after the hand-off
        // the channel may be gone at once (a dialplan that hangs up when the test queue is missing)
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(KEY, key.isNone() ? "" : key.toString());
        vars.put(STAGE, "read");
        call.setVariables(vars);
        for (int turn = 0; turn < LISTEN_TURNS * 2 && !key.isNone(); turn++) {
            if (call.waitForKey(LISTEN).symbol() == '#') {
                break;
            }
        }
        String ticket = TICKET_PREFIX
                + call.info().callId().substring(CALL_ID_PREFIX.length()).replace(";", "-");
        call.setVariables(Map.of(STAGE, "handed-off"));
        // every variable the screen pop reads, with test values
        call.handToQueue(new QueueHandoff(testQueue, 1, ticket, "doctor-test", "doctor-test", false, lang, ""));
    }

    static Map<String, String> report(SoundProbe.Result r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DATADIR, r.dataDir());
        m.put(PROMPTDIR, r.promptDir());
        m.put(PROMPTDIR_SEEN, r.promptDirSeen() ? "1" : "0");
        m.put(CHECKED, Integer.toString(r.checked()));
        m.put(MISSING, list(r.missing()));
        m.put(PARTIAL, list(r.partial()));
        m.put(CORE_MISSING, list(r.coreMissing()));
        return m;
    }

    /** {@code <count>:<first names, comma separated>}. */
    static String list(List<String> names) {
        return names.size() + ":" + String.join(",", names.subList(0, Math.min(LISTED, names.size())));
    }
}
