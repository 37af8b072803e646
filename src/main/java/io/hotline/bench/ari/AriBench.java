package io.hotline.bench.ari;

import io.hotline.call.CallHandler;
import io.hotline.emulator.ari.AriEmulator;
import io.hotline.emulator.ari.CallerScript;
import io.hotline.emulator.ari.EmulatedChannel;
import io.hotline.telephony.ari.AriClient;
import io.hotline.telephony.ari.AriConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The ARI benchmark: whole stolen-account and recharge journeys through Hotline's real ARI
 * adapter and engine against an {@link AriEmulator} (its own Vert.x instance, standing in
 * for Asterisk, with every sound file), {@code concurrency} calls at a time. Playbacks end at
 * once unless the caller barges into them (then they play until Hotline stops them), so what
 * is measured is Hotline, not audio. Figures are printed like the FastAGI
 * benchmark's so that the two can be compared line by line.
 *
 * <p>The stolen-account caller presses 2 in the main menu and 1 at the offer (both
 * barge-in); the recharge caller presses 1, then types the PIN 2468# at {@code keyGap} per
 * key (350 ms: SendDTMF's default rhythm in the recorded session, 100 ms tone + 250 ms
 * gap). Keys that arrive while the flow is not listening are lost over ARI as over AGI, so a
 * server too slow to get back to listening within that gap shows up as errors. A journey
 * counts as an error unless it ends continued to its queue having heard its key prompt (the
 * freeze advice; the recharge explanation, which needs the PIN accepted); a request Asterisk
 * would refuse counts as one more error.
 */
public final class AriBench {
    /** Press {@code keys} when a prompt whose media contains {@code prompt} starts. */
    public record Press(String prompt, String keys) {}

    /**
     * One journey: who presses what when ({@code keyGap} between the keys of one press), the prompt it must reach and
     * the queue it ends in.
     */
    public record Journey(
            String name, String ani, List<Press> presses, Duration keyGap, String mustHear, String queue) {
        /** The caller of this journey, for the emulator. */
        public CallerScript script() {
            CallerScript s = CallerScript.caller();
            presses.forEach(p -> s.onPlay(p.prompt()).bargeIn(p.keys(), keyGap));
            return s;
        }
    }

    /** The journeys by name: {@code stolen} and {@code recharge}, as {@code hotline bench agi} has them. */
    public static Journey journey(String name, Duration keyGap) {
        return switch (name) {
            case "stolen" ->
                new Journey(
                        "stolen",
                        "13800138000",
                        List.of(new Press("main.main_menu", "2"), new Press("stolen.offer", "1")),
                        keyGap,
                        "stolen.advice",
                        "fraud");
            case "recharge" ->
                new Journey(
                        "recharge",
                        "13800138000",
                        List.of(new Press("main.main_menu", "1"), new Press("verify-identity.ask_pin", "2468#")),
                        keyGap,
                        "recharge.intro",
                        "recharge");
            default -> throw new IllegalArgumentException("unknown journey '" + name + "' (stolen, recharge)");
        };
    }

    /** Figures of one run. Turn: from the emulator's last event or reply for a call to Hotline's next request. */
    public record Figures(
            String target,
            int calls,
            int concurrency,
            int peakCalls,
            double seconds,
            int errors,
            long turns,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            double meanMillis,
            List<String> sampleErrors) {

        public double journeysPerSecond() {
            return (calls - errors) / seconds;
        }

        public String render() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(
                    "%-26s %d calls, concurrency %d (peak %d in Stasis), %.2f s%n",
                    target, calls, concurrency, peakCalls, seconds));
            b.append(String.format("  journeys/s        %10.1f%n", journeysPerSecond()));
            b.append(String.format(
                    "  server turn time  p50 %.3f ms  p99 %.3f ms  max %.3f ms  mean %.3f ms (%d turns)%n",
                    p50Millis, p99Millis, maxMillis, meanMillis, turns));
            b.append(String.format("  errors            %d%n", errors));
            sampleErrors.forEach(e -> b.append("    e.g. ").append(e).append('\n'));
            return b.toString();
        }
    }

    private AriBench() {}

    /**
     * Runs {@code warmup} unmeasured journeys, then {@code calls} measured ones, alternating
     * through {@code journeys}; {@code handler} serves each call (the engine). {@code callerFor}
     * gives call {@code i}'s number (null: the journey's own caller).
     */
    public static Figures run(
            String target,
            CallHandler handler,
            List<Journey> journeys,
            int calls,
            int concurrency,
            int warmup,
            IntFunction<String> callerFor)
            throws Exception {
        return run(target, handler, journeys, calls, concurrency, warmup, callerFor, Duration.ZERO);
    }

    /**
     * As {@link #run(String, CallHandler, List, int, int, int, IntFunction)}, with callers who {@code listen} to every
     * prompt that plays to its end, and whose first calls arrive spread over about one journey's time (as for
     * FastAGI's listening callers). The warm-up answers at once.
     */
    public static Figures run(
            String target,
            CallHandler handler,
            List<Journey> journeys,
            int calls,
            int concurrency,
            int warmup,
            IntFunction<String> callerFor,
            Duration listen)
            throws Exception {
        Vertx hotline = Vertx.vertx();
        try (AriEmulator emulator = AriEmulator.start()) {
            emulator.timing(Duration.ZERO, Duration.ZERO);
            AriConfig config = new AriConfig(
                    URI.create("http://127.0.0.1:" + emulator.port()),
                    AriEmulator.USER,
                    AriEmulator.PASSWORD,
                    AriEmulator.APP,
                    "hotline",
                    Duration.ofMillis(50),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(10));
            AriClient client = new AriClient(hotline, config, handler);
            client.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            try {
                if (warmup > 0) {
                    drive("warm-up", emulator, journeys, warmup, Math.min(concurrency, 50), callerFor, 0);
                }
                emulator.listening(listen);
                return drive(target, emulator, journeys, calls, concurrency, callerFor, listen.toMillis());
            } finally {
                client.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } finally {
            hotline.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @SuppressWarnings({
        "UnnecessaryAsync", // samples is filled by the emulator's callbacks, on its event loop
        "FutureReturnValueIgnored" // each journey's end is counted by its callback
    })
    private static Figures drive(
            String target,
            AriEmulator emulator,
            List<Journey> journeys,
            int calls,
            int concurrency,
            IntFunction<String> callerFor,
            long listenMillis)
            throws Exception {
        emulator.drainTurns();
        int violationsBefore = emulator.violations().size();
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch finished = new CountDownLatch(calls);
        AtomicInteger errors = new AtomicInteger();
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger active = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            slots.acquire();
            Journey j = journeys.get(i % journeys.size());
            String expected = "queued:" + j.queue();
            String caller = callerFor == null ? j.ani() : callerFor.apply(i);
            peak.accumulateAndGet(active.incrementAndGet(), Math::max);
            Runnable dialIn = () -> {
                EmulatedChannel ch = emulator.dial(caller, j.script());
                ch.left().whenComplete((left, failure) -> {
                    String how = ended(left, ch, j.mustHear());
                    if (!how.equals(expected) && errors.incrementAndGet() <= 3) {
                        samples.add(j.name() + ": ended '" + how + "', expected '" + expected + "'");
                    }
                    active.decrementAndGet();
                    slots.release();
                    finished.countDown();
                });
            };
            // listening callers: the first ones arrive spread over about a journey (30 prompts), not all at once
            long after = listenMillis > 0 && i < concurrency ? spread(listenMillis * 30) : 0;
            if (after > 0) {
                CompletableFuture.delayedExecutor(after, TimeUnit.MILLISECONDS).execute(dialIn);
            } else {
                dialIn.run();
            }
        }
        if (!finished.await(5, TimeUnit.MINUTES)) {
            errors.addAndGet((int) finished.getCount());
            samples.add(finished.getCount() + " journeys still running after 5 minutes");
        }
        List<String> refused = emulator.violations();
        refused = refused.subList(violationsBefore, refused.size());
        errors.addAndGet(refused.size());
        refused.stream().limit(3).forEach(v -> samples.add("a request Asterisk would refuse: " + v));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] turns = emulator.drainTurns();
        Arrays.sort(turns);
        double mean = turns.length == 0 ? 0 : Arrays.stream(turns).average().orElse(0) / 1e6;
        return new Figures(
                target,
                calls,
                concurrency,
                peak.get(),
                seconds,
                errors.get(),
                turns.length,
                pct(turns, 50),
                pct(turns, 99),
                turns.length == 0 ? 0 : turns[turns.length - 1] / 1e6,
                mean,
                new ArrayList<>(samples));
    }

    /**
     * How the channel left Stasis, as the journey's check reads it: {@code queued:<extension>}, {@code hangup} (by
     * Hotline) or {@code caller hung up}, followed by {@code " without <mustHear>"} when no media containing
     * {@code mustHear} started (the journey took another path).
     */
    private static String ended(String left, EmulatedChannel ch, String mustHear) {
        String how;
        if (left == null) {
            how = "never left Stasis";
        } else if (left.startsWith("continue ")) {
            String[] target = left.substring("continue ".length()).split(",");
            how = "queued:" + (target.length > 1 ? target[1] : "");
        } else if (left.equals("hung up by the application")) {
            how = "hangup";
        } else {
            how = left;
        }
        return ch.heard().stream().anyMatch(m -> m.contains(mustHear)) ? how : how + " without " + mustHear;
    }

    @edu.umd.cs.findbugs.annotations.SuppressFBWarnings(
            value = "PREDICTABLE_RANDOM",
            justification = "spreads bench callers over time, not a secret")
    private static long spread(long millis) {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(millis);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
