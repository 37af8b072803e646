package io.hotline.bench.agi;

import io.hotline.emulator.agi.AgiEmulator;
import io.hotline.emulator.agi.AgiResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One benchmark call: the {@link AgiEmulator} (an Asterisk that has every sound file) runs a journey against a
 * FastAGI server, and the call's server turns are kept, command by command: from the emulator's reply leaving to the
 * server's next command arriving. The journey must end where it should: in its queue, without the caller running
 * out of keys, and without a command Asterisk would not know.
 */
final class BenchCall {
    /** asterisk-java's handler sets this after every script; not part of the journey's sequence. */
    static final String AJ_STATUS = "AJ_AGISTATUS";

    /** What one call measured. {@code error} is null when the journey ended as expected. */
    @SuppressWarnings("ArrayRecordComponent") // a result read once by the bench, never compared
    record CallResult(long[] turnsNanos, List<String> commands, String error) {}

    private BenchCall() {}

    /**
     * Calls {@code host:port} as {@code ani} for {@code journey}, the AGI script {@code script}; with a listening
     * time the caller takes about that long over every prompt and key wait (it is not part of any turn).
     */
    static CallResult call(
            String host, int port, BenchJourney journey, String ani, String script, String uniqueId, Duration listen) {
        AgiEmulator call = AgiEmulator.call(port)
                .host(host)
                .script(script)
                .callerId(ani)
                .uniqueId(uniqueId)
                .keys(journey.keys())
                .listening(listen);
        AgiResult seen;
        try {
            seen = call.play();
        } catch (RuntimeException e) {
            return new CallResult(new long[0], List.of(), "emulated Asterisk: " + e);
        }
        long[] all = call.turnsNanos();
        long[] turns = new long[all.length];
        List<String> commands = new ArrayList<>(all.length);
        for (int k = 0; k < all.length && k < seen.commands().size(); k++) {
            String command = seen.commands().get(k);
            if (!command.contains(AJ_STATUS)) {
                turns[commands.size()] = all[k];
                commands.add(command);
            }
        }
        return new CallResult(Arrays.copyOf(turns, commands.size()), commands, error(journey, seen, call));
    }

    /** Why the journey did not end as it should, or null. */
    private static String error(BenchJourney journey, AgiResult seen, AgiEmulator call) {
        String unknown = unknownCommand(seen.wire());
        if (unknown != null) {
            return "unexpected command: " + unknown;
        }
        switch (seen.ending()) {
            case CALLER_HUNG_UP -> {
                if (!seen.commands().contains("HANGUP")) {
                    return "the caller ran out of keys (the journey did not end as expected)";
                }
            }
            case DROPPED, CLOSED_AT_ONCE -> {
                return "connection: " + call.failure().orElse(seen.ending().toString());
            }
            case SCRIPT_ENDED -> {
                // the server ended the session: the journey's queue decides
            }
        }
        String queue = seen.variables().getOrDefault("HOTLINE_QUEUE", "");
        return queue.equals(journey.expectedQueue())
                ? null
                : "ended in queue '" + queue + "', expected '" + journey.expectedQueue() + "'";
    }

    /** The first command the emulator answered as unknown ({@code 510}), or null. */
    private static String unknownCommand(List<String> wire) {
        String last = null;
        for (String line : wire) {
            if (line.startsWith("S>A ")) {
                last = line.substring(4);
            } else if (line.equals("A>S " + AgiEmulator.UNKNOWN)) {
                return last;
            }
        }
        return null;
    }
}
