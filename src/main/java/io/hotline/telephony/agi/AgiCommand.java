package io.hotline.telephony.agi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The AGI commands we send, one record each. {@link #line()} renders the command as it
 * goes on the wire (without the line end). Arguments are quoted in exactly one place,
 * {@link #quote}, the way {@code res_agi}'s argument parser reads them back: double quotes
 * group, a backslash escapes the next character.
 */
sealed interface AgiCommand {
    // compiled once: commands are built on every turn of every call
    Pattern DIGITS = Pattern.compile("[0-9]+");
    Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_()]+");

    /** The command line, without {@code \n}. */
    String line();

    /** Whether Asterisk refuses this command on a dead channel ({@code 511}). */
    default boolean needsLiveChannel() {
        return true;
    }

    /** Whether the reply carries a key as an ASCII code. */
    default boolean returnsKey() {
        return false;
    }

    /** A command that listens for a key: its reply carries the key pressed as an ASCII code. */
    sealed interface KeyCommand extends AgiCommand {
        @Override
        default boolean returnsKey() {
            return true;
        }
    }

    record Answer() implements AgiCommand {
        @Override
        public String line() {
            return "ANSWER";
        }
    }

    /** Plays a sound file; Asterisk resolves a relative name under its sounds directory. */
    record StreamFile(String file, String escapeDigits) implements KeyCommand {
        public StreamFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(escapeDigits, "escapeDigits");
        }

        @Override
        public String line() {
            return "STREAM FILE " + token(file) + " " + quote(escapeDigits);
        }
    }

    record SayNumber(long number, String escapeDigits) implements KeyCommand {
        @Override
        public String line() {
            return "SAY NUMBER " + number + " " + quote(escapeDigits);
        }
    }

    record SayDigits(String digits, String escapeDigits) implements KeyCommand {
        public SayDigits {
            if (!DIGITS.matcher(digits).matches()) {
                throw new IllegalArgumentException("SAY DIGITS takes digits only");
            }
        }

        @Override
        public String line() {
            return "SAY DIGITS " + digits + " " + quote(escapeDigits);
        }
    }

    /** Letters and digits one by one (ticket references). */
    record SayAlpha(String text, String escapeDigits) implements KeyCommand {
        @Override
        public String line() {
            return "SAY ALPHA " + quote(text) + " " + quote(escapeDigits);
        }
    }

    /** A date, given as seconds since the epoch; Asterisk says it in the channel's language. */
    record SayDate(long epochSeconds, String escapeDigits) implements KeyCommand {
        @Override
        public String line() {
            return "SAY DATE " + epochSeconds + " " + quote(escapeDigits);
        }
    }

    record WaitForDigit(long millis) implements KeyCommand {
        public WaitForDigit {
            if (millis < 0) {
                throw new IllegalArgumentException("negative wait");
            }
        }

        @Override
        public String line() {
            return "WAIT FOR DIGIT " + millis;
        }
    }

    /**
     * {@code RECORD FILE <file> <format> <escape digits> <timeout ms> 0 BEEP s=<silence s>}: records after a beep
     * until an escape digit, {@code silence} seconds of silence or the timeout. Real replies (res_agi
     * handle_recordfile): {@code 200 result=35 (dtmf) endpos=N} for a key (its ASCII code),
     * {@code 200 result=<n> (timeout) endpos=N} for silence or the timeout ({@code n} is what was left of the last
     * wait, not a key), {@code 200 result=-1 (hangup) endpos=N} when the caller hung up; {@code endpos} is the
     * length in samples (8 kHz for wav). {@code file} is a path without the extension.
     */
    record RecordFile(String file, String format, String escapeDigits, long timeoutMillis, int silenceSeconds)
            implements AgiCommand {
        @Override
        public boolean returnsKey() {
            return true;
        }

        @Override
        public String line() {
            return "RECORD FILE " + token(file) + " " + format + " " + quote(escapeDigits) + " " + timeoutMillis
                    + " 0 BEEP" + (silenceSeconds > 0 ? " s=" + silenceSeconds : "");
        }
    }

    /** Answers {@code 200 result=1} even on a dead channel. */
    record SetVariable(String name, String value) implements AgiCommand {
        public SetVariable {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a channel variable name: '" + name + "'");
            }
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String line() {
            return "SET VARIABLE " + name + " " + quote(value);
        }

        @Override
        public boolean needsLiveChannel() {
            return false;
        }
    }

    /** Answers {@code 200 result=1 (value)} or {@code 200 result=0}, also on a dead channel. */
    record GetVariable(String name) implements AgiCommand {
        @Override
        public String line() {
            return "GET VARIABLE " + quote(name);
        }

        @Override
        public boolean needsLiveChannel() {
            return false;
        }
    }

    /**
     * Evaluates an expression in the channel's context ({@code ${STAT(e,/path)}}, {@code ${ASTDATADIR}}):
     * {@code 200 result=1 (value)}, or {@code 200 result=0} when it names nothing. Unlike AMI and ARI,
     * AGI may read functions Asterisk calls dangerous, such as {@code STAT}.
     */
    record GetFullVariable(String expression) implements AgiCommand {
        public GetFullVariable {
            if (expression.indexOf('\n') >= 0 || expression.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("one line only");
            }
        }

        @Override
        public String line() {
            return "GET FULL VARIABLE " + quote(expression);
        }

        @Override
        public boolean needsLiveChannel() {
            return false;
        }
    }

    record Hangup() implements AgiCommand {
        @Override
        public String line() {
            return "HANGUP";
        }
    }

    /** A command line given as it is; for replaying recorded sessions and the benchmark. */
    record Raw(String text) implements AgiCommand {
        public Raw {
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("one line only");
            }
        }

        @Override
        public String line() {
            return text;
        }
    }

    /**
     * The one place arguments are quoted: always in double quotes, with {@code \} and
     * {@code "} escaped and line ends dropped (a line end would end the command).
     */
    static String quote(String arg) {
        StringBuilder b = new StringBuilder(arg.length() + 2).append('"');
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            switch (c) {
                case '\\', '"' -> b.append('\\').append(c);
                case '\n', '\r' -> {}
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** A single word left bare when it needs no quotes (file names), quoted otherwise. */
    static String token(String arg) {
        return !arg.isEmpty() && arg.chars().allMatch(c -> c > ' ' && c != '"' && c != '\\' && c < 127)
                ? arg
                : quote(arg);
    }
}
