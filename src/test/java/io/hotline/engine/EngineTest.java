package io.hotline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.CallInfo;
import io.hotline.call.PromptPart;
import io.hotline.flow.ActionCatalog;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowRegistry;
import io.hotline.flow.LoadResult;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.Transcript;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine against small test flows, a scripted caller and in-memory ports. */
@DisplayName("Engine")
class EngineTest {
    static final ActionCatalog CATALOG = ActionCatalog.of(Map.of(
            "slow",
            Set.of("ok"),
            "broken",
            Set.of("ok"),
            "echo",
            Set.of("ok"),
            "lookup",
            Set.of("ok"),
            "write",
            Set.of("ok")));

    final CountDownLatch never = new CountDownLatch(1);
    final List<CallSnapshot> ticketsWritten = new CopyOnWriteArrayList<>();
    final List<CallSnapshot> sessionsEnded = new CopyOnWriteArrayList<>();
    final List<ActionRequest> requests = new CopyOnWriteArrayList<>();
    volatile boolean ticketDeskDown;
    volatile boolean lookupBlocks;
    final CountDownLatch lookupStarted = new CountDownLatch(1);
    final CountDownLatch lookupInterrupted = new CountDownLatch(1);
    final CountDownLatch writeStarted = new CountDownLatch(1);
    Engine engine;

    @BeforeEach
    void setUp() {
        LoadResult loaded = new FlowLoader().load(Path.of("src/test/resources/engine-flows"), CATALOG);
        assertThat(loaded.problems()).isEmpty();
        FlowRegistry registry = new FlowRegistry();
        registry.publish(loaded);
        Actions actions = new Actions() {
            @Override
            public java.util.Optional<Set<String>> outcomes(String action) {
                return CATALOG.outcomes(action);
            }

            @Override
            public boolean readOnly(String action) {
                return action.equals("lookup");
            }

            @Override
            public ActionResult invoke(ActionRequest r) throws Exception {
                requests.add(r);
                if (r.action().equals("lookup")) {
                    lookupStarted.countDown();
                    if (lookupBlocks) {
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            lookupInterrupted.countDown();
                            throw e;
                        }
                    }
                    return ActionResult.of("ok");
                }
                if (r.action().equals("write")) {
                    writeStarted.countDown();
                    return ActionResult.of("ok");
                }
                return switch (r.action()) {
                    case "slow" -> {
                        never.await();
                        yield ActionResult.of("ok");
                    }
                    case "broken" -> throw new java.sql.SQLException("connection refused");
                    case "echo" ->
                        ActionResult.of("ok", Map.of("owed", "128850", "since", "2026-11-20", "ref", "T-1234"));
                    default -> throw new IllegalArgumentException(r.action());
                };
            }
        };
        TicketDesk desk = (call, category, queue, priority) -> {
            if (ticketDeskDown) {
                throw new java.sql.SQLException("database down");
            }
            ticketsWritten.add(call);
            return "T-" + ticketsWritten.size();
        };
        SessionLog log = new SessionLog() {
            @Override
            public void started(CallSnapshot call, java.time.Instant at) {}

            @Override
            public void ended(CallSnapshot call, CallEnding ending, java.time.Instant at) {
                sessionsEnded.add(call);
            }
        };
        engine = new Engine(
                registry,
                actions,
                desk,
                log,
                Clock.systemUTC(),
                new EngineOptions(Duration.ofMillis(500), "general-support", 1000, 8));
    }

    @AfterEach
    void tearDown() {
        never.countDown();
        engine.close();
    }

    record Run(CallEnding ending, Transcript transcript, SimCall call) {
        List<String> said() {
            return transcript.prompts();
        }
    }

    Run run(String keys) {
        return run(keys, "t", "en");
    }

    Run run(String keys, String flow, String lang) {
        var call = new SimCall(
                new CallInfo("c-" + System.nanoTime(), "13800138000", "", lang, flow, "sim", Map.of()),
                new ScriptedCaller(keys),
                null);
        var t = new Transcript();
        CallEnding e = engine.run(call, t);
        return new Run(e, t, call);
    }

    @Test
    @DisplayName("an action slower than its budget takes the error exit instead of leaving the caller in silence")
    void slowActionTimesOut() {
        var r = run("1");
        assertThat(r.said()).containsSubsequence("Menu.", "Sorry.", "Bye.");
        assertThat(r.transcript().entries()).contains(new Transcript.Entry.Acted("slow", "timeout", ""));
        assertThat(r.ending().reason()).isEqualTo(CallEnding.Reason.HANGUP);
    }

    @Test
    @DisplayName("an action that fails takes the error exit")
    void failingAction() {
        var r = run("2");
        assertThat(r.said()).containsSubsequence("Menu.", "Sorry.", "Bye.");
        assertThat(r.transcript().entries()).contains(new Transcript.Entry.Acted("broken", "error", ""));
    }

    @Test
    @DisplayName("secure digits reach the action but never the path, the keys heard or the session")
    void secureInput() {
        var r = run("3 246813");
        assertThat(requests.getLast().arg("value")).isEqualTo("246813");
        assertThat(r.transcript().entries()).contains(new Transcript.Entry.Pressed("pin", "******"));
        CallSnapshot s = sessionsEnded.getLast();
        assertThat(s.variables()).doesNotContainKey("pin");
        assertThat(s.path().toString()).doesNotContain("246813");
        assertThat(requests.getLast().call().variables()).doesNotContainKey("pin");
    }

    @Test
    @DisplayName("digit entry stops at max length, and a too-short entry is refused and asked again")
    void inputLengths() {
        var r = run("3 12# 1234567");
        assertThat(r.said()).containsSubsequence("PIN.", "Bad PIN.", "PIN.");
        assertThat(requests.getLast().arg("value")).isEqualTo("123456");
    }

    @Test
    @DisplayName("silence at an input is asked again and then goes to the on-fail exit")
    void inputSilence() {
        var r = run("3 . .");
        assertThat(r.said()).containsSubsequence("PIN.", "No PIN.", "PIN.");
        assertThat(r.ending().queue()).isEqualTo("general-support");
    }

    @Test
    @DisplayName("dynamic parts become amounts, dates and characters for the telephony side to speak")
    void dynamicParts() {
        var r = run("3 2468#");
        var said = r.transcript().entries().stream()
                .filter(e -> e instanceof Transcript.Entry.Said)
                .map(e -> ((Transcript.Entry.Said) e).text())
                .toList();
        assertThat(said).contains("You owe 1288.50 yuan since 2026-11-20, ref T-1234.");
    }

    @Test
    @DisplayName("a subflow returns its outcome, and branches read call variables")
    void subflowAndBranch() {
        assertThat(run("4 1").said()).containsSubsequence("Yes 1, no 2.", "OK.");
        assertThat(run("4 2").said()).containsSubsequence("Yes 1, no 2.", "Sorry.");
        assertThat(run("* 4 1").said()).containsSubsequence("菜单。", "是1，否2。", "抱歉。");
    }

    @Test
    @DisplayName("retries run out after invalid keys and silence, then the on-fail exit")
    void retriesRunOut() {
        var r = run("7 .");
        assertThat(r.said()).containsSubsequence("Menu.", "Invalid.", "Menu.");
        assertThat(r.ending().queue()).isEqualTo("general-support");
    }

    @Test
    @DisplayName("the queue node writes the ticket and sets the inherited channel variables")
    void queueHandOff() {
        var r = run("5");
        assertThat(r.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);
        assertThat(r.call().handoff().queue()).isEqualTo("fraud");
        assertThat(r.call().handoff().priority()).isEqualTo(7);
        assertThat(r.call().handoff().ticketRef()).isEqualTo("T-1");
    }

    @Test
    @DisplayName("when the ticket cannot be written the caller still reaches the queue, with what is known")
    void queueWithoutTicket() {
        ticketDeskDown = true;
        var r = run("5");
        assertThat(r.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);
        assertThat(r.ending().ticket()).isEmpty();
        assertThat(r.call().handoff().ticketRef()).isEmpty();
        assertThat(r.call().handoff().category()).isEqualTo("fraud");
    }

    @Test
    @DisplayName("a call for a flow that does not exist goes to the fallback queue instead of dead air")
    void unknownFlow() {
        var r = run("", "nope", "en");
        assertThat(r.ending().reason()).isEqualTo(CallEnding.Reason.ERROR);
        assertThat(r.ending().queue()).isEqualTo("general-support");
        assertThat(r.call().handoff()).isNotNull();
    }

    @Test
    @DisplayName("a caller whose keys run out is recorded as having hung up where they were")
    void callerHangsUp() {
        var r = run("");
        assertThat(r.ending().reason()).isEqualTo(CallEnding.Reason.CALLER_HANGUP);
        PathStep last = sessionsEnded.getLast().path().getLast();
        assertThat(last.nodeId()).isEqualTo("menu");
        assertThat(last.exit()).isEqualTo("caller_hangup");
    }

    @Test
    @DisplayName("many calls run at once on one engine without sharing state")
    void concurrentCalls() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Run> runs = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 200; i++) {
            String keys = i % 2 == 0 ? "3 2468#" : "5";
            threads.add(Thread.ofVirtual().start(() -> runs.add(run(keys))));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(runs).hasSize(200);
        assertThat(runs.stream().filter(x -> x.ending().reason() == CallEnding.Reason.QUEUED))
                .hasSize(100);
        assertThat(runs.stream().filter(x -> x.said().contains("Bye."))).hasSize(100);
    }

    @Test
    @DisplayName(
            "a read-only action runs while the prompt before it plays; an action that writes waits for the prompt's end")
    void readOnlyActionStartsDuringThePromptBeforeIt() throws Exception {
        var heard = new java.util.concurrent.ConcurrentHashMap<String, Boolean>();
        CallListener listener = new CallListener() {
            @Override
            public void said(String language, List<PromptPart> parts) {
                String text = parts.getFirst().text();
                try {
                    if (text.equals("Looking.")) { // the lookup must get going while this plays
                        heard.put(text, lookupStarted.await(10, java.util.concurrent.TimeUnit.SECONDS));
                    } else if (text.equals("Writing.")) { // the write must not
                        heard.put(text, writeStarted.getCount() == 1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        var looking = new SimCall(
                new CallInfo("c-look", "13800138000", "", "en", "t", "sim", Map.of()), new ScriptedCaller("6"), null);
        var lookingTranscript = new Transcript();
        engine.run(looking, CallListeners.of(List.of(listener), lookingTranscript));
        var writing = new SimCall(
                new CallInfo("c-write", "13800138000", "", "en", "t", "sim", Map.of()), new ScriptedCaller("8"), null);
        var writingTranscript = new Transcript();
        engine.run(writing, CallListeners.of(List.of(listener), writingTranscript));

        assertThat(heard).containsEntry("Looking.", true).containsEntry("Writing.", true);
        assertThat(lookingTranscript.prompts()).containsSubsequence("Looking.", "OK.", "Bye.");
        assertThat(lookingTranscript.entries()).contains(new Transcript.Entry.Acted("lookup", "ok", ""));
        assertThat(writingTranscript.entries()).contains(new Transcript.Entry.Acted("write", "ok", ""));
        assertThat(writeStarted.getCount()).isZero();
    }

    @Test
    @DisplayName("a caller who hangs up during that prompt leaves no action running and none recorded")
    void hangUpDuringThePromptBeforeAReadOnlyAction() throws Exception {
        lookupBlocks = true;
        var caller = new io.hotline.telephony.sim.SimCaller() {
            boolean pressed;

            @Override
            public io.hotline.call.Key hear(List<PromptPart> parts, String language, String interruptKeys) {
                if (parts.getFirst().text().equals("Looking.")) {
                    try { // hang up once the lookup is under way, so it is running when the call ends
                        lookupStarted.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new io.hotline.call.CallEnded("hung up during the prompt");
                }
                return io.hotline.call.Key.NONE;
            }

            @Override
            public io.hotline.call.Key nextKey(Duration timeout) {
                if (pressed) {
                    throw new io.hotline.call.CallEnded("no more keys");
                }
                pressed = true;
                return io.hotline.call.Key.of('6');
            }
        };
        var t = new Transcript();
        CallEnding ending = engine.run(
                new SimCall(new CallInfo("c-gone", "13800138000", "", "en", "t", "sim", Map.of()), caller, null), t);

        assertThat(ending.reason()).isEqualTo(CallEnding.Reason.CALLER_HANGUP);
        assertThat(lookupInterrupted.await(10, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        assertThat(t.entries()).noneMatch(e -> e instanceof Transcript.Entry.Acted);
        PathStep last = sessionsEnded.getLast().path().getLast();
        assertThat(last.nodeId()).isEqualTo("looking");
        assertThat(last.exit()).isEqualTo("caller_hangup");
    }

    @Test
    @DisplayName("prompt parts keep recorded ids that are stable per flow, node and purpose")
    void promptIds() {
        var ids = new ArrayList<String>();
        var call = new SimCall(
                new CallInfo("ids", "1", "", "en", "t", "sim", Map.of()), new ScriptedCaller("7 9 ."), null);
        engine.run(call, new CallListener() {
            @Override
            public void said(String language, List<PromptPart> parts) {
                parts.forEach(p -> ids.add(p instanceof PromptPart.Recorded rec ? rec.id() : "?"));
            }
        });
        assertThat(ids).containsSubsequence("t.menu.prompt", "t.menu.invalid", "t.menu.prompt");
    }
}
