package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.hotline.call.CallInfo;
import io.hotline.call.PromptPart;
import io.hotline.db.Database;
import io.hotline.engine.ActionRecord;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallListener;
import io.hotline.journeys.Dialer;
import io.hotline.server.Hotline;
import io.hotline.server.Server;
import io.hotline.telephony.sim.Transcript;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places calls through the real lab Asterisk into a Hotline server started as {@code serve} starts
 * it ({@link ServeCommand#start}): an AMI Originate of {@code Local/100@hotline/n} (FastAGI) or
 * {@code Local/200@hotline/n} (ARI), whose ";2" half runs the shipped dialplan and whose ";1" half
 * is the caller ({@code hotline-test-caller} in {@code src/test/resources/pbx/extensions-test.conf}).
 *
 * <p>The caller presses its keys as {@code hotline call --keys} does, each when the IVR listens for
 * it, never on a timer (AGI has no type-ahead): over FastAGI on Asterisk's own {@code AGIExecStart}
 * event of a listening command (a STREAM FILE or SAY whose escape digits hold the key, or WAIT FOR
 * DIGIT), over ARI when the engine starts listening (ARI keeps no key either, but a key reaches
 * Hotline only after its tone has played, long after the engine is listening). {@code .} lets one
 * wait time out; when the keys run out and the IVR waits, the caller hangs up. A caller queued by
 * the dialplan is hung up once Asterisk has put it in the queue, unless it is to meet the agent
 * ({@link #callMeetingAgent}): then it stays until the simulated agent answers.
 *
 * <p>After each call, what Asterisk did is checked as a caller would notice it: the queue Asterisk
 * really put the caller in is the one Hotline chose, with the ticket on the channel; AGISTATUS or
 * STASISSTATUS is not a failure; every sound file Hotline asked for was played ({@code Playing '...'}
 * lines of Asterisk's log for the channel) and none was missing.
 */
final class PbxDialer implements Dialer<PbxDialer.Result> {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Duration CALL_LIMIT = Duration.ofMinutes(3);

    /** Which entry of the shipped dialplan the caller dials. */
    enum Transport {
        AGI("100"),
        ARI("200");

        final String exten;

        Transport(String exten) {
            this.exten = exten;
        }
    }

    /** One finished call: what the engine said and did, and what Asterisk did with the call. */
    record Result(
            String callId,
            Transcript transcript,
            CallEnding ending,
            Map<String, String> channelVariables,
            Map<String, String> queueJoin,
            List<String> commands,
            List<String> played,
            String channel)
            implements Dialer.Dialed {}

    final Transport transport;
    final Server served;
    /** The Asterisk the calls go through: {@link LabPbx#SHARED} unless given. */
    final LabPbx pbx;

    final LabAsterisk lab;
    /** False when the server was given ({@link #through}): its owner stops it. */
    private final boolean ownsServer;

    private final java.util.function.Consumer<Map<String, String>> amiListener = this::onAmi;
    final int agiPort;
    final String ariApp;
    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final Map<String, Caller> byCallerLeg = new ConcurrentHashMap<>();

    @SuppressWarnings("ThreadLocalUsage") // the caller a thread of this dialer is placing; one dialer per test
    private final ThreadLocal<Caller> onThread = new ThreadLocal<>();
    /** The SIP call being placed, until Asterisk or the engine names its channel. */
    private volatile Caller pendingSip;

    PbxDialer(Database db, Transport transport) throws IOException {
        this(db, transport, Map.of());
    }

    /** As {@link #PbxDialer(Database, Transport)}, the server's settings changed by {@code overrides}. */
    PbxDialer(Database db, Transport transport, Map<String, String> overrides) throws IOException {
        this.transport = transport;
        this.pbx = LabPbx.SHARED;
        this.lab = pbx.asterisk();
        this.ownsServer = true;
        this.agiPort = LabAsterisk.freeTcpPort();
        this.ariApp = "hotline-" + transport.name().toLowerCase(java.util.Locale.ROOT) + "-" + SEQ.incrementAndGet();
        String url = ((HikariDataSource) db.dataSource()).getJdbcUrl();
        this.served = Server.start(Lab.serveSettings(
                        url,
                        agiPort,
                        ariApp,
                        transport == Transport.AGI ? "agi" : "ari",
                        "pbx-" + transport.name().toLowerCase(java.util.Locale.ROOT))
                .with(overrides));
        served.hotline().engine().addListener(new Router());
        pbx.listen(amiListener);
        if (transport == Transport.ARI) {
            await("ARI application " + ariApp + " registered")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> lab.cli("ari show apps").contains(ariApp));
        }
        // a second Hotline on the same database stands by: the first one holds the link (one per PBX)
        await("Hotline's AMI link up, or held by the other node on this database")
                .atMost(Duration.ofSeconds(30))
                .until(() -> served.console()
                        .amiStatus()
                        .map(s -> s.state() == io.hotline.telephony.queue.LinkStatus.State.CONNECTED
                                || s.state() == io.hotline.telephony.queue.LinkStatus.State.STANDBY)
                        .orElse(false));
    }

    /**
     * FastAGI calls through {@code pbx} into a server started elsewhere (e.g. one connected to several lab
     * Asterisks), listening for FastAGI on {@code agiPort}; {@link #close()} leaves the server running.
     */
    static PbxDialer through(LabPbx pbx, Server served, int agiPort) {
        return new PbxDialer(pbx, served, Transport.AGI, agiPort, "");
    }

    /**
     * As {@link #through(LabPbx, Server, int)}, over ARI: calls go into the Stasis application {@code ariApp}, which
     * the given server has registered on {@code pbx}.
     */
    static PbxDialer throughAri(LabPbx pbx, Server served, String ariApp) {
        return new PbxDialer(pbx, served, Transport.ARI, 0, ariApp);
    }

    private PbxDialer(LabPbx pbx, Server served, Transport transport, int agiPort, String ariApp) {
        this.transport = transport;
        this.pbx = pbx;
        this.lab = pbx.asterisk();
        this.ownsServer = false;
        this.agiPort = agiPort;
        this.ariApp = ariApp;
        this.served = served;
        served.hotline().engine().addListener(new Router());
        pbx.listen(amiListener);
    }

    @Override
    public Hotline hotline() {
        return served.hotline();
    }

    int consolePort() {
        return served.console().port();
    }

    @Override
    public Result call(String ani, String keys) throws Exception {
        return place(ani, keys, null, null, false);
    }

    @Override
    public Result callHangingUpAt(String ani, String keys, String flowSlashNode) throws Exception {
        return place(ani, keys, flowSlashNode, null, false);
    }

    /**
     * A call whose caller stays silent; when the call enters {@code flowSlashNode} this Hotline server
     * is stopped (as by Ctrl-C) while the caller is in the IVR. The caller is hung up once Asterisk
     * has put it in a queue, or after it has sat {@code maxSilence} in no queue.
     */
    Result callStoppingServerAt(String ani, String flowSlashNode) throws Exception {
        return place(ani, "", flowSlashNode + "!stop", null, false);
    }

    /**
     * A real SIP caller: SIPp (Debian's sip-tester) calls the shipped hotline number from {@code ani}
     * over UDP, and the test's own RTP socket ({@link RtpCaller}) hears the prompts and sends the keys
     * as RFC 4733 events when the IVR listens. The dialplan's globals are pointed at this server for
     * it (a SIP call carries no test variables). One SIP call at a time.
     */
    synchronized Result callOverSip(String ani, String keys) throws Exception {
        String global = transport == Transport.AGI ? "HOTLINE_AGI" : "HOTLINE_ARI_APP";
        String value = transport == Transport.AGI ? "agi://127.0.0.1:" + agiPort : ariApp;
        assertThat(pbx.ami()
                        .action("Setvar", Map.of("Variable", global, "Value", value))
                        .get("Response"))
                .isEqualTo("Success");
        java.nio.file.Path scenario = java.nio.file.Files.createTempFile("sipp-caller", ".xml");
        try (var in = PbxDialer.class.getResourceAsStream("/pbx/sipp-caller.xml");
                RtpCaller rtp = new RtpCaller()) {
            java.nio.file.Files.write(scenario, in.readAllBytes());
            var c = new Caller("sip-" + SEQ.incrementAndGet(), keys.replaceAll("\\s+", ""), null, false);
            c.rtp = rtp;
            c.ani = ani;
            pendingSip = c;
            java.nio.file.Path errors = scenario.resolveSibling(scenario.getFileName() + ".errors");
            Process sipp = new ProcessBuilder(
                            "sipp",
                            "127.0.0.1:" + lab.sipPort,
                            "-sf",
                            scenario.toString(),
                            "-s",
                            transport.exten,
                            "-m",
                            "1",
                            "-i",
                            "127.0.0.1",
                            "-p",
                            Integer.toString(LabAsterisk.freeUdpPort()),
                            "-mp",
                            Integer.toString(LabAsterisk.freeUdpPortRun()),
                            "-key",
                            "rtpport",
                            Integer.toString(rtp.port()),
                            "-key",
                            "ani",
                            ani,
                            "-nostdin",
                            "-timeout",
                            "240s",
                            "-trace_err",
                            "-error_file",
                            errors.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                try {
                    c.ivrSeen.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("no SIP channel for SIPp's call; SIPp errors: "
                            + (java.nio.file.Files.exists(errors) ? java.nio.file.Files.readString(errors) : "none"));
                }
                CallEnding ending = c.ending.get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
                c.ivrGone.get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(sipp.waitFor(60, TimeUnit.SECONDS))
                        .as("SIPp ended its call")
                        .isTrue();
                assertThat(sipp.exitValue())
                        .as("SIPp's exit status (errors: %s)", errors)
                        .isZero();
                assertThat(rtp.bytesReceived())
                        .as("RTP from Asterisk reached the caller")
                        .isPositive();
                return new Result(
                        c.id,
                        c.transcript,
                        ending,
                        Map.copyOf(c.vars),
                        c.queueJoin,
                        List.copyOf(c.commands),
                        checkWire(c, ending),
                        c.ivrChannel);
            } finally {
                sipp.destroy();
                c.keyPresser.shutdown();
                callers.remove(c.id);
            }
        } finally {
            pendingSip = null;
            java.nio.file.Files.deleteIfExists(scenario);
        }
    }

    /** Binds the pending SIP call to its channel (first of Asterisk's Newchannel and the engine's start). */
    private Caller bindSip(String uniqueId, String channel, String ani) {
        Caller c = pendingSip;
        if (c == null || !ani.equals(c.ani)) {
            return null;
        }
        synchronized (c) {
            if (c.ivrSeen.isDone()) {
                return callers.get(uniqueId);
            }
            c.id = uniqueId;
            if (channel != null) {
                c.ivrChannel = channel;
                c.callerChannel = channel;
            }
            callers.put(uniqueId, c);
            c.ivrSeen.complete(null);
        }
        return c;
    }

    /** A call that, once queued, stays in the queue until an agent answers it (then the caller hangs up). */
    Result callMeetingAgent(String ani, String keys) throws Exception {
        return place(ani, keys, null, null, true);
    }

    /** A call whose caller leg records what it hears into {@code recording} (a WAV file Asterisk writes). */
    Result callRecorded(String ani, String keys, String hangupAt, java.nio.file.Path recording) throws Exception {
        return place(ani, keys, hangupAt, recording, false);
    }

    /**
     * A call that waits for an agent and then stays on the line until it is hung up by someone else (the agent's
     * Hang up, over AMI); returns when it is over.
     */
    Result callStayingWithAgent(String ani, String keys) throws Exception {
        return place(ani, keys, null, null, true, true);
    }

    private Result place(String ani, String keys, String hangupAt, java.nio.file.Path recording, boolean meetAgent)
            throws Exception {
        return place(ani, keys, hangupAt, recording, meetAgent, false);
    }

    private Result place(
            String ani, String keys, String hangupAt, java.nio.file.Path recording, boolean meetAgent, boolean stay)
            throws Exception {
        String id = "pbx-" + transport.name().toLowerCase(java.util.Locale.ROOT) + "-" + SEQ.incrementAndGet() + "-"
                + System.nanoTime() % 100000;
        var c = new Caller(id, keys.replaceAll("\\s+", ""), hangupAt, meetAgent);
        c.stay = stay;
        callers.put(c.id, c);
        byCallerLeg.put(c.callerLeg, c);
        try {
            String vars =
                    transport == Transport.AGI ? "HOTLINE_AGI=agi://127.0.0.1:" + agiPort : "HOTLINE_ARI_APP=" + ariApp;
            if (recording != null) {
                vars += "\nREC=" + recording.toAbsolutePath();
            }
            Map<String, String> r = pbx.ami()
                    .action(
                            "Originate",
                            ordered(
                                    "Channel",
                                    "Local/" + transport.exten + "@hotline/n",
                                    "Context",
                                    "hotline-test-caller",
                                    "Exten",
                                    "s",
                                    "Priority",
                                    "1",
                                    "CallerID",
                                    "\"Test caller\" <" + ani + ">",
                                    // the ";2" half gets "<ChannelId>;2" (core_unreal.c): Hotline's call id
                                    "ChannelId",
                                    c.callerLeg,
                                    "Timeout",
                                    "30000",
                                    "Async",
                                    "true",
                                    "Variable",
                                    vars));
            assertThat(r.get("Response")).as("Originate accepted: %s", r).isEqualTo("Success");
            try {
                c.ivrSeen.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("Asterisk made no channel " + c.id + " for the call; its log: "
                        + lab.logLines().stream()
                                .skip(Math.max(0, lab.logLines().size() - 20))
                                .toList());
            }
            CallEnding ending = c.ending.get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
            c.gone.get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
            c.ivrGone.get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
            List<String> played = checkWire(c, ending);
            return new Result(
                    c.id,
                    c.transcript,
                    ending,
                    Map.copyOf(c.vars),
                    c.queueJoin,
                    List.copyOf(c.commands),
                    played,
                    c.ivrChannel);
        } finally {
            c.keyPresser.shutdown();
            callers.remove(c.id);
            byCallerLeg.remove(c.callerLeg);
        }
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** What every call must show on Asterisk's side; returns the files Asterisk played on the IVR leg. */
    private List<String> checkWire(Caller c, CallEnding ending) {
        String statusVar = transport == Transport.AGI ? "AGISTATUS" : "STASISSTATUS";
        if (c.hangupAt != null && c.hangupAt.endsWith("!stop")) {
            // Hotline went away mid-call: where the dialplan put the caller is the test's to check
            assertThat(c.vars.get(statusVar)).as(statusVar).isNotNull();
        } else if (ending.reason() == CallEnding.Reason.QUEUED) {
            assertThat(c.queueJoin).as("Asterisk put the caller in a queue").isNotNull();
            assertThat(c.queueJoin.get("Queue"))
                    .as("the queue Asterisk really put the caller in")
                    .isEqualTo(ending.queue());
            assertThat(c.queueJoin.get("ChanVariable.HOTLINE_TICKET"))
                    .as("the ticket on the queued channel")
                    .isEqualTo(ending.ticket());
            assertThat(c.vars.get(statusVar)).as(statusVar).isIn("SUCCESS");
        } else {
            assertThat(c.queueJoin)
                    .as("no queue for a call that ended %s", ending)
                    .isNull();
            assertThat(c.vars.get(statusVar)).as(statusVar).isNotIn("FAILURE", "FAILED", "NOTFOUND");
        }
        // the log is written asynchronously: wait until the channel's lines show every file asked for
        List<String> expected = c.expectedFiles();
        if (ending.reason() == CallEnding.Reason.CALLER_HANGUP && !expected.isEmpty()) {
            // the prompt the engine was starting when the caller hung up may never have begun
            expected = expected.subList(0, expected.size() - 1);
        }
        List<String> wanted = expected;
        var played = new java.util.concurrent.atomic.AtomicReference<List<String>>();
        try {
            await("Asterisk played every file Hotline asked for on " + c.ivrChannel)
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        List<String> lines = lab.linesOf("<" + c.ivrChannel + ">");
                        played.set(lines.stream()
                                .filter(l -> l.contains("> Playing '"))
                                .map(l -> l.substring(l.indexOf("> Playing '") + 11, l.lastIndexOf("' (")))
                                .map(f -> f.substring(0, f.lastIndexOf('.')))
                                .toList());
                        assertThat(played.get()).containsAll(wanted);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "files asked for but not played on " + c.ivrChannel + ": expected " + expected
                            + ", Asterisk played " + played.get(),
                    e);
        }
        assertThat(lab.linesOf(c.ivrChannel).stream()
                        .filter(l -> l.contains("does not exist in any format") || l.contains("Unable to open")))
                .as("missing sound files on %s", c.ivrChannel)
                .isEmpty();
        return played.get();
    }

    private void onAmi(Map<String, String> e) {
        String uid = e.getOrDefault("Uniqueid", "");
        Caller c = callers.get(uid);
        Caller leg = c == null ? byCallerLeg.get(uid) : null;
        String event = e.get("Event");
        if (c == null
                && leg == null
                && "Newchannel".equals(event)
                && e.getOrDefault("Channel", "").startsWith("PJSIP/")) {
            c = bindSip(uid, e.get("Channel"), e.getOrDefault("CallerIDNum", ""));
        }
        if (leg != null) {
            switch (event) {
                case "Newchannel" -> leg.callerChannel = e.get("Channel");
                case "Hangup" -> leg.gone.complete(null);
                default -> {}
            }
            return;
        }
        if (c == null) {
            return;
        }
        switch (event) {
            case "Newchannel" -> {
                c.ivrChannel = e.get("Channel");
                if (c.rtp != null) {
                    c.callerChannel = e.get("Channel");
                }
                c.ivrSeen.complete(null);
            }
            case "VarSet" -> {
                // set to nothing is unset, as ${VAR} reads it
                String name = e.get("Variable").replaceFirst("^_{1,2}", "");
                String value = e.getOrDefault("Value", "");
                if (value.isEmpty()) {
                    c.vars.remove(name);
                } else {
                    c.vars.put(name, value);
                }
            }
            case "AGIExecStart" -> {
                String command = e.getOrDefault("Command", "");
                c.commands.add(command);
                onAgiCommand(c, command);
            }
            case "QueueCallerJoin" -> {
                // the queue the IVR chose: a call transferred later joins another one after it
                if (c.queueJoin == null) {
                    c.queueJoin = Map.copyOf(e);
                }
                if (!c.meetAgent) {
                    hangUp(c);
                }
            }
            case "AgentConnect" -> {
                if (!c.stay) {
                    hangUp(c);
                }
            }
            case "Hangup" -> {
                c.ivrGone.complete(null);
                c.gone.complete(null);
            }
            default -> {}
        }
    }

    /** FastAGI: decide the caller's key from the command Asterisk has just started. */
    private void onAgiCommand(Caller c, String command) {
        List<String> a = AgiWords.split(command);
        if (a.size() < 2) {
            return;
        }
        String verb = (a.get(0) + " " + a.get(1)).toUpperCase(java.util.Locale.ROOT);
        switch (verb) {
            case "STREAM FILE" -> {
                c.files.add(a.size() > 2 ? a.get(2) : "");
                if (a.size() > 3 && !a.get(3).isEmpty()) {
                    act(c, c.script.onListen(a.get(3), false));
                }
            }
            case "SAY DIGITS", "SAY NUMBER", "SAY ALPHA", "SAY DATE" -> {
                if (a.size() > 3 && !a.get(3).isEmpty()) {
                    act(c, c.script.onListen(a.get(3), false));
                }
            }
            case "WAIT FOR" -> act(c, c.script.onListen("0123456789*#", true));
            case "GET DATA" -> act(c, c.script.onListen("0123456789*#", true));
            default -> {}
        }
    }

    private void act(Caller c, KeyScript.Act act) {
        switch (act) {
            case KeyScript.Act.Press p when c.rtp != null -> c.rtp.press(p.key());
            case KeyScript.Act.Press p -> {
                if (c.callerChannel != null) {
                    pbx.ami()
                            .fire(
                                    "PlayDTMF",
                                    Map.of(
                                            "Channel",
                                            c.callerChannel,
                                            "Digit",
                                            String.valueOf(p.key()),
                                            "Duration",
                                            "120"));
                }
            }
            case KeyScript.Act.HangUp h -> hangUp(c);
            case KeyScript.Act.Nothing n -> {}
        }
    }

    /** How long the test caller speaks (a tone) when recorded. */
    static final int SPEAK_SECONDS = 3;

    /** The caller "speaks" (the test dialplan's hotline-test-speak: a tone, then #). */
    private void speak(Caller c) {
        if (c.callerChannel != null) {
            pbx.ami()
                    .fire(
                            "Setvar",
                            Map.of(
                                    "Channel",
                                    c.callerChannel,
                                    "Variable",
                                    "SPEAK_HZ",
                                    "Value",
                                    Integer.toString(io.hotline.journeys.VoiceTone.HZ)));
            pbx.ami()
                    .fire(
                            "Setvar",
                            Map.of(
                                    "Channel",
                                    c.callerChannel,
                                    "Variable",
                                    "SPEAK_SECONDS",
                                    "Value",
                                    Integer.toString(SPEAK_SECONDS)));
            pbx.ami().fire("Setvar", Map.of("Channel", c.callerChannel, "Variable", "SPEAK", "Value", "1"));
        }
    }

    private void hangUp(Caller c) {
        if (c.callerChannel != null) {
            pbx.ami().fire("Hangup", Map.of("Channel", c.callerChannel));
        }
    }

    /** One test call in progress. */
    private static final class Caller {
        volatile String id;
        final String callerLeg;
        final KeyScript script;
        final String hangupAt;
        final Transcript transcript = new Transcript();
        final CompletableFuture<CallEnding> ending = new CompletableFuture<>();
        final CompletableFuture<Void> gone = new CompletableFuture<>();
        final CompletableFuture<Void> ivrGone = new CompletableFuture<>();
        final CompletableFuture<Void> ivrSeen = new CompletableFuture<>();
        final java.util.concurrent.ExecutorService keyPresser = java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofVirtual().factory());
        final Map<String, String> vars = new ConcurrentHashMap<>();
        final List<String> commands = new CopyOnWriteArrayList<>();
        /** FastAGI: the STREAM FILE files asked for. */
        final List<String> files = new CopyOnWriteArrayList<>();
        /** ARI: the recorded parts of each prompt, and whether the caller's key cut it short. */
        final List<List<String>> prompts = new CopyOnWriteArrayList<>();

        final List<Boolean> cut = new CopyOnWriteArrayList<>();
        volatile String callerChannel;
        volatile String ivrChannel = "";
        volatile Map<String, String> queueJoin;
        /** A SIP caller's media and number (null for Local-channel callers). */
        volatile RtpCaller rtp;

        volatile String ani;

        final boolean meetAgent;
        /** Stays on the line with the agent until someone else hangs up (the agent, over the console). */
        volatile boolean stay;

        Caller(String id, String keys, String hangupAt, boolean meetAgent) {
            this.meetAgent = meetAgent;
            this.id = id + ";2";
            this.callerLeg = id;
            this.script = new KeyScript(keys);
            this.hangupAt = hangupAt;
        }

        /** The files Asterisk must have played: FastAGI's STREAM FILEs; ARI's recorded parts (a cut prompt: its first). */
        List<String> expectedFiles() {
            if (!files.isEmpty()) {
                return List.copyOf(files);
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                List<String> p = prompts.get(i);
                if (i < cut.size() && cut.get(i)) {
                    p.stream().findFirst().ifPresent(out::add);
                } else {
                    out.addAll(p);
                }
            }
            return out;
        }
    }

    /** The engine's side of every call of this server, routed to the test call it belongs to. */
    private final class Router implements CallListener {
        private Caller mine() {
            return onThread.get();
        }

        @Override
        public void started(CallInfo call) {
            Caller c = callers.get(call.callId());
            if (c == null && pendingSip != null) {
                c = bindSip(call.callId(), null, call.ani());
            }
            onThread.set(c);
            if (c != null) {
                c.transcript.started(call);
            }
        }

        @Override
        public void said(String language, List<PromptPart> parts) {
            Caller c = mine();
            if (c == null) {
                return;
            }
            c.transcript.said(language, parts);
            if (transport == Transport.ARI) {
                c.prompts.add(parts.stream()
                        .filter(p -> p instanceof PromptPart.Recorded)
                        .map(p -> "hotline/" + language + "/" + ((PromptPart.Recorded) p).id())
                        .toList());
                c.cut.add(false);
            }
        }

        @Override
        public void recording(Duration maxLength) {
            Caller c = mine();
            if (c != null && c.script.onRecord()) {
                c.keyPresser.execute(() -> speak(c));
            }
        }

        @Override
        public void listening(String keys, boolean duringPrompt) {
            Caller c = mine();
            if (c == null || transport != Transport.ARI) {
                return;
            }
            KeyScript.Act act = c.script.onListen(keys, !duringPrompt);
            if (act instanceof KeyScript.Act.Press && duringPrompt && !c.cut.isEmpty()) {
                c.cut.set(c.cut.size() - 1, true);
            }
            // in order, from another thread: the engine's thread must not wait for AMI
            c.keyPresser.execute(() -> act(c, act));
        }

        @Override
        public void nodeEntered(String flowId, String nodeId, String type) {
            Caller c = mine();
            if (c != null) {
                c.transcript.nodeEntered(flowId, nodeId, type);
                if ((flowId + "/" + nodeId).equals(c.hangupAt)) {
                    hangUp(c);
                } else if ((flowId + "/" + nodeId + "!stop").equals(c.hangupAt)) {
                    Thread.ofVirtual().start(served::close);
                }
            }
        }

        @Override
        public void keys(String nodeId, String keys) {
            Caller c = mine();
            if (c != null) {
                c.transcript.keys(nodeId, keys);
            }
        }

        @Override
        public void actionDone(ActionRecord record) {
            Caller c = mine();
            if (c != null) {
                c.transcript.actionDone(record);
            }
        }

        @Override
        public void ended(CallEnding ending) {
            Caller c = mine();
            onThread.remove();
            if (c != null) {
                c.transcript.ended(ending);
                c.ending.complete(ending);
            }
        }
    }

    @Override
    public void close() {
        pbx.unlisten(amiListener);
        if (ownsServer) {
            served.close();
        }
    }
}
