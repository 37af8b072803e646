package io.hotline.bench;

import io.hotline.telephony.ari.AriClient;
import io.hotline.telephony.ari.AriConfig;
import io.hotline.telephony.ari.CallHandler;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ARI benchmark: full stolen-account and recharge journeys, alternately, through
 * Hotline's real ARI adapter and engine against an {@link AriEmulator} (a separate Vert.x
 * instance standing in for Asterisk), {@code concurrency} calls at a time.
 *
 * <p>The stolen-account caller presses 2 in the main menu and 1 at the offer (both
 * barge-in); the recharge caller presses 1 and then types the PIN 2468# at 350 ms per key
 * (SendDTMF's default rhythm in the recorded session: 100 ms tone, 250 ms gap). Keys that
 * arrive while the flow is not listening are lost over ARI as over AGI, so a server too
 * slow to get back to listening within that gap shows up as errors. A journey counts as
 * an error unless it ends continued to the expected queue having heard the journey's key
 * prompt (the freeze advice; the recharge explanation, which needs the PIN accepted).
 */
public final class AriBench {
    private static final String USER = "hotline";
    private static final String PASSWORD = "bench";
    private static final String CALLER = "13800138000";

    private record Journey(String name, List<AriEmulator.Press> script, String mustHear, String expected) {
    }

    private static final List<Journey> JOURNEYS = List.of(
            new Journey("stolen-account", List.of(new AriEmulator.Press("main.main_menu", "2", 0),
                    new AriEmulator.Press("stolen.offer", "1", 0)), "stolen.advice", "queued:fraud"),
            new Journey("recharge", List.of(new AriEmulator.Press("main.main_menu", "1", 0),
                    new AriEmulator.Press("verify-identity.ask_pin", "2468#", 350)), "recharge.intro",
                    "queued:recharge"));

    /** What one run measured. Turn times are in milliseconds. */
    public record Result(int calls, int concurrency, int errors, int peakConcurrent, Duration elapsed,
                         double journeysPerSecond, double p50, double p99, double max, long heapUsedMb) {
        public String render() {
            return String.format("ARI  %d journeys, concurrency %d (peak %d): %.1f journeys/s, turn p50 %.2f ms, "
                            + "p99 %.2f ms, max %.2f ms, errors %d, heap used %d MB",
                    calls, concurrency, peakConcurrent, journeysPerSecond, p50, p99, max, errors, heapUsedMb);
        }
    }

    private AriBench() {
    }

    /**
     * Runs {@code calls} journeys with {@code handler} serving each call (in {@code serve}
     * and the bench command: the engine), after a warm-up of {@code warmup} journeys that is
     * not measured.
     */
    public static Result run(CallHandler handler, int calls, int concurrency, int warmup, PrintStream progress)
            throws Exception {
        Vertx asterisk = Vertx.vertx();
        Vertx hotline = Vertx.vertx();
        try {
            AriEmulator emulator = AriEmulator.start(asterisk, USER, PASSWORD, "hotline")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            AriConfig config = new AriConfig(URI.create("http://127.0.0.1:" + emulator.port()), USER, PASSWORD,
                    "hotline", "hotline", Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(30),
                    Duration.ofSeconds(10));
            AriClient client = new AriClient(hotline, config, handler);
            client.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            try {
                if (warmup > 0) {
                    drive(emulator, warmup, Math.min(concurrency, warmup));
                    emulator.drainTurns().toCompletionStage().toCompletableFuture().get();
                    progress.printf("ARI  warm-up: %d journeys%n", warmup);
                }
                return drive(emulator, calls, concurrency);
            } finally {
                client.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                emulator.close();
            }
        } finally {
            hotline.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            asterisk.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Result drive(AriEmulator emulator, int calls, int concurrency) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch finished = new CountDownLatch(calls);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger active = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            slots.acquire();
            Journey j = JOURNEYS.get(i % JOURNEYS.size());
            peak.accumulateAndGet(active.incrementAndGet(), Math::max);
            emulator.dial(CALLER, j.script(), j.mustHear(), how -> {
                if (!how.equals(j.expected())) {
                    errors.incrementAndGet();
                }
                active.decrementAndGet();
                slots.release();
                finished.countDown();
            });
        }
        if (!finished.await(5, TimeUnit.MINUTES)) {
            errors.addAndGet((int) finished.getCount());
        }
        long elapsed = System.nanoTime() - t0;
        long[] turns = emulator.drainTurns().toCompletionStage().toCompletableFuture().get();
        Arrays.sort(turns);
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        return new Result(calls, concurrency, errors.get(), peak.get(), Duration.ofNanos(elapsed),
                calls / (elapsed / 1e9), millis(turns, 0.50), millis(turns, 0.99),
                turns.length == 0 ? 0 : turns[turns.length - 1] / 1e6, heap);
    }

    private static double millis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
