package io.hotline.telephony.agi;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.call.Key;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply of Asterisk's {@code res_agi} to one command, as it comes off the wire
 * (bare {@code \n} line ends, see {@code src/test/resources/transcripts/agi-basic.txt}):
 * <pre>
 * 200 result=53 endpos=21760        key '5' (ASCII 53) stopped STREAM FILE at sample 21760
 * 200 result=0 endpos=11234         played to the end / no key
 * 200 result=-1 endpos=42400        hang-up (or failure) during the command
 * 200 result=1234                   GET DATA digits
 * 200 result= (timeout)             GET DATA, nothing typed
 * 200 result=42 (timeout)           GET DATA, some digits then the timeout
 * 200 result=1 (T-0001)             GET VARIABLE: set, value in parentheses
 * 510 Invalid or unknown command
 * 511 Command Not Permitted on a dead channel or intercept routine
 * 520-Invalid command syntax.  Proper usage follows:   (then usage lines, then "520 End of proper usage.")
 * </pre>
 * The asynchronous {@code HANGUP} line is not a reply; {@link AgiLink} takes it out of the
 * stream before a line gets here.
 *
 * @param status     the three-digit status ({@code 200}, {@code 510}, {@code 511}, {@code 520})
 * @param result     the text after {@code result=} (may be empty), or empty for non-200 replies
 * @param data       the text in parentheses after the result, or empty
 * @param attributes {@code key=value} pairs after the result, e.g. {@code endpos}
 * @param text       the reply line as received, for logs and errors
 */
@SuppressFBWarnings(
        value = "REDOS",
        justification = "each repeated attribute starts with a space that no other part matches: linear in the line")
record AgiReply(int status, String result, String data, Map<String, String> attributes, String text) {

    static final int SUCCESS = 200;
    static final int INVALID_COMMAND = 510;
    static final int DEAD_CHANNEL = 511;
    static final int USAGE = 520;

    // 200 result=<token>[ (<data>)][ key=value]*  -- data may hold spaces and parentheses
    private static final Pattern SUCCESS_LINE =
            Pattern.compile("200 result=(\\S*)(?: \\((.*)\\))?((?: [a-z_]+=\\S*)*)");
    private static final Pattern OTHER_LINE = Pattern.compile("([1-5][0-9][0-9])[ -].*");

    AgiReply {
        attributes = Map.copyOf(attributes);
    }

    /**
     * Parses one reply line (without its line end). Returns empty for anything that is not
     * a reply line: garbage, or the {@code HANGUP} notice.
     */
    static Optional<AgiReply> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        Matcher ok = SUCCESS_LINE.matcher(line);
        if (ok.matches()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            for (String pair : ok.group(3).trim().split(" ")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    attrs.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            return Optional.of(new AgiReply(SUCCESS, ok.group(1), ok.group(2) == null ? "" : ok.group(2), attrs, line));
        }
        Matcher other = OTHER_LINE.matcher(line);
        if (other.matches() && !line.startsWith("200")) {
            return Optional.of(new AgiReply(Integer.parseInt(other.group(1)), "", "", Map.of(), line));
        }
        return Optional.empty();
    }

    /** A {@code 520} usage reply spans several lines; this joins them. */
    static AgiReply usage(List<String> lines) {
        return new AgiReply(USAGE, "", "", Map.of(), String.join("\n", lines));
    }

    boolean isSuccess() {
        return status == SUCCESS;
    }

    boolean isDeadChannel() {
        return status == DEAD_CHANNEL;
    }

    /** The result as a number ({@code -1}, {@code 0}, an ASCII code, ...); empty when not numeric. */
    Optional<Integer> code() {
        if (!isSuccess() || result.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(result));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code true} for a {@code 200 result=-1}: hang-up, or the command failed. */
    boolean isMinusOne() {
        return code().filter(c -> c == -1).isPresent();
    }

    /** GET DATA's marker for "the caller stopped typing". */
    boolean isTimeout() {
        return "timeout".equals(data);
    }

    /** A sample offset ({@code endpos}), or -1 when the reply has none. */
    long endpos() {
        try {
            return Long.parseLong(attributes.getOrDefault("endpos", "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The key a digit-returning command (STREAM FILE, SAY *, WAIT FOR DIGIT) reports:
     * {@code result=0} is none, otherwise the key's ASCII code. Empty for codes that are
     * not keys ({@code -1} and anything that is not a DTMF symbol).
     */
    Optional<Key> key() {
        Optional<Integer> c = code();
        if (c.isEmpty() || c.get() < 0) {
            return Optional.empty();
        }
        int code = c.get();
        if (code == 0) {
            return Optional.of(Key.NONE);
        }
        if (code > 127 || "0123456789*#ABCD".indexOf((char) code) < 0) {
            return Optional.empty();
        }
        return Optional.of(Key.of((char) code));
    }

    @Override
    public String toString() {
        return text;
    }
}
