package io.hotline.telephony.agi;

import io.hotline.call.Call;
import io.hotline.db.Database;
import io.hotline.emulator.agi.AgiEmulator;
import io.hotline.emulator.agi.AgiResult;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallListener;
import io.hotline.journeys.Dialer;
import io.hotline.journeys.Listeners;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs calls through the shipped flows over FastAGI: the engine behind a real
 * {@link AgiServer}, wired as {@code serve} wires it, and a {@link AgiEmulator} per call.
 */
final class AgiHarness implements Dialer<AgiHarness.Result> {
    private static final AtomicInteger SEQ = new AtomicInteger();
    final Hotline hotline;
    final AgiServer server;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    /** One finished call: what the engine said and how it ended, and what Asterisk saw. */
    record Result(String callId, Transcript transcript, CallEnding ending, AgiResult asterisk)
            implements Dialer.Dialed {
        @Override
        public Map<String, String> channelVariables() {
            return asterisk.variables();
        }
    }

    private record Plan(
            AgiEmulator fake, String hangupAtNode, Transcript transcript, CompletableFuture<CallEnding> ending) {}

    /** The sound files each call's fake Asterisk has. */
    private volatile io.hotline.telephony.AsteriskSounds.Installed sounds =
            io.hotline.telephony.AsteriskSounds.forFakes();

    AgiHarness(Database db) {
        this(Hotline.onDatabase(db, Path.of("ivr-flows"), Clock.systemDefaultZone()));
    }

    /** On a core composed otherwise (other flows, a test clock); closed with the harness. */
    AgiHarness(Hotline hotline) {
        this.hotline = hotline;
        try {
            // the fake Asterisk runs here: the "shared" recordings directory is one temporary directory
            Path recordings = java.nio.file.Files.createTempDirectory("agi-recordings");
            this.server = new AgiServer(
                            AgiConfig.loopback().withRecordings(recordings.toString(), recordings), this::handle)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What serve does with a call, plus this test's listener. */
    private void handle(Call call) {
        Plan plan = plans.get(call.info().callId());
        if (plan == null) {
            hotline.engine().run(call, CallListener.NONE);
            return;
        }
        CallEnding ending = hotline.engine().run(call, listener(plan));
        plan.ending().complete(ending);
    }

    @Override
    public Hotline hotline() {
        return hotline;
    }

    @Override
    public Result call(String ani, String keys) {
        return callHangingUpAt(ani, keys, null);
    }

    /** A call; when {@code hangupAtNode} ({@code flow/node}) is reached the caller hangs up there. */
    @Override
    public Result callHangingUpAt(String ani, String keys, String hangupAtNode) {
        String id = "agi-" + SEQ.incrementAndGet() + "." + System.nanoTime();
        AgiEmulator fake = AgiFakes.call(server.port())
                .uniqueId(id)
                .callerId(ani)
                .language("en")
                .keys(keys)
                .sounds(sounds);
        Plan plan = new Plan(fake, hangupAtNode, new Transcript(), new CompletableFuture<>());
        plans.put(id, plan);
        try {
            AgiResult seen = fake.start().await();
            CallEnding ending = plan.ending().get(30, TimeUnit.SECONDS);
            return new Result(id, plan.transcript(), ending, seen);
        } catch (Exception e) {
            throw new AssertionError("call " + id + " did not finish", e);
        } finally {
            plans.remove(id);
        }
    }

    /** From the next call on, the fake Asterisk has these sound files too (as {@code hotline/en/x}). */
    void alsoHas(String... files) {
        sounds = sounds.with(files);
    }

    private static CallListener listener(Plan plan) {
        return Listeners.both(plan.transcript(), new CallListener() {
            @Override
            public void nodeEntered(String flowId, String nodeId, String type) {
                if ((flowId + "/" + nodeId).equals(plan.hangupAtNode())) {
                    // the caller hangs up now, while the engine is busy at this node
                    plan.fake().hangUpNow();
                }
            }
        });
    }

    @Override
    public void close() {
        server.close();
        hotline.close();
    }
}
