package io.hotline.bench.agi;

import io.hotline.call.Call;
import io.hotline.call.CallHandler;
import io.hotline.call.PromptPart;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a recorded command sequence through the {@link Call} port of our FastAGI adapter,
 * with no engine, flows or database behind it: the adapter's own share of a turn, measured
 * against asterisk-java doing the same.
 */
public final class ReplayHandler implements CallHandler {
    private static final Pattern STREAM = Pattern.compile("STREAM FILE (\\S+)/([^/ ]+)/(\\S+) \"(.*)\"");
    private static final Pattern SAY = Pattern.compile("SAY (NUMBER|DIGITS|ALPHA|DATE) \"?([^\"]*)\"? \"(.*)\"");
    private static final Pattern SET = Pattern.compile("SET VARIABLE (\\S+) \"(.*)\"");
    private static final Pattern WAIT = Pattern.compile("WAIT FOR DIGIT (\\d+)");

    private final Map<String, List<String>> sequences;

    /** {@code sequences} by flow id ({@code agi://host/<journey name>}). */
    public ReplayHandler(Map<String, List<String>> sequences) {
        this.sequences = Map.copyOf(sequences);
    }

    @Override
    @SuppressWarnings("AssignmentExpression") // one matcher tried after another reads best in the conditions
    public void handle(Call call) {
        List<String> sequence = sequences.get(call.info().flowId());
        if (sequence == null) {
            return;
        }
        String language = call.info().language();
        for (String line : sequence) {
            Matcher m;
            if (line.equals("ANSWER")) {
                // nothing to do: the adapter answers before its first media command
            } else if ((m = STREAM.matcher(line)).matches()) {
                call.play(List.of(new PromptPart.Recorded(m.group(3), m.group(3))), m.group(2), m.group(4));
            } else if ((m = SAY.matcher(line)).matches()) {
                PromptPart part = switch (m.group(1)) {
                    case "NUMBER" -> new PromptPart.Number(Long.parseLong(m.group(2)));
                    case "DIGITS" -> new PromptPart.Digits(m.group(2));
                    case "ALPHA" -> new PromptPart.Characters(m.group(2));
                    default ->
                        new PromptPart.Date(Instant.ofEpochSecond(Long.parseLong(m.group(2)))
                                .atOffset(ZoneOffset.UTC)
                                .toLocalDate());
                };
                call.play(List.of(part), language, m.group(3));
            } else if ((m = SET.matcher(line)).matches()) {
                if (m.group(1).equals("CHANNEL(language)")) {
                    language = m.group(2);
                } else {
                    call.setVariables(Map.of(m.group(1), m.group(2)));
                }
            } else if ((m = WAIT.matcher(line)).matches()) {
                call.waitForKey(Duration.ofMillis(Long.parseLong(m.group(1))));
            } else {
                throw new IllegalArgumentException("cannot replay: " + line);
            }
        }
    }
}
