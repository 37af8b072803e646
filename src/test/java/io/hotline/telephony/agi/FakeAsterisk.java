package io.hotline.telephony.agi;

import io.hotline.telephony.AsteriskSounds;
import io.hotline.telephony.Dialplan;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays Asterisk 22 to our FastAGI server over a real TCP socket, byte for byte as in
 * {@code src/test/resources/transcripts/agi-basic.txt}: it connects, sends the 22-line
 * {@code agi_} block of session A (with this call's script, caller id, language and unique
 * id) and an empty line, all with bare {@code \n}; then answers each command with the reply
 * shapes Asterisk uses ({@code 200 result=53 endpos=8000}, {@code 200 result=0},
 * {@code 511 Command Not Permitted on a dead channel or intercept routine},
 * {@code 510 Invalid or unknown command}, ...).
 *
 * <p>The caller is scripted by a key string, as {@code hotline call --keys} takes it: the
 * next key is pressed during the first command that listens for it (a STREAM FILE or SAY
 * whose escape digits contain it interrupts and returns the key's ASCII code; WAIT FOR DIGIT
 * takes any key); {@code .} lets one WAIT FOR DIGIT time out; when the keys have run out
 * and the server waits for a digit, the caller hangs up during that wait.
 *
 * <p>Sound files follow res_agi and main/say.c (see {@link #sounds}): a STREAM FILE of a
 * file this Asterisk does not have answers {@code 200 result=-1 endpos=0} and the session
 * ends with {@code AGISTATUS=FAILURE} ({@link Result#agiStatus}); {@link Result#dialplanQueue}
 * says where the shipped dialplan then sends the caller.
 *
 * <p>Hang-up timing follows the transcripts: a hang-up during a media command answers
 * {@code 200 result=-1} and then writes {@code HANGUP}; a hang-up while idle writes
 * {@code HANGUP} at once; afterwards media commands get {@code 511} while SET/GET VARIABLE,
 * VERBOSE and EXEC still answer {@code 200}; when the server closes its side, Asterisk
 * writes a last {@code HANGUP} and closes.
 */
final class FakeAsterisk {
    static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";
    static final String UNKNOWN = "510 Invalid or unknown command";
    private static final AtomicInteger UNIQUE = new AtomicInteger(1795393722);
    private static final Set<String> DEAD_OK =
            Set.of("SET VARIABLE", "GET VARIABLE", "GET FULL VARIABLE", "VERBOSE", "EXEC");

    /** How the AGI session ended, as the dialplan would see it. */
    enum Ending {
        /** The server ended the session on a live channel: AGISTATUS=SUCCESS, the dialplan continues. */
        SCRIPT_ENDED,
        /** The caller hung up: AGISTATUS=HANGUP, the dialplan stops. */
        CALLER_HUNG_UP,
        /** We dropped the connection on purpose (EOF / reset tests). */
        DROPPED,
        /** The server closed the connection without sending a single command. */
        CLOSED_AT_ONCE
    }

    /**
     * What the fake saw. {@code wire} has every line with its direction, as in the transcripts;
     * {@code variables} are the channel's variables as Asterisk reads them (a {@code __} prefix
     * is not part of the name), {@code inherited} the names that were set with {@code _}/{@code __}.
     */
    record Result(
            Ending ending,
            List<String> commands,
            Map<String, String> variables,
            Set<String> inherited,
            List<String> wire,
            String agiStatus,
            List<String> unplayed,
            List<String> notInLanguage) {
        /** Commands whose first words are {@code prefix}. */
        List<String> commands(String prefix) {
            return commands.stream().filter(c -> c.startsWith(prefix)).toList();
        }

        /**
         * Where the shipped dialplan ({@code [hotline]} extension 100) sends the caller after
         * this AGI session, from {@code AGISTATUS} and the variables Hotline set; empty when it
         * hangs up or the caller is gone.
         */
        Optional<String> dialplanQueue() {
            if (ending == Ending.CALLER_HUNG_UP) {
                return Optional.empty(); // AGI() returns -1 on a hung-up channel: the dialplan stops
            }
            Map<String, String> outcome = new java.util.HashMap<>(variables);
            outcome.put("AGISTATUS", agiStatus);
            return Dialplan.shipped().queueAfter("hotline", "100", outcome);
        }
    }

    // --- the scripted caller and the failure plan (set before start) ---
    private final int port;
    private String script = "main";
    private String callerId = "13800138000";
    private String language = "en";
    private String uniqueId = UNIQUE.getAndIncrement() + ".5";
    private List<String> args = List.of();
    private List<String> block;
    private String keys = "";
    private int hangupIdleAfter = -1;
    private int hangupDuring = -1;
    private boolean hangupLineLate;
    private boolean silentDeath;
    private int garbageAt = -1;
    private String garbage = "this is not AGI";
    private int closeAt = -1;
    private int halfCloseAt = -1;
    private int resetAt = -1;
    private Set<String> missingFiles = Set.of();
    private AsteriskSounds.Installed sounds = AsteriskSounds.forFakes();

    // --- state of the running call ---
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<String> wire = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> variables = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> inherited = Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private final List<String> unplayed = Collections.synchronizedList(new ArrayList<>());
    /** Files RECORD FILE wrote. */
    private final List<String> recorded = Collections.synchronizedList(new ArrayList<>());

    private final List<String> notInLanguage = Collections.synchronizedList(new ArrayList<>());
    /** A command failed as res_agi's RESULT_FAILURE: the session ends with AGISTATUS=FAILURE. */
    private volatile boolean failed;

    private int nextKey;
    private volatile boolean dead;
    private boolean pendingHangupLine;
    private Socket socket;
    private volatile OutputStream out;

    private FakeAsterisk(int port) {
        this.port = port;
    }

    /** A call to our server on {@code port} (127.0.0.1). */
    static FakeAsterisk call(int port) {
        return new FakeAsterisk(port);
    }

    /** What follows {@code agi://127.0.0.1:4573/}: the flow id, maybe with a query string. */
    FakeAsterisk script(String s) {
        this.script = s;
        return this;
    }

    FakeAsterisk callerId(String id) {
        this.callerId = id;
        return this;
    }

    FakeAsterisk uniqueId(String id) {
        this.uniqueId = id;
        return this;
    }

    /** The unique id Asterisk gives this call ({@code agi_uniqueid}): the server's call id. */
    String uniqueId() {
        return uniqueId;
    }

    FakeAsterisk language(String lang) {
        this.language = lang;
        return this;
    }

    /** AGI arguments ({@code AGI(agi://...,first arg,second)} gives {@code agi_arg_1}, ...). */
    FakeAsterisk args(String... a) {
        this.args = List.of(a);
        return this;
    }

    /** Sends these lines as the agi_ block instead of a well-formed one. */
    FakeAsterisk rawBlock(List<String> lines) {
        this.block = List.copyOf(lines);
        return this;
    }

    FakeAsterisk keys(String k) {
        this.keys = k.replaceAll("\\s+", "");
        return this;
    }

    /** The caller hangs up while no command runs, right after the reply to command {@code n} (1-based). */
    FakeAsterisk hangupIdleAfter(int n) {
        this.hangupIdleAfter = n;
        return this;
    }

    /** The caller hangs up during command {@code n} (1-based). */
    FakeAsterisk hangupDuring(int n) {
        this.hangupDuring = n;
        return this;
    }

    /** The HANGUP line comes only after the server's next command, before its reply (session G). */
    FakeAsterisk hangupLineLate() {
        this.hangupLineLate = true;
        return this;
    }

    /** The channel dies without a HANGUP line before the next reply: the server only sees 511. */
    FakeAsterisk silentDeath() {
        this.silentDeath = true;
        return this;
    }

    /** Answers command {@code n} with a line that is not AGI. */
    FakeAsterisk garbageAt(int n, String line) {
        this.garbageAt = n;
        this.garbage = line;
        return this;
    }

    /** Closes the socket when command {@code n} arrives, without answering. */
    FakeAsterisk closeAt(int n) {
        this.closeAt = n;
        return this;
    }

    /** Shuts down its sending side when command {@code n} arrives (half-close), then reads until EOF. */
    FakeAsterisk halfCloseAt(int n) {
        this.halfCloseAt = n;
        return this;
    }

    /** Resets the connection (RST) when command {@code n} arrives. */
    FakeAsterisk resetAt(int n) {
        this.resetAt = n;
        return this;
    }

    /** These files are missing too (besides what {@link #sounds} lacks). */
    FakeAsterisk missingFiles(String... files) {
        this.missingFiles = Set.of(files);
        return this;
    }

    /**
     * The sound files this Asterisk has; by default ({@link AsteriskSounds#forFakes}) its core
     * English sounds, the shipped flows' generated prompts under {@code hotline/} and the
     * adapter tests' own few prompts. A STREAM FILE of any other file answers
     * {@code 200 result=-1 endpos=0} and makes the session end as {@code AGISTATUS=FAILURE}, as
     * res_agi's handle_streamfile does; SAY commands play the files main/say.c would.
     */
    FakeAsterisk sounds(AsteriskSounds.Installed installed) {
        this.sounds = installed;
        return this;
    }

    /**
     * The caller hangs up now, whatever the server is doing (e.g. running an action): the
     * HANGUP line is written at once, and later media commands get 511. Any thread.
     */
    synchronized void hangUpNow() {
        if (dead || out == null) {
            return;
        }
        dead = true;
        try {
            send("HANGUP");
        } catch (IOException e) {
            // the connection is already gone: so is the caller
        }
    }

    /** Connects and plays the call on a virtual thread. */
    FakeAsterisk start() {
        Thread.ofVirtual().name("fake-asterisk-" + uniqueId).start(this::run);
        return this;
    }

    /** Waits for the call to end. */
    Result await() {
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("fake Asterisk call did not end: " + wire, e);
        }
    }

    private void run() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket = s;
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            synchronized (this) {
                out = s.getOutputStream();
                for (String line : block == null ? wellFormedBlock() : block) {
                    send(line);
                }
                send("");
            }
            done.complete(dialogue(in));
        } catch (IOException e) {
            done.complete(result(commands.isEmpty() ? Ending.CLOSED_AT_ONCE : Ending.DROPPED));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private Result dialogue(InputStream in) throws IOException {
        int n = 0;
        while (true) {
            String command = readLine(in);
            if (command == null) {
                // the server ended the AGI script: Asterisk says HANGUP once more and closes
                trySend("HANGUP");
                return result(dead ? Ending.CALLER_HUNG_UP : n == 0 ? Ending.CLOSED_AT_ONCE : Ending.SCRIPT_ENDED);
            }
            n++;
            wire.add("S>A " + command);
            commands.add(command);
            if (n == closeAt) {
                socket.close();
                return result(Ending.DROPPED);
            }
            if (n == resetAt) {
                socket.setSoLinger(true, 0);
                socket.close();
                return result(Ending.DROPPED);
            }
            if (n == halfCloseAt) {
                socket.shutdownOutput();
                while (readLine(in) != null) {
                    // the server may still write; Asterisk would not read it
                }
                return result(Ending.DROPPED);
            }
            synchronized (this) {
                if (pendingHangupLine) {
                    pendingHangupLine = false;
                    send("HANGUP");
                }
                if (n == garbageAt) {
                    send(garbage);
                    continue;
                }
            }
            synchronized (this) {
                answer(command, n == hangupDuring);
                if (n == hangupIdleAfter && !dead) {
                    dead = true;
                    hangupLine();
                }
            }
        }
    }

    private void answer(String command, boolean hangNow) throws IOException {
        List<String> a = parseArgs(command);
        String verb = verb(a);
        if (dead) {
            send(DEAD_OK.contains(verb) ? normalReply(verb, a) : DEAD);
            return;
        }
        switch (verb) {
            case "STREAM FILE" -> {
                if (hangNow) {
                    hangupDuringMedia("200 result=-1 endpos=8000");
                } else if (!present(a.get(2))) {
                    // handle_streamfile: "200 result=-1 endpos=0" and RESULT_FAILURE
                    unplayed.add(a.get(2));
                    failed = true;
                    send("200 result=-1 endpos=0");
                } else {
                    heard(a.get(2));
                    int key = listen(a.size() > 3 ? a.get(3) : "");
                    send(key > 0 ? "200 result=" + key + " endpos=8000" : "200 result=0 endpos=16000");
                }
            }
            case "SAY NUMBER", "SAY DIGITS", "SAY ALPHA", "SAY DATE" -> {
                if (hangNow) {
                    hangupDuringMedia("200 result=-1");
                } else if (!say(verb, a.get(2))) {
                    failed = true;
                    send("200 result=-1");
                } else {
                    send("200 result=" + listen(a.size() > 3 ? a.get(3) : ""));
                }
            }
            case "WAIT FOR DIGIT" -> {
                if (hangNow || nextKey >= keys.length()) {
                    hangupDuringMedia("200 result=-1");
                } else {
                    char k = keys.charAt(nextKey++);
                    send("200 result=" + (k == '.' || k == '~' ? 0 : (int) k));
                }
            }
            case "RECORD FILE" -> recordFile(a, hangNow);
            case "ANSWER" -> {
                if (hangNow) {
                    hangupDuringMedia("200 result=-1");
                } else {
                    send("200 result=0");
                }
            }
            case "HANGUP" -> {
                send("200 result=1");
                dead = true;
                hangupLine();
            }
            case "CHANNEL STATUS" -> send("200 result=6");
            default -> {
                send(normalReply(verb, a));
                if (hangNow) {
                    dead = true;
                    hangupLine();
                }
            }
        }
    }

    /**
     * As res_agi's handle_recordfile (Asterisk 22): after the beep, writes {@code <file>.<format>} (here, where the
     * path says: the fake shares Hotline's host) and answers {@code 200 result=35 (dtmf) endpos=N} when the caller
     * speaks ({@code ~}: {@link #SPOKEN_SECONDS} s of a {@value #TONE_HZ} Hz tone) and presses #; a silent caller
     * is stopped by the silence detector, the silence trimmed off: {@code 200 result=<ms left> (timeout) endpos=0};
     * a hang-up: {@code 200 result=-1 (hangup) endpos=N}.
     */
    private void recordFile(List<String> a, boolean hangNow) throws IOException {
        java.nio.file.Path file = java.nio.file.Path.of(a.get(2) + "." + a.get(3));
        long timeout = Long.parseLong(a.get(5));
        boolean speaks = nextKey < keys.length() && keys.charAt(nextKey) == '~';
        if (speaks) {
            nextKey++;
        }
        int samples = speaks ? SPOKEN_SECONDS * 8000 : 0;
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, toneWav(speaks ? TONE_HZ : 0, samples));
        recorded.add(file.toString());
        if (hangNow) {
            hangupDuringMedia("200 result=-1 (hangup) endpos=" + samples);
        } else if (speaks) {
            send("200 result=35 (dtmf) endpos=" + samples);
        } else {
            send("200 result=" + Math.max(0, timeout - 5000) + " (timeout) endpos=0");
        }
    }

    static final int SPOKEN_SECONDS = io.hotline.journeys.VoiceTone.SECONDS;
    static final int TONE_HZ = io.hotline.journeys.VoiceTone.HZ;

    private static byte[] toneWav(double hertz, int samples) {
        return io.hotline.journeys.VoiceTone.wav(hertz, samples);
    }

    private String channelLanguage() {
        return variables.getOrDefault("CHANNEL(language)", language);
    }

    private boolean present(String file) {
        return !missingFiles.contains(file) && sounds.exists(file, channelLanguage());
    }

    private void heard(String file) {
        if (!sounds.inLanguage(file, channelLanguage())) {
            notInLanguage.add(file);
        }
    }

    /**
     * Plays what main/say.c plays for a SAY command; false when it fails as Asterisk's does
     * (a file that ast_streamfile cannot open ends say_filenames with -1). SAY DIGITS and ALPHA
     * skip files that do not exist; Chinese SAY NUMBER skips them too (it ignores
     * ast_streamfile's result), saying a wrong number without failing.
     */
    private boolean say(String verb, String arg) {
        String lang = channelLanguage();
        List<String> files = switch (verb) {
            case "SAY NUMBER" -> AsteriskSounds.sayNumber(Long.parseLong(arg), lang);
            case "SAY DIGITS" -> AsteriskSounds.sayDigits(arg);
            case "SAY ALPHA" -> AsteriskSounds.sayCharacters(arg);
            default ->
                AsteriskSounds.sayDate(
                        java.time.Instant.ofEpochSecond(Long.parseLong(arg))
                                .atZone(java.time.ZoneOffset.UTC)
                                .toLocalDate(),
                        lang);
        };
        boolean skips = (!verb.equals("SAY NUMBER") && !verb.equals("SAY DATE")) || lang.startsWith("zh");
        for (String f : files) {
            if (present(f)) {
                heard(f);
            } else {
                unplayed.add(f);
                if (!skips) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The key pressed during a listening command, as its ASCII code, or 0. */
    private int listen(String escapeDigits) {
        if (escapeDigits.isEmpty() || nextKey >= keys.length()) {
            return 0;
        }
        char k = keys.charAt(nextKey);
        if (k != '.' && escapeDigits.indexOf(k) >= 0) {
            nextKey++;
            return k;
        }
        return 0;
    }

    private String normalReply(String verb, List<String> a) {
        return switch (verb) {
            case "SET VARIABLE" -> {
                String name = a.get(2).replaceFirst("^_{1,2}", "");
                // like pbx_builtin_setvar_helper: the new value replaces the old one, and the
                // prefix of this SET decides whether it is inherited
                if (!name.equals(a.get(2))) {
                    inherited.add(name);
                } else {
                    inherited.remove(name);
                }
                variables.put(name, a.size() > 3 ? a.get(3) : "");
                yield "200 result=1";
            }
            case "GET VARIABLE" -> {
                String v = variables.get(a.get(2));
                yield v == null ? "200 result=0" : "200 result=1 (" + v + ")";
            }
            case "VERBOSE" -> "200 result=1";
            case "EXEC" -> "200 result=0";
            default -> UNKNOWN;
        };
    }

    private void hangupDuringMedia(String reply) throws IOException {
        send(reply);
        dead = true;
        hangupLine();
    }

    private void hangupLine() throws IOException {
        if (silentDeath) {
            return;
        }
        if (hangupLineLate) {
            pendingHangupLine = true;
        } else {
            send("HANGUP");
        }
    }

    private static String verb(List<String> a) {
        if (a.isEmpty()) {
            return "";
        }
        String one = a.get(0).toUpperCase(Locale.ROOT);
        String two = a.size() > 1 ? one + " " + a.get(1).toUpperCase(Locale.ROOT) : one;
        String three = a.size() > 2 ? two + " " + a.get(2).toUpperCase(Locale.ROOT) : two;
        for (String v : List.of(three, two, one)) {
            if (Set.of(
                            "STREAM FILE",
                            "SAY NUMBER",
                            "SAY DIGITS",
                            "SAY ALPHA",
                            "SAY DATE",
                            "WAIT FOR DIGIT",
                            "SET VARIABLE",
                            "GET VARIABLE",
                            "GET FULL VARIABLE",
                            "ANSWER",
                            "HANGUP",
                            "VERBOSE",
                            "EXEC",
                            "CHANNEL STATUS",
                            "RECORD FILE")
                    .contains(v)) {
                return v;
            }
        }
        return one;
    }

    /**
     * Splits a command line the way res_agi's {@code parse_args} does: blanks separate
     * arguments, double quotes group (and are dropped), a backslash takes the next character.
     * {@code verb(...)} joins the first words back into the command name; the arguments
     * follow at index 2 (or 3 for three-word commands, which only WAIT FOR DIGIT is).
     */
    static List<String> parseArgs(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean inArg = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inArg = true;
            } else if (c == '"') {
                quoted = !quoted;
                inArg = true;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                if (inArg) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inArg = false;
                }
            } else {
                cur.append(c);
                inArg = true;
            }
        }
        if (inArg) {
            out.add(cur.toString());
        }
        // WAIT FOR DIGIT has three words: fold them so arguments start at index 2 for every verb
        if (out.size() >= 3 && out.get(0).equalsIgnoreCase("WAIT") && out.get(1).equalsIgnoreCase("FOR")) {
            out.set(1, "FOR " + out.remove(2));
        }
        if (out.size() >= 3 && out.get(0).equalsIgnoreCase("GET") && out.get(1).equalsIgnoreCase("FULL")) {
            out.set(1, "FULL " + out.remove(2));
        }
        return out;
    }

    private List<String> wellFormedBlock() {
        List<String> lines = new ArrayList<>();
        for (String l : Transcripts.load("agi-basic.txt").get("A").block()) {
            String name = l.substring(0, l.indexOf(':'));
            lines.add(
                    switch (name) {
                        case "agi_network_script" -> name + ": " + script;
                        case "agi_request" -> name + ": agi://127.0.0.1:4573/" + script;
                        case "agi_language" -> name + ": " + language;
                        case "agi_uniqueid" -> name + ": " + uniqueId;
                        case "agi_callerid" -> name + ": " + callerId;
                        default -> l;
                    });
        }
        for (int i = 0; i < args.size(); i++) {
            lines.add("agi_arg_" + (i + 1) + ": " + args.get(i));
        }
        return lines;
    }

    private void send(String line) throws IOException {
        wire.add("A>S " + line);
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void trySend(String line) {
        try {
            send(line);
        } catch (IOException e) {
            // the server already closed both sides: Asterisk's last HANGUP goes nowhere
        }
    }

    private Result result(Ending ending) {
        // run_agi: a failure is kept to the end; else a hung-up channel is HANGUP
        String status = failed ? "FAILURE" : dead ? "HANGUP" : "SUCCESS";
        return new Result(
                ending,
                List.copyOf(commands),
                Map.copyOf(variables),
                Set.copyOf(inherited),
                List.copyOf(wire),
                status,
                List.copyOf(unplayed),
                List.copyOf(notInLanguage));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c;
            try {
                c = in.read();
            } catch (IOException e) {
                return null;
            }
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.UTF_8);
            }
            b.write(c);
        }
    }
}
