package io.hotline.emulator.agi;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.emulator.asterisk.CallerVoice;
import io.hotline.emulator.asterisk.Sounds;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays Asterisk 22 to a FastAGI server over a real TCP socket, byte for byte as the recorded sessions
 * ({@code src/test/resources/transcripts/agi-basic.txt}): it connects, sends the 22-line {@code agi_} block of
 * session A (with this call's script, caller id, language and unique id) and an empty line, all with bare
 * {@code \n}; then answers each command with the reply shapes Asterisk uses ({@code 200 result=53 endpos=8000},
 * {@code 200 result=0}, {@code 511 Command Not Permitted on a dead channel or intercept routine},
 * {@code 510 Invalid or unknown command}, ...). The one FastAGI stand-in of the tests and of
 * {@code hotline bench agi}.
 *
 * <p>The caller is scripted by a key string, as {@code hotline call --keys} takes it ({@link CallerKeys}): the next
 * key is pressed during the first command that listens for it (a STREAM FILE or SAY whose escape digits contain it
 * interrupts and returns the key's ASCII code; WAIT FOR DIGIT takes any key); {@code .} lets one WAIT FOR DIGIT time
 * out; when the keys have run out and the server waits for a digit, the caller hangs up during that wait. With a
 * {@link #listening} time the caller takes about that long over every prompt and key wait before the reply goes back.
 *
 * <p>Sound files follow res_agi and main/say.c ({@link #sounds}; by default it has every file): a STREAM FILE of a
 * file this Asterisk does not have answers {@code 200 result=-1 endpos=0} and the session ends with
 * {@code AGISTATUS=FAILURE} ({@link AgiResult#agiStatus}).
 *
 * <p>Hang-up timing follows the transcripts: a hang-up during a media command answers {@code 200 result=-1} and then
 * writes {@code HANGUP}; a hang-up while idle writes {@code HANGUP} at once; afterwards media commands get
 * {@code 511} while SET/GET VARIABLE, VERBOSE and EXEC still answer {@code 200}; when the server closes its side,
 * Asterisk writes a last {@code HANGUP} and closes. Each turn (from a reply leaving to the server's next command
 * arriving) is timed ({@link #turnsNanos}).
 */
@SuppressFBWarnings(
        value = {
            "IS2_INCONSISTENT_SYNC",
            "AT_STALE_THREAD_WRITE_OF_PRIMITIVE",
            "AT_NONATOMIC_OPERATIONS_ON_SHARED_VARIABLE",
            "AT_NONATOMIC_64BIT_PRIMITIVE"
        },
        justification = "the plan is set before start() (Thread.start orders it before the call's thread reads it);"
                + " turn times are written by the call's one thread and read after the call's future completes")
public final class AgiEmulator {
    public static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";
    public static final String UNKNOWN = "510 Invalid or unknown command";
    private static final AtomicInteger UNIQUE = new AtomicInteger(1795393722);
    private static final Set<String> DEAD_OK =
            Set.of("SET VARIABLE", "GET VARIABLE", "GET FULL VARIABLE", "VERBOSE", "EXEC");
    private static final Set<String> LISTENING =
            Set.of("STREAM FILE", "SAY NUMBER", "SAY DIGITS", "SAY ALPHA", "SAY DATE", "WAIT FOR DIGIT");

    // --- the scripted caller and the failure plan (set before start) ---
    private final int port;
    private String host;
    private String script = "main";
    private String callerId = "13800138000";
    private String language = "en";
    private String uniqueId = UNIQUE.getAndIncrement() + ".5";
    private List<String> args = List.of();
    private List<String> block;
    private String keys = "";
    private Duration listen = Duration.ZERO;
    private int hangupIdleAfter = -1;
    private int hangupDuring = -1;
    private boolean hangupLineLate;
    private boolean silentDeath;
    private int garbageAt = -1;
    private String garbage = "this is not AGI";
    // the command at which the socket is closed, half-closed, or reset (-1: never)
    private int closeAt = -1, halfCloseAt = -1, resetAt = -1;
    private Set<String> missingFiles = Set.of();
    private Sounds sounds = Sounds.every();

    // --- state of the running call ---
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<String> wire = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<AgiResult> done = new CompletableFuture<>();
    private volatile AgiChannel channel;
    private CallerKeys caller;
    private long[] turns = new long[64];
    private int turnCount;
    private long lastSent;
    private volatile boolean dead;
    private boolean pendingHangupLine;
    private Socket socket;
    private volatile OutputStream out;
    private volatile String failure;

    private AgiEmulator(int port) {
        this.port = port;
    }

    /** A call to the FastAGI server on {@code port} (of 127.0.0.1 unless {@link #host} says otherwise). */
    public static AgiEmulator call(int port) {
        return new AgiEmulator(port);
    }

    /** The server's host (default: the loopback address). */
    public AgiEmulator host(String h) {
        this.host = h;
        return this;
    }

    /** What follows {@code agi://127.0.0.1:4573/}: the flow id, maybe with a query string. */
    public AgiEmulator script(String s) {
        this.script = s;
        return this;
    }

    public AgiEmulator callerId(String id) {
        this.callerId = id;
        return this;
    }

    public AgiEmulator uniqueId(String id) {
        this.uniqueId = id;
        return this;
    }

    /** The unique id Asterisk gives this call ({@code agi_uniqueid}): the server's call id. */
    public String uniqueId() {
        return uniqueId;
    }

    public AgiEmulator language(String lang) {
        this.language = lang;
        return this;
    }

    /** AGI arguments ({@code AGI(agi://...,first arg,second)} gives {@code agi_arg_1}, ...). */
    public AgiEmulator args(String... a) {
        this.args = List.of(a);
        return this;
    }

    /** Sends these lines as the agi_ block instead of a well-formed one. */
    public AgiEmulator rawBlock(List<String> lines) {
        this.block = List.copyOf(lines);
        return this;
    }

    public AgiEmulator keys(String k) {
        this.keys = k;
        return this;
    }

    /**
     * The caller listens about this long (uniformly between half and one and a half times it, as prompts differ in
     * length) to every prompt and key wait (STREAM FILE, SAY, WAIT FOR DIGIT) before the reply goes back, as a real
     * caller listens to a prompt; not part of any turn. Zero (the default): answers at once.
     */
    public AgiEmulator listening(Duration each) {
        this.listen = each;
        return this;
    }

    /** The caller hangs up while no command runs, right after the reply to command {@code n} (1-based). */
    public AgiEmulator hangupIdleAfter(int n) {
        this.hangupIdleAfter = n;
        return this;
    }

    /** The caller hangs up during command {@code n} (1-based). */
    public AgiEmulator hangupDuring(int n) {
        this.hangupDuring = n;
        return this;
    }

    /** The HANGUP line comes only after the server's next command, before its reply (session G). */
    public AgiEmulator hangupLineLate() {
        this.hangupLineLate = true;
        return this;
    }

    /** The channel dies without a HANGUP line before the next reply: the server only sees 511. */
    public AgiEmulator silentDeath() {
        this.silentDeath = true;
        return this;
    }

    /** Answers command {@code n} with a line that is not AGI. */
    public AgiEmulator garbageAt(int n, String line) {
        this.garbageAt = n;
        this.garbage = line;
        return this;
    }

    /** Closes the socket when command {@code n} arrives, without answering. */
    public AgiEmulator closeAt(int n) {
        this.closeAt = n;
        return this;
    }

    /** Shuts down its sending side when command {@code n} arrives (half-close), then reads until EOF. */
    public AgiEmulator halfCloseAt(int n) {
        this.halfCloseAt = n;
        return this;
    }

    /** Resets the connection (RST) when command {@code n} arrives. */
    public AgiEmulator resetAt(int n) {
        this.resetAt = n;
        return this;
    }

    /** These files are missing too (besides what {@link #sounds} lacks). */
    public AgiEmulator missingFiles(String... files) {
        this.missingFiles = Set.of(files);
        return this;
    }

    /**
     * The sound files this Asterisk has (default: {@link Sounds#every()}). A STREAM FILE of any other file answers
     * {@code 200 result=-1 endpos=0} and makes the session end as {@code AGISTATUS=FAILURE}, as res_agi's
     * handle_streamfile does; SAY commands play the files main/say.c would.
     */
    public AgiEmulator sounds(Sounds installed) {
        this.sounds = installed;
        return this;
    }

    /**
     * The caller hangs up now, whatever the server is doing (e.g. running an action): the
     * HANGUP line is written at once, and later media commands get 511. Any thread.
     */
    public synchronized void hangUpNow() {
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
    public AgiEmulator start() {
        Thread.ofVirtual().name("agi-emulator-" + uniqueId).start(this::run);
        return this;
    }

    /** Waits (up to 30 s) for the call to end. */
    public AgiResult await() {
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("emulated Asterisk call did not end: " + wire, e);
        }
    }

    /** Connects and plays the call on this thread; returns when it has ended. */
    public AgiResult play() {
        run();
        return done.join();
    }

    /** Each turn's time in nanoseconds, command by command: from the reply before it leaving to it arriving. */
    public long[] turnsNanos() {
        return Arrays.copyOf(turns, turnCount);
    }

    /** Why the connection failed or broke, when it did ({@link AgiResult.Ending#DROPPED}, {@link AgiResult.Ending#CLOSED_AT_ONCE}). */
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** The well-formed {@code agi_} block this call sends (session A's, with this call's details). */
    public List<String> agiBlock() {
        return AgiBlock.wellFormed(script, language, uniqueId, callerId, args);
    }

    @SuppressFBWarnings(
            value = "UNENCRYPTED_SOCKET",
            justification = "it plays Asterisk, which speaks FastAGI over plain TCP")
    private void run() {
        channel = new AgiChannel(language, sounds, missingFiles);
        caller = new CallerKeys(keys);
        try (Socket s = new Socket()) {
            socket = s;
            s.setTcpNoDelay(true);
            s.setSoTimeout(60_000);
            s.connect(
                    host == null
                            ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port)
                            : new InetSocketAddress(host, port),
                    10_000);
            InputStream in = new BufferedInputStream(s.getInputStream());
            synchronized (this) {
                out = s.getOutputStream();
                for (String line : block == null ? agiBlock() : block) {
                    send(line);
                }
                send("");
            }
            done.complete(dialogue(in));
        } catch (IOException e) {
            failure = e.toString();
            done.complete(result(commands.isEmpty() ? AgiResult.Ending.CLOSED_AT_ONCE : AgiResult.Ending.DROPPED));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private AgiResult dialogue(InputStream in) throws IOException {
        int n = 0;
        while (true) {
            String command = AgiWire.readLine(in);
            long arrived = System.nanoTime();
            if (command == null) {
                // the server ended the AGI script: Asterisk says HANGUP once more and closes
                trySend("HANGUP");
                return result(
                        dead
                                ? AgiResult.Ending.CALLER_HUNG_UP
                                : n == 0 ? AgiResult.Ending.CLOSED_AT_ONCE : AgiResult.Ending.SCRIPT_ENDED);
            }
            n++;
            turn(arrived);
            wire.add("S>A " + command);
            commands.add(command);
            if (n == closeAt) {
                socket.close();
                return result(AgiResult.Ending.DROPPED);
            }
            if (n == resetAt) {
                socket.setSoLinger(true, 0);
                socket.close();
                return result(AgiResult.Ending.DROPPED);
            }
            if (n == halfCloseAt) {
                socket.shutdownOutput();
                while (AgiWire.readLine(in) != null) {
                    // the server may still write; Asterisk would not read it
                }
                return result(AgiResult.Ending.DROPPED);
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
            List<String> a = AgiCommandLine.parseArgs(command);
            String verb = AgiCommandLine.verb(a);
            if (!listen.isZero() && !dead && LISTENING.contains(verb)) {
                AgiWire.listen(listen); // outside the lock: a hang-up may come meanwhile
            }
            synchronized (this) {
                answer(verb, a, n == hangupDuring);
                if (n == hangupIdleAfter && !dead) {
                    dead = true;
                    hangupLine();
                }
            }
        }
    }

    private void turn(long arrived) {
        if (turnCount == turns.length) {
            turns = Arrays.copyOf(turns, turns.length * 2);
        }
        turns[turnCount] = arrived - lastSent;
        turnCount++;
    }

    private void answer(String verb, List<String> a, boolean hangNow) throws IOException {
        AgiChannel ch = channel;
        if (dead) {
            send(DEAD_OK.contains(verb) ? normalReply(verb, a) : DEAD);
            return;
        }
        switch (verb) {
            case "STREAM FILE" -> {
                if (hangNow) {
                    hangupDuringMedia("200 result=-1 endpos=8000");
                } else if (!ch.play(a.get(2))) {
                    send("200 result=-1 endpos=0");
                } else {
                    int key = caller.during(a.size() > 3 ? a.get(3) : "");
                    send(key > 0 ? "200 result=" + key + " endpos=8000" : "200 result=0 endpos=16000");
                }
            }
            case "SAY NUMBER", "SAY DIGITS", "SAY ALPHA", "SAY DATE" -> {
                if (hangNow) {
                    hangupDuringMedia("200 result=-1");
                } else if (!ch.say(verb, a.get(2))) {
                    send("200 result=-1");
                } else {
                    send("200 result=" + caller.during(a.size() > 3 ? a.get(3) : ""));
                }
            }
            case "WAIT FOR DIGIT" -> {
                if (hangNow || caller.runOut()) {
                    hangupDuringMedia("200 result=-1");
                } else {
                    send("200 result=" + caller.waitForDigit());
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
     * path says: the emulator shares the server's host) and answers {@code 200 result=35 (dtmf) endpos=N} when the
     * caller speaks ({@code ~}: {@link CallerVoice#SECONDS} s of a {@link CallerVoice#HZ} Hz tone) and presses #; a
     * silent caller is stopped by the silence detector, the silence trimmed off:
     * {@code 200 result=<ms left> (timeout) endpos=0}; a hang-up: {@code 200 result=-1 (hangup) endpos=N}.
     */
    private void recordFile(List<String> a, boolean hangNow) throws IOException {
        Path file = Path.of(a.get(2) + "." + a.get(3));
        long timeout = Long.parseLong(a.get(5));
        boolean speaks = caller.speaks();
        int samples = speaks ? CallerVoice.SECONDS * 8000 : 0;
        Files.createDirectories(file.getParent());
        Files.write(file, CallerVoice.wav(speaks ? CallerVoice.HZ : 0, samples));
        if (hangNow) {
            hangupDuringMedia("200 result=-1 (hangup) endpos=" + samples);
        } else if (speaks) {
            send("200 result=35 (dtmf) endpos=" + samples);
        } else {
            send("200 result=" + Math.max(0, timeout - 5000) + " (timeout) endpos=0");
        }
    }

    private String normalReply(String verb, List<String> a) {
        return switch (verb) {
            case "SET VARIABLE" -> {
                channel.set(a.get(2), a.size() > 3 ? a.get(3) : "");
                yield "200 result=1";
            }
            case "GET VARIABLE" -> channel.getReply(a.get(2));
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

    private void send(String line) throws IOException {
        wire.add("A>S " + line);
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        lastSent = System.nanoTime();
    }

    private void trySend(String line) {
        try {
            send(line);
        } catch (IOException e) {
            // the server already closed both sides: Asterisk's last HANGUP goes nowhere
        }
    }

    private AgiResult result(AgiResult.Ending ending) {
        return channel.result(ending, List.copyOf(commands), List.copyOf(wire), dead);
    }
}
