package io.hotline.journeys;

import io.hotline.Hotline;
import io.hotline.call.CallInfo;
import io.hotline.db.Database;
import io.hotline.engine.CallEnding;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimCaller;
import io.hotline.telephony.sim.Transcript;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs simulated calls through the shipped flows on a test database. */
final class SimHarness implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    final Hotline hotline;

    SimHarness(Database db) {
        this.hotline = Hotline.onDatabase(db, Path.of("ivr-flows"), Clock.systemDefaultZone());
    }

    /** One finished simulated call. */
    record Result(String callId, Transcript transcript, CallEnding ending, SimCall call) {
        String said() {
            return String.join("\n", transcript.prompts());
        }
    }

    Result call(String ani, String keys) {
        return call(ani, new ScriptedCaller(keys), "en");
    }

    Result call(String ani, SimCaller caller, String lang) {
        String id = "test-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
        var call = new SimCall(new CallInfo(id, ani, "", lang, "main", "sim", Map.of()), caller, null);
        var transcript = new Transcript();
        CallEnding ending = hotline.engine().run(call, transcript);
        return new Result(id, transcript, ending, call);
    }

    @Override
    public void close() {
        hotline.close();
    }
}
