package io.hotline.flowtest;

import io.hotline.actions.HotlineActions;
import io.hotline.actions.SessionRecorder;
import io.hotline.actions.TicketDeskAdapter;
import io.hotline.call.CallInfo;
import io.hotline.connectors.LogGateway;
import io.hotline.connectors.SmsConfig;
import io.hotline.connectors.SmsSender;
import io.hotline.db.Database;
import io.hotline.db.ScratchDatabases;
import io.hotline.engine.ActionRequest;
import io.hotline.engine.ActionResult;
import io.hotline.engine.Actions;
import io.hotline.engine.CallEnding;
import io.hotline.engine.Engine;
import io.hotline.engine.EngineOptions;
import io.hotline.flow.FlowSet;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.Transcript;
import io.hotline.tickets.CallSessions;
import io.hotline.tickets.Ticket;
import io.hotline.tickets.Tickets;
import io.hotline.wallet.Account;
import io.hotline.wallet.BuiltinWallet;
import io.hotline.wallet.Wallet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs flow cases as simulated calls on the real engine and actions, each on its own copy of
 * the demo data (so a freeze in one case is not seen by the next), and compares what
 * happened with what the case expects.
 *
 * <p>Not thread-safe: run cases one after another. Close it to delete the databases.
 */
public final class CaseRunner implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final FlowSet flows;
    private final ScratchDatabases scratch;
    private final Clock clock;

    private CaseRunner(FlowSet flows, ScratchDatabases scratch, Clock clock) {
        this.flows = flows;
        this.scratch = scratch;
        this.clock = clock;
    }

    /** Starts a throwaway embedded PostgreSQL for the cases of this (checked) flow set. */
    public static CaseRunner start(FlowSet flows) {
        return new CaseRunner(flows, ScratchDatabases.start(), Clock.systemDefaultZone());
    }

    /** Runs one case on a fresh copy of the demo data. */
    public CaseResult run(FlowCase c) {
        long t0 = System.nanoTime();
        try (Database db = scratch.fresh()) {
            var wallet = new Wallet(db.dataSource(), clock);
            var tickets = new Tickets(db.dataSource(), clock);
            var sessions = new CallSessions(db.dataSource(), clock);
            List<String> differences = new ArrayList<>();
            for (var e : c.fixture().entrySet()) {
                Optional<Account> account = wallet.findByMsisdn(e.getKey());
                if (account.isEmpty()) {
                    differences.add("fixture: no demo account has the number " + e.getKey());
                    continue;
                }
                for (Fixture f : e.getValue()) {
                    f.apply(wallet.findByMsisdn(e.getKey()).orElseThrow(), wallet, db.dataSource(), clock);
                }
            }
            if (!differences.isEmpty()) {
                return new CaseResult(c, differences, "(not called)", took(t0));
            }
            // log-only SMS, as ./hotline serve sends them by default; the sender's background drain is not needed
            var sms = new SmsSender(wallet.outbox(), new LogGateway(), SmsConfig.forTests(), "test-flows", clock);
            Actions actions = stubbed(
                    new HotlineActions(
                            new BuiltinWallet(wallet, sms, SmsConfig.forTests().callWait()),
                            wallet.callerLimits(),
                            tickets,
                            clock,
                            (to, ref, due, lang, account, callId) ->
                                    wallet.outbox().enqueueComplaintReference(to, ref, due, lang, account, callId)),
                    c.stubs());
            var transcript = new Transcript();
            String callId = "case-" + SEQ.incrementAndGet();
            var caller = new ScriptedCaller(c.keys());
            CallEnding ending;
            try (var engine = new Engine(
                    () -> flows,
                    actions,
                    new TicketDeskAdapter(
                            tickets,
                            new io.hotline.tickets.CallRecordings(
                                    db.dataSource(), clock, java.time.Duration.ofDays(1))),
                    new SessionRecorder(sessions, tickets),
                    clock,
                    EngineOptions.defaults())) {
                var info = new CallInfo(callId, c.caller(), "", c.language(), c.flow(), "sim", Map.of());
                ending = engine.run(new SimCall(info, caller, null), transcript);
            }
            Optional<Ticket> ticket = tickets.byCallId(callId);
            differences.addAll(Expectations.compare(c.expect(), transcript, ending, ticket));
            String said = transcript.render();
            if (!differences.isEmpty() && !caller.unused().isEmpty()) {
                said += "(keys never used: " + caller.unused() + ")\n";
            }
            return new CaseResult(c, differences, said, took(t0));
        }
    }

    private static Duration took(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The real actions, except those the case stubs: they give the stubbed outcome without running. */
    static Actions stubbed(Actions real, Map<String, String> stubs) {
        if (stubs.isEmpty()) {
            return real;
        }
        return new Actions() {
            @Override
            public ActionResult invoke(ActionRequest request) throws Exception {
                String outcome = stubs.get(request.action());
                return outcome != null ? ActionResult.of(outcome) : real.invoke(request);
            }

            @Override
            public Optional<Set<String>> outcomes(String action) {
                return real.outcomes(action);
            }
        };
    }

    @Override
    public void close() {
        scratch.close();
    }
}
