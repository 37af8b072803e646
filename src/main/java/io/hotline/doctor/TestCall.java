package io.hotline.doctor;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The doctor's side of the test call: an AMI {@code Originate} of {@code Local/<exten>@<context>/n} whose
 * {@code ;2} half runs the site's own dialplan into Hotline (the {@link TestCallFlow}) and whose {@code ;1}
 * half is the test caller (it plays silence, so that the key it sends travels). Each hop is verified from
 * Asterisk's side: the flow's progress in channel variables ({@code Getvar}), the key sent ({@code PlayDTMF})
 * coming back as read, {@code AGISTATUS}, the variables on the queue entry and the {@code QueueCallerJoin}
 * event with its {@code ChanVariable} lines. The call is hung up at the end, whatever happened; it never
 * rings an agent (it waits in the member-less test queue, and is hung up at once if it lands in another).
 */
final class TestCall {
    /** The variables the screen pop needs on the caller's channel, carried by manager.conf channelvars. */
    static final List<String> POP_VARIABLES = List.of(
            "HOTLINE_TICKET",
            "HOTLINE_ACCOUNT",
            "HOTLINE_QUEUE",
            "HOTLINE_CATEGORY",
            "HOTLINE_PRIORITY",
            "HOTLINE_VERIFIED",
            "HOTLINE_LANG");

    private static final Duration POLL = Duration.ofMillis(100);

    private final DoctorAmi ami;
    private final DoctorConfig config;
    private final String exten;
    private final String transport;
    private final String id;
    private final String hotlineLeg;
    private final CompletableFuture<Map<String, String>> joined = new CompletableFuture<>();
    private final List<Finding> findings = new ArrayList<>();

    /** @param transport {@code agi} or {@code ari}: which entry extension the call dials */
    @SuppressFBWarnings(value = "PREDICTABLE_RANDOM", justification = "labels the test call's channel, not a secret")
    TestCall(DoctorAmi ami, DoctorConfig config, String transport) {
        this.ami = ami;
        this.config = config;
        this.transport = transport;
        this.exten = transport.equals("agi") ? config.agiExten() : config.ariExten();
        byte[] r = new byte[6];
        ThreadLocalRandom.current().nextBytes(r);
        this.id = TestCallFlow.CALL_ID_PREFIX + HexFormat.of().formatHex(r);
        this.hotlineLeg = id + ";2";
        ami.onEvent(e -> {
            if ("QueueCallerJoin".equals(e.get("Event")) && hotlineLeg.equals(e.get("Uniqueid"))) {
                joined.complete(e);
            }
        });
    }

    private String check(String what) {
        return "call." + transport + "-" + what;
    }

    List<Finding> run() {
        try {
            place();
        } finally {
            ami.action("Hangup", Map.of("Channel", id));
        }
        return findings;
    }

    @SuppressFBWarnings(
            value = "PREDICTABLE_RANDOM",
            justification = "the key the test flow must echo back, not a secret")
    private void place() {
        String where = exten + "@" + config.context();
        Map<String, String> r = ami.action(
                "Originate",
                DoctorAmi.ordered(
                        "Channel",
                        "Local/" + where + "/n",
                        "Application",
                        "Playback",
                        "Data",
                        "silence/10&silence/10&silence/10",
                        "CallerID",
                        "\"hotline doctor test call\" <0000>",
                        "ChannelId",
                        id,
                        "Timeout",
                        Long.toString(config.timeout().toMillis()),
                        "Async",
                        "true"));
        if (!"Success".equals(r.get("Response"))) {
            findings.add(Finding.problem(
                    check("originate"),
                    "Asterisk refused to originate the test call into " + where + ": " + r.getOrDefault("Message", ""),
                    "see ami.write"));
            return;
        }
        Optional<String> stage = awaitStage(s -> !s.isEmpty());
        if (stage.isEmpty()) {
            findings.add(notReached(where));
            return;
        }
        findings.add(Finding.ok(
                check("reached"),
                "the test call " + id + " into " + where + " reached Hotline's test" + " flow over "
                        + transport.toUpperCase(java.util.Locale.ROOT)));
        String key = Integer.toString(1 + ThreadLocalRandom.current().nextInt(9));
        Optional<String> read = Optional.empty();
        boolean soundsRead = false;
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> s = var(hotlineLeg, TestCallFlow.STAGE);
            if (s.isEmpty() || s.get().equals("handed-off")) {
                break;
            }
            if (!soundsRead && !s.get().equals("answered")) {
                sounds(); // the flow has looked at them before it listens for the key
                soundsRead = true;
            }
            if (s.get().equals("listening")) {
                ami.action("PlayDTMF", DoctorAmi.ordered("Channel", id, "Digit", key, "Duration", "120"));
            } else if (s.get().equals("read")) {
                read = var(hotlineLeg, TestCallFlow.KEY).or(() -> Optional.of(""));
                ami.action("PlayDTMF", DoctorAmi.ordered("Channel", id, "Digit", "#", "Duration", "120"));
            }
            pause();
        }
        if (!soundsRead) {
            sounds();
        }
        findings.add(
                read.filter(key::equals).isPresent()
                        ? Finding.ok(check("key"), "the key " + key + " the test caller sent was read by the flow")
                        : Finding.problem(
                                check("key"),
                                "the test caller sent " + key + " but the flow read '" + read.orElse("(nothing yet)")
                                        + "'",
                                "the channel must pass DTMF (RFC 4733 on SIP trunks:"
                                        + " pjsip.conf dtmf_mode = rfc4733); over ARI check ari.app"));
        queueHop();
    }

    private Finding notReached(String where) {
        String ctx = var(hotlineLeg, "CONTEXT").orElse("");
        String ext = var(hotlineLeg, "EXTEN").orElse("");
        String agi = var(hotlineLeg, "AGISTATUS").orElse("");
        String queued = joined.isDone() ? ", queued in " + joined.join().getOrDefault("Queue", "?") : "";
        String now = ctx.isEmpty()
                ? ""
                : " (the call is now at " + ctx + "," + ext + (agi.isEmpty() ? "" : ", AGISTATUS=" + agi) + queued
                        + ")";
        String entry = transport.equals("agi") ? "AGI(${HOTLINE_AGI}/main)" : "Stasis(${HOTLINE_ARI_APP},main)";
        return Finding.problem(
                check("reached"),
                "the test call into " + where + " did not reach Hotline within "
                        + config.timeout().toMillis() + " ms" + now,
                "extensions.conf [" + config.context() + "] exten => " + exten + " must run " + entry
                        + " as in docker/asterisk/extensions.conf, then 'dialplan reload'");
    }

    private void sounds() {
        if (!transport.equals("agi")) {
            return;
        }
        Optional<String> seen = var(hotlineLeg, TestCallFlow.PROMPTDIR_SEEN);
        if (seen.isEmpty() || seen.get().isEmpty()) {
            findings.add(Finding.warning(
                    "sounds.checked",
                    "the test flow could not look at the sounds",
                    "run the doctor against a Hotline of the same version"));
            return;
        }
        findings.addAll(SoundFindings.from(
                config.agi().soundsPrefix(),
                seen.get().equals("1"),
                var(hotlineLeg, TestCallFlow.DATADIR).orElse(""),
                var(hotlineLeg, TestCallFlow.PROMPTDIR).orElse(""),
                var(hotlineLeg, TestCallFlow.CHECKED).orElse("0"),
                var(hotlineLeg, TestCallFlow.MISSING).orElse("0:"),
                var(hotlineLeg, TestCallFlow.PARTIAL).orElse("0:"),
                var(hotlineLeg, TestCallFlow.CORE_MISSING).orElse("0:")));
    }

    /** After the hand-off: where the dialplan put the call, and what the queue entry and its event carry. */
    private void queueHop() {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        boolean gone = false;
        while (!joined.isDone() && System.nanoTime() < deadline) {
            if (var(hotlineLeg, "CHANNEL(state)").isEmpty()) {
                gone = true; // e.g. the dialplan hung up: no such queue
                break;
            }
            pause();
        }
        Map<String, String> join = joined.getNow(null);
        Optional<String> agi = var(hotlineLeg, "AGISTATUS");
        String agiStatus = agi.orElse("");
        if (transport.equals("agi") && (agi.isEmpty() || gone)) {
            findings.add(Finding.warning(
                    check("agistatus"),
                    "the test call's channel was gone before AGISTATUS could be" + " read",
                    "see " + check("queue-event")));
        } else if (transport.equals("agi")) {
            findings.add(
                    agiStatus.equals("SUCCESS")
                            ? Finding.ok(
                                    check("agistatus"), "AGISTATUS=SUCCESS: Hotline ended the FastAGI session cleanly")
                            : Finding.problem(
                                    check("agistatus"),
                                    "AGISTATUS=" + (agiStatus.isEmpty() ? "(unset)" : agiStatus)
                                            + " after the test flow",
                                    agiStatus.equals("FAILURE")
                                            ? "a command failed: usually a missing sound file (see sounds.*) or HOTLINE_AGI pointing"
                                                    + " elsewhere; Asterisk's log names it"
                                            : "see Asterisk's log for the AGI session"));
        }
        if (join == null) {
            List<Map<String, String>> status = ami.list("QueueStatus", Map.of("Queue", config.testQueue()));
            if (status.stream().noneMatch(e -> "QueueParams".equals(e.get("Event")))) {
                findings.add(Finding.warning(
                        check("queue-event"),
                        "no test queue " + config.testQueue() + ": the queue"
                                + " hop, its event and channelvars are unchecked",
                        "see ami.queue-" + AmiChecks.id(config.testQueue())));
                return;
            }
            boolean waiting = status.stream()
                    .anyMatch(e -> "QueueEntry".equals(e.get("Event")) && hotlineLeg.equals(e.get("Uniqueid")));
            findings.add(
                    waiting
                            ? Finding.problem(
                                    check("queue-event"),
                                    "the test call waits in queue " + config.testQueue()
                                            + " but no QueueCallerJoin event reached this AMI user: the screen pop would never come",
                                    "manager.conf ["
                                            + config.ami().orElseThrow().user()
                                            + "] read must include agent (Hotline needs"
                                            + " read = system,call,agent,user,reporting), then 'manager reload'")
                            : Finding.problem(
                                    check("queue-event"),
                                    "the test call did not reach queue " + config.testQueue()
                                            + " within " + config.timeout().toMillis() + " ms (now at "
                                            + var(hotlineLeg, "CONTEXT").orElse("?") + ","
                                            + var(hotlineLeg, "EXTEN").orElse("?") + ")",
                                    "extensions.conf [" + config.context() + "] exten => " + exten
                                            + " must go to queues,${HOTLINE_QUEUE},1"
                                            + " when HOTLINE_QUEUE is set, as in docker/asterisk/extensions.conf; see ami.queue-"
                                            + AmiChecks.id(config.testQueue())));
            return;
        }
        String queue = join.getOrDefault("Queue", "");
        if (!queue.equals(config.testQueue())) {
            findings.add(Finding.problem(
                    check("queue-event"),
                    "the test call was queued in '" + queue + "', not the" + " test queue " + config.testQueue()
                            + " it was handed to (hung up at once)",
                    "extensions.conf [" + config.context() + "] exten => " + exten + " must go to"
                            + " queues,${HOTLINE_QUEUE},1 when HOTLINE_QUEUE is set"));
            return;
        }
        findings.add(Finding.ok(check("queue-event"), "QueueCallerJoin for queue " + queue + " reached this AMI user"));
        findings.add(ChannelVars.check(join, var(hotlineLeg, "HOTLINE_TICKET").orElse("")));
    }

    /** Polls the flow's stage until {@code done} holds, the channel is gone, or the timeout passes. */
    private Optional<String> awaitStage(java.util.function.Predicate<String> done) {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> s = var(hotlineLeg, TestCallFlow.STAGE);
            if (s.isPresent() && done.test(s.get())) {
                return s;
            }
            if (joined.isDone()) {
                return Optional.empty(); // queued without Hotline: the fallback; hung up before an agent answers
            }
            pause();
        }
        return Optional.empty();
    }

    private Optional<String> var(String channel, String name) {
        return ami.getvar(channel, name);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
