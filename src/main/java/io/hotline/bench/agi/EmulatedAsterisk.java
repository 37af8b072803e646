package io.hotline.bench.agi;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One emulated Asterisk call for the benchmark: connects to a FastAGI server, sends the
 * {@code agi_} block Asterisk 22 sends (bare {@code \n}), answers every command at once with
 * Asterisk's reply shapes, and measures each server turn: from our reply leaving to the
 * server's next command arriving.
 *
 * <p>The caller presses the journey's next key during the first command that listens for it
 * (STREAM FILE / SAY with that key among the escape digits, or WAIT FOR DIGIT); {@code .}
 * lets one WAIT FOR DIGIT time out; a WAIT FOR DIGIT after the last key is a hang-up (an
 * error for the benchmark: the journey did not end where it should).
 *
 * <p>With a listening time the caller takes about that long (uniformly between half and one and a
 * half times it, as prompts differ in length) over every command that plays to them or waits for
 * them (STREAM FILE, SAY, WAIT FOR DIGIT) before the reply goes back, as a real caller listens to a
 * prompt; it is not part of any turn.
 */
final class EmulatedAsterisk {
    /** asterisk-java's handler sets this after every script; not part of the journey's sequence. */
    static final String AJ_STATUS = "AJ_AGISTATUS";

    /** What one call measured. {@code error} is null when the journey ended as expected. */
    @SuppressWarnings("ArrayRecordComponent") // a result read once by the bench, never compared
    record CallResult(long[] turnsNanos, List<String> commands, String error) {}

    private EmulatedAsterisk() {}

    @SuppressFBWarnings(
            value = "UNENCRYPTED_SOCKET",
            justification = "it plays Asterisk, which speaks FastAGI over plain TCP")
    static CallResult call(
            String host,
            int port,
            BenchJourney journey,
            String ani,
            String script,
            String uniqueId,
            java.time.Duration listen) {
        List<String> commands = new ArrayList<>(48);
        long[] turns = new long[64];
        int n = 0;
        String queue = "";
        int nextKey = 0;
        String keys = journey.keys();
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(60_000);
            s.connect(new InetSocketAddress(host, port), 10_000);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 2048);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8), 2048);
            out.write(block(script, ani, uniqueId));
            out.flush();
            long sent = System.nanoTime();
            while (true) {
                String command = in.readLine(); // Hotline ends commands in a bare \n
                long arrived = System.nanoTime();
                if (command == null) {
                    break;
                }
                boolean measured = !command.contains(AJ_STATUS);
                if (measured) {
                    if (n == turns.length) {
                        turns = java.util.Arrays.copyOf(turns, n * 2);
                    }
                    turns[n++] = arrived - sent;
                    commands.add(command);
                }
                String reply;
                if (!listen.isZero()
                        && (command.startsWith("STREAM FILE")
                                || command.startsWith("SAY ")
                                || command.startsWith("WAIT FOR DIGIT"))) {
                    listen(listen);
                }
                if (command.startsWith("STREAM FILE") || command.startsWith("SAY ")) {
                    String escape = lastQuoted(command);
                    boolean pressed = nextKey < keys.length()
                            && keys.charAt(nextKey) != '.'
                            && escape.indexOf(keys.charAt(nextKey)) >= 0;
                    int code = pressed ? keys.charAt(nextKey++) : 0;
                    reply = "200 result=" + code
                            + (command.startsWith("STREAM FILE") ? (pressed ? " endpos=8000" : " endpos=16000") : "");
                } else if (command.startsWith("WAIT FOR DIGIT")) {
                    if (nextKey >= keys.length()) {
                        return new CallResult(
                                java.util.Arrays.copyOf(turns, n),
                                commands,
                                "the caller ran out of keys (the journey did not end as expected)");
                    }
                    char k = keys.charAt(nextKey++);
                    reply = "200 result=" + (k == '.' ? 0 : (int) k);
                } else if (command.startsWith("SET VARIABLE")) {
                    String[] parts = command.split(" ", 4);
                    if (parts.length == 4
                            && io.hotline.telephony.queue.ChannelVariables.baseName(parts[2])
                                    .equals("HOTLINE_QUEUE")) {
                        queue = parts[3].replace("\"", "");
                    }
                    reply = "200 result=1";
                } else if (command.equals("ANSWER")) {
                    reply = "200 result=0";
                } else if (command.equals("HANGUP")) {
                    reply = "200 result=1\nHANGUP";
                } else {
                    return new CallResult(
                            java.util.Arrays.copyOf(turns, n), commands, "unexpected command: " + command);
                }
                out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                sent = System.nanoTime();
            }
        } catch (IOException e) {
            return new CallResult(java.util.Arrays.copyOf(turns, n), commands, "connection: " + e.getMessage());
        }
        String error = queue.equals(journey.expectedQueue())
                ? null
                : "ended in queue '" + queue + "', expected '" + journey.expectedQueue() + "'";
        return new CallResult(java.util.Arrays.copyOf(turns, n), commands, error);
    }

    @SuppressFBWarnings(
            value = "PREDICTABLE_RANDOM",
            justification = "varies a bench caller's listening time, not a secret")
    private static void listen(java.time.Duration listen) throws IOException {
        try {
            long nanos = listen.toNanos();
            // the caller hearing the prompt: this is the emulated audio, not a wait for a result
            Thread.sleep(java.time.Duration.ofNanos(
                    nanos / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(nanos + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listening", e);
        }
    }

    private static byte[] block(String script, String ani, String uniqueId) {
        String b = "agi_network: yes\n"
                + "agi_network_script: " + script + "\n"
                + "agi_request: agi://127.0.0.1:4573/" + script + "\n"
                + "agi_channel: Local/100@hotline-00000002;2\n"
                + "agi_language: en\n"
                + "agi_type: Local\n"
                + "agi_uniqueid: " + uniqueId + "\n"
                + "agi_version: 22.10.1\n"
                + "agi_callerid: " + ani + "\n"
                + "agi_calleridname: Wallet Customer\n"
                + "agi_callingpres: 0\n"
                + "agi_callingani2: 0\n"
                + "agi_callington: 0\n"
                + "agi_callingtns: 0\n"
                + "agi_dnid: unknown\n"
                + "agi_rdnis: unknown\n"
                + "agi_context: hotline\n"
                + "agi_extension: 100\n"
                + "agi_priority: 3\n"
                + "agi_enhanced: 0.0\n"
                + "agi_accountcode: \n"
                + "agi_threadid: 140259675117248\n"
                + "\n";
        return b.getBytes(StandardCharsets.UTF_8);
    }

    /** The last argument of a command, unquoted: the escape digits of STREAM FILE and SAY. */
    private static String lastQuoted(String command) {
        int end = command.lastIndexOf('"');
        if (end > 0) {
            int start = command.lastIndexOf('"', end - 1);
            return start < 0 ? "" : command.substring(start + 1, end);
        }
        return command.substring(command.lastIndexOf(' ') + 1);
    }
}
