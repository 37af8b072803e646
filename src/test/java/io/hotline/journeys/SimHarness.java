package io.hotline.journeys;

import io.hotline.call.CallInfo;
import io.hotline.db.Database;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallListener;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimCaller;
import io.hotline.telephony.sim.Transcript;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs simulated calls through the shipped flows on a test database. */
final class SimHarness implements Dialer<SimHarness.Result> {
    private static final AtomicInteger SEQ = new AtomicInteger();
    final Hotline hotline;

    SimHarness(Database db) {
        this(Hotline.onDatabase(db, Path.of("ivr-flows"), Clock.systemDefaultZone()));
    }

    /** On a core composed otherwise (e.g. with the HTTP wallet); closed with the harness. */
    SimHarness(Hotline hotline) {
        this.hotline = hotline;
    }

    /** One finished simulated call. */
    record Result(String callId, Transcript transcript, CallEnding ending, SimCall call) implements Dialer.Dialed {
        @Override
        public Map<String, String> channelVariables() {
            return call.channelVariables();
        }
    }

    @Override
    public Hotline hotline() {
        return hotline;
    }

    @Override
    public Result call(String ani, String keys) {
        return run(ani, new ScriptedCaller(keys), CallListener.NONE);
    }

    @Override
    public Result callHangingUpAt(String ani, String keys, String flowSlashNode) {
        var caller = new HangUpAt(keys, flowSlashNode);
        return run(ani, caller, caller);
    }

    private Result run(String ani, SimCaller caller, CallListener also) {
        String id = "test-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
        var call = new SimCall(new CallInfo(id, ani, "", "en", "main", "sim", Map.of()), caller, null);
        var transcript = new Transcript();
        CallEnding ending = hotline.engine().run(call, Listeners.both(transcript, also));
        return new Result(id, transcript, ending, call);
    }

    @Override
    public void close() {
        hotline.close();
    }
}
