package io.hotline.analytics;

import io.hotline.call.CallInfo;
import io.hotline.engine.ActionRequest;
import io.hotline.engine.ActionResult;
import io.hotline.engine.Actions;
import io.hotline.engine.CallEnding;
import io.hotline.engine.CallSnapshot;
import io.hotline.engine.Engine;
import io.hotline.engine.EngineOptions;
import io.hotline.engine.PathStep;
import io.hotline.engine.SessionLog;
import io.hotline.engine.TicketDesk;
import io.hotline.flow.FlowSet;
import io.hotline.telephony.sim.SimCall;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replays recorded calls against a candidate flow set: the same keys at the same nodes, and
 * each action answering with its recorded outcome and variables (in the order that action was
 * done in the call) instead of touching the wallet. Nothing is written anywhere. A call whose
 * replayed path differs from its recorded one, node by node, would now go differently.
 *
 * <p>Limits: time is not replayed (a recorded timeout is replayed as silence); an action the
 * recording never did answers {@code error}; recordings made before actions' variables were
 * recorded replay branches on those variables as if they were empty.
 *
 * <p>Threading: {@link #replay} may be called from several threads; each call is independent.
 */
public final class Replay implements AutoCloseable {
    private final Engine engine;
    private final FlowSet candidate;
    private final Map<String, Recording> running = new ConcurrentHashMap<>();

    /** The per-call state the shared engine's ports look up by call id. */
    private static final class Recording {
        final Map<String, Deque<RecordedSession.RecordedAction>> actions = new HashMap<>();
        List<PathStep> path = List.of();

        Recording(RecordedSession session) {
            for (RecordedSession.RecordedAction a : session.actions()) {
                actions.computeIfAbsent(a.name(), k -> new ArrayDeque<>()).add(a);
            }
        }
    }

    public Replay(FlowSet candidate, Clock clock) {
        this.candidate = candidate;
        this.engine = new Engine(
                () -> candidate,
                new RecordedActions(),
                new RecordedDesk(),
                new CapturedPath(),
                clock,
                EngineOptions.defaults());
    }

    /** Replays one recorded call. */
    public ReplayResult replay(RecordedSession session) {
        String id = "replay-" + session.callId();
        var rec = new Recording(session);
        running.put(id, rec);
        try {
            var caller = new ReplayCaller(session, candidate);
            var info =
                    new CallInfo(id, session.callerMasked(), "", session.language(), session.flowId(), "sim", Map.of());
            engine.run(new SimCall(info, caller, null), caller);
            List<RecordedSession.Step> replayed = new ArrayList<>();
            for (PathStep s : rec.path) {
                replayed.add(new RecordedSession.Step(s.flowId(), s.nodeId(), s.type(), s.input(), s.exit()));
            }
            return new ReplayResult(session, replayed, ReplayResult.firstDifference(session.path(), replayed));
        } finally {
            running.remove(id);
        }
    }

    @Override
    public void close() {
        engine.close();
    }

    private Recording of(CallSnapshot call) {
        Recording r = running.get(call.info().callId());
        if (r == null) {
            throw new IllegalStateException("no recording for " + call.info().callId());
        }
        return r;
    }

    /** Actions answer from the recording. */
    private final class RecordedActions implements Actions {
        @Override
        public ActionResult invoke(ActionRequest request) {
            Deque<RecordedSession.RecordedAction> q = of(request.call()).actions.get(request.action());
            RecordedSession.RecordedAction a = q == null ? null : q.poll();
            if (a == null) {
                return ActionResult.of("error");
            }
            return new ActionResult(a.outcome(), a.variables(), a.reference(), List.of());
        }

        @Override
        public Optional<Set<String>> outcomes(String action) {
            return Optional.empty();
        }
    }

    /** Tickets are not written; the recorded reference (or a placeholder) stands in. */
    private static final class RecordedDesk implements TicketDesk {
        @Override
        public String openOrUpdate(CallSnapshot call, String category, String queue, int priority) {
            return "T-REPLAY";
        }
    }

    /** Keeps the replayed path instead of writing a session. */
    private final class CapturedPath implements SessionLog {
        @Override
        public void started(CallSnapshot call, Instant at) {}

        @Override
        public void ended(CallSnapshot call, CallEnding ending, Instant at) {
            of(call).path = call.path();
        }
    }
}
