package io.hotline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotline.call.CallInfo;
import io.hotline.config.Settings;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.Transcript;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline call}: one whole simulated call, in-process, on the same engine, flows,
 * actions and database as {@code serve}; prints what was said, keys, actions and the end.
 */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        description = {
            "Run one simulated call through the flows and print its transcript.",
            "Keys 0-9 * # are pressed in order whenever the flow listens; '.' stays silent for one wait;",
            "'~' speaks when a voice message is recorded (3 s of a tone, then #);",
            "spaces are ignored; when the keys run out and the flow waits for more, the caller hangs up."
        })
public final class CallCommand implements Callable<Integer> {
    private static final AtomicLong SEQ = new AtomicLong();

    @Option(names = "--ani", description = "The caller's number (default: withheld).", defaultValue = "")
    String ani;

    @Option(names = "--keys", description = "Keys the caller presses, e.g. \"2 1\".", defaultValue = "")
    String keys;

    @Option(names = "--flow", description = "Flow to start in (default: ${DEFAULT-VALUE}).", defaultValue = "main")
    String flow;

    @Option(names = "--lang", description = "Caller's language (default: ${DEFAULT-VALUE}).", defaultValue = "en")
    String language;

    @Option(names = "--json", description = "Print the transcript as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ScriptedCaller caller;
        try {
            caller = new ScriptedCaller(keys);
        } catch (IllegalArgumentException e) {
            System.err.println("hotline call: " + e.getMessage());
            return 2;
        }
        if (System.getenv("HOTLINE_LOG_LEVEL") == null) {
            // the transcript is the output; start-up chatter only when asked for
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        try (Hotline hotline = Hotline.startTool(Settings.fromEnvironment())) {
            String callId = "sim-" + System.currentTimeMillis() + "-" + SEQ.incrementAndGet();
            var info = new CallInfo(callId, ani, "", language, flow, "sim", Map.of());
            var transcript = new Transcript();
            CallEnding ending = hotline.engine().run(new SimCall(info, caller, null), transcript);
            if (json) {
                var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                System.out.println(mapper.writeValueAsString(transcript.toJson(
                        callId,
                        info.maskedAni(),
                        flow,
                        hotline.flows().current().version())));
            } else {
                System.out.println("call " + callId + " from " + (ani.isEmpty() ? "withheld" : info.maskedAni())
                        + " to flow '" + flow + "' (flows v"
                        + hotline.flows().current().version() + ")");
                System.out.print(transcript.render());
            }
            return ending.reason() == CallEnding.Reason.ERROR ? 1 : 0;
        }
    }
}
