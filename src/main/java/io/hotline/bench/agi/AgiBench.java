package io.hotline.bench.agi;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives emulated Asterisk calls through whole journeys against a FastAGI server and
 * measures it: journeys per second, server turn times (from a reply leaving the peer to the
 * server's next command arriving), errors, heap. Then the same command sequences against a
 * bare asterisk-java script ({@link BareAgiBaseline}), for our overhead as a ratio.
 *
 * <p>Threading: {@link #run} blocks; the calls run on {@code concurrency} virtual threads.
 */
public final class AgiBench {
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

    /** Figures of one run against one server. */
    public record Figures(
            String target,
            int calls,
            int concurrency,
            double seconds,
            int errors,
            long turns,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            double meanMillis,
            Map<String, Integer> commandsPerJourney,
            List<String> sampleErrors,
            List<String> slowestSteps,
            double hostSteal,
            Map<String, Step> steps) {

        public double journeysPerSecond() {
            return (calls - errors) / seconds;
        }

        public String render() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%-26s %d calls, concurrency %d, %.2f s%n", target, calls, concurrency, seconds));
            b.append(String.format("  journeys/s        %10.1f%n", journeysPerSecond()));
            b.append(String.format(
                    "  server turn time  p50 %.3f ms  p99 %.3f ms  max %.3f ms  mean %.3f ms (%d turns)%n",
                    p50Millis, p99Millis, maxMillis, meanMillis, turns));
            b.append(String.format("  commands/journey  %s%n", commandsPerJourney));
            b.append(String.format("  errors            %d%n", errors));
            if (hostSteal >= 0) {
                b.append(String.format(
                        "  host steal        %.0f%% of CPU time went to other virtual machines%n", 100 * hostSteal));
            }
            if (!slowestSteps.isEmpty()) {
                b.append("  slowest steps     (p99 of the turn before the command, by journey step; mean; share)\n");
                slowestSteps.forEach(st -> b.append("    ").append(st).append('\n'));
            }
            sampleErrors.forEach(e -> b.append("    e.g. ").append(e).append('\n'));
            return b.toString();
        }
    }

    /**
     * One journey step's turns in a run: the turn before the step's command ({@code command}, numbers
     * taken out), their mean and how many there were. Keyed by journey and step number, so the same step
     * of our server and of the bare script line up even where their commands differ (a repeated freeze
     * says "already frozen" where the bare script replays a first one).
     */
    public record Step(String command, double meanMillis, int count) {
        double totalMillis() {
            return meanMillis * count;
        }
    }

    private AgiBench() {}

    /**
     * The {@code n} journey steps where {@code ours} spends the most turn time beyond {@code bare}'s on the
     * same step, biggest first: our mean, the bare mean, and the step's share of the whole excess. Where
     * the overhead ratio comes from, step by step.
     */
    public static List<String> excessSteps(Figures ours, Figures bare, int n) {
        record Excess(String key, Step ours, Step bare, double millis) {}
        List<Excess> rows = new ArrayList<>();
        for (Map.Entry<String, Step> e : ours.steps().entrySet()) {
            Step b = bare.steps().get(e.getKey());
            if (b != null) {
                rows.add(new Excess(e.getKey(), e.getValue(), b, e.getValue().totalMillis() - b.totalMillis()));
            }
        }
        double all = rows.stream().mapToDouble(Excess::millis).sum();
        return rows.stream()
                .sorted(java.util.Comparator.comparingDouble(Excess::millis).reversed())
                .limit(n)
                .map(x -> String.format(
                        "%5.1f%%  hotline mean %.3f ms, bare %.3f ms  %s: %s",
                        all <= 0 ? 0 : 100 * x.millis() / all,
                        x.ours().meanMillis(),
                        x.bare().meanMillis(),
                        x.key(),
                        x.ours().command()))
                .toList();
    }

    /**
     * One load to run: {@code calls} journeys (alternating through {@code journeys}) with {@code concurrency} calls
     * at a time against {@code host:port}. {@code scriptFor} names the AGI script per journey: the flow for our
     * server, the journey's name for the baseline. Optional: {@code sequencesOut} collects each journey's commands,
     * {@code trace} one journey's turns per kind, {@code callerFor} gives call {@code i}'s number (null: the
     * journey's own caller), and callers spend {@code listen} on every prompt and key wait before the reply goes
     * back (zero: answer at once; turn times leave the listening out).
     */
    public record Load(
            String target,
            String host,
            int port,
            List<BenchJourney> journeys,
            int calls,
            int concurrency,
            java.util.function.Function<BenchJourney, String> scriptFor,
            Map<String, List<String>> sequencesOut,
            Map<String, String> trace,
            java.util.function.IntFunction<String> callerFor,
            Duration listen,
            java.util.function.IntConsumer probe) {
        public static Load of(
                String target,
                String host,
                int port,
                List<BenchJourney> journeys,
                int calls,
                int concurrency,
                java.util.function.Function<BenchJourney, String> scriptFor) {
            return new Load(
                    target, host, port, journeys, calls, concurrency, scriptFor, null, null, null, Duration.ZERO, null);
        }

        public Load collectingSequences(Map<String, List<String>> out) {
            return new Load(
                    target, host, port, journeys, calls, concurrency, scriptFor, out, trace, callerFor, listen, probe);
        }

        public Load tracing(Map<String, String> out) {
            return new Load(
                    target,
                    host,
                    port,
                    journeys,
                    calls,
                    concurrency,
                    scriptFor,
                    sequencesOut,
                    out,
                    callerFor,
                    listen,
                    probe);
        }

        public Load callers(java.util.function.IntFunction<String> numbers) {
            return new Load(
                    target,
                    host,
                    port,
                    journeys,
                    calls,
                    concurrency,
                    scriptFor,
                    sequencesOut,
                    trace,
                    numbers,
                    listen,
                    probe);
        }

        public Load listening(Duration each) {
            return new Load(
                    target,
                    host,
                    port,
                    journeys,
                    calls,
                    concurrency,
                    scriptFor,
                    sequencesOut,
                    trace,
                    callerFor,
                    each,
                    probe);
        }

        /**
         * Calls {@code atFull} once, with the number of calls in progress, when the calls are all in: with listening
         * callers at the end of their arrival (about one journey's time after the start), otherwise when
         * {@code concurrency} calls are in progress. It runs on its own thread while the calls go on.
         */
        public Load probing(java.util.function.IntConsumer atFull) {
            return new Load(
                    target,
                    host,
                    port,
                    journeys,
                    calls,
                    concurrency,
                    scriptFor,
                    sequencesOut,
                    trace,
                    callerFor,
                    listen,
                    atFull);
        }
    }

    /** Runs the load and returns its figures. */
    public static Figures run(Load load) {
        String target = load.target();
        String host = load.host();
        int port = load.port();
        List<BenchJourney> journeys = load.journeys();
        int calls = load.calls();
        int concurrency = load.concurrency();
        var scriptFor = load.scriptFor();
        Map<String, List<String>> sequencesOut = load.sequencesOut();
        Map<String, String> trace = load.trace();
        var callerFor = load.callerFor();
        Duration listen = load.listen();
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger errorCount = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        Map<String, Integer> commandCounts = new java.util.concurrent.ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
        AtomicInteger inProgress = new AtomicInteger();
        long start = System.nanoTime();
        HostSteal stealBefore = HostSteal.now();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            if (load.probe() != null) {
                callers.execute(() -> probeWhenFull(load, inProgress, next));
            }
            for (int c = 0; c < concurrency; c++) {
                callers.execute(() -> {
                    if (!listen.isZero() && !arrive(listen)) {
                        return;
                    }
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        BenchJourney j = journeys.get(i % journeys.size());
                        String ani = callerFor == null ? j.ani() : callerFor.apply(i);
                        inProgress.incrementAndGet();
                        var r = BenchCall.call(
                                host, port, j, ani, scriptFor.apply(j), "bench-" + SEQ.incrementAndGet(), listen);
                        inProgress.decrementAndGet();
                        samples.add(r.turnsNanos());
                        finished.add(new Finished(j.name(), r)); // steps are tallied after the clock stops
                        if (trace != null && trace.putIfAbsent(j.name(), "") == null) {
                            StringBuilder t = new StringBuilder();
                            for (int k = 0; k < r.commands().size(); k++) {
                                t.append(String.format(
                                        "    %8.3f ms  then %s%n",
                                        r.turnsNanos()[k] / 1e6,
                                        r.commands().get(k).replaceAll("[0-9]{7,}", "<number>")));
                            }
                            trace.put(j.name(), t.toString());
                        }
                        if (r.error() != null) {
                            if (errorCount.incrementAndGet() <= 3) {
                                errors.add(j.name() + ": " + r.error());
                            }
                        } else {
                            commandCounts.merge(j.name(), r.commands().size(), Math::max);
                            if (sequencesOut != null) {
                                // the longest is the full journey (a degraded one apologises and queues early)
                                sequencesOut.merge(
                                        j.name(), List.copyOf(r.commands()), (a, b) -> b.size() > a.size() ? b : a);
                            }
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double steal = HostSteal.shareSince(stealBefore, HostSteal.now());
        Map<String, List<Long>> bySteps = new java.util.HashMap<>();
        Map<String, long[]> byNumber = new java.util.HashMap<>(); // journey step k: sum of nanos, count
        Map<String, String> commandOf = new java.util.HashMap<>();
        for (Finished f : finished) {
            for (int k = 0; k < f.result().commands().size(); k++) {
                String command = step(f.result().commands().get(k));
                String key = f.journey() + " step " + (k + 1);
                long nanos = f.result().turnsNanos()[k];
                bySteps.computeIfAbsent(key + ": " + command, x -> new ArrayList<>())
                        .add(nanos);
                long[] sum = byNumber.computeIfAbsent(key, x -> new long[2]);
                sum[0] += nanos;
                sum[1]++;
                commandOf.putIfAbsent(key, command);
            }
        }
        Map<String, Step> steps = new LinkedHashMap<>();
        byNumber.forEach(
                (key, sum) -> steps.put(key, new Step(commandOf.get(key), sum[0] / 1e6 / sum[1], (int) sum[1])));
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double mean = all.length == 0 ? 0 : Arrays.stream(all).average().orElse(0) / 1e6;
        return new Figures(
                target,
                calls,
                concurrency,
                seconds,
                errorCount.get(),
                all.length,
                pct(all, 50),
                pct(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                mean,
                new LinkedHashMap<>(commandCounts),
                new ArrayList<>(errors),
                slowest(bySteps, 5),
                steal,
                steps);
    }

    /** A command without its numbers (ticket references, amounts): the same step reads the same. */
    private static String step(String command) {
        String c = command.replaceAll("[0-9]{3,}", "#");
        return c.length() > 60 ? c.substring(0, 60) + "..." : c;
    }

    private record Finished(String journey, BenchCall.CallResult result) {}

    private static List<String> slowest(Map<String, List<Long>> bySteps, int n) {
        record SlowStep(String name, double p99, double mean, double total, int count) {}
        List<SlowStep> steps = bySteps.entrySet().stream()
                .filter(e -> e.getValue().size() >= 20)
                .map(e -> {
                    long[] v = e.getValue().stream()
                            .mapToLong(Long::longValue)
                            .sorted()
                            .toArray();
                    double sum = java.util.Arrays.stream(v).sum() / 1e6;
                    return new SlowStep(e.getKey(), pct(v, 99), sum / v.length, sum, v.length);
                })
                .toList();
        double all = steps.stream().mapToDouble(SlowStep::total).sum();
        return steps.stream()
                .sorted(java.util.Comparator.comparingDouble(SlowStep::p99).reversed())
                .limit(n)
                .map(st -> String.format(
                        "%9.3f ms  (mean %.3f ms, %4.1f%% of all turn time)  %s (%d)",
                        st.p99(), st.mean(), all == 0 ? 0 : 100 * st.total() / all, st.name(), st.count()))
                .toList();
    }

    /**
     * With listening callers, the first calls arrive spread over about one journey's time (30 prompts)
     * instead of all in the same millisecond, as calls reach a hotline; started together they would stay
     * in step and every prompt would end for all of them at once. False when interrupted.
     */
    @SuppressFBWarnings(value = "PREDICTABLE_RANDOM", justification = "spreads bench callers over time, not a secret")
    private static boolean arrive(Duration listen) {
        try {
            Thread.sleep(Duration.ofNanos(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(listen.toNanos() * 30)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void probeWhenFull(Load load, AtomicInteger inProgress, AtomicInteger next) {
        try {
            if (load.listen().isZero()) {
                while (inProgress.get() < load.concurrency()) {
                    if (next.get() >= load.calls()) {
                        return; // never that many at once
                    }
                    Thread.sleep(1); // polling a counter the calls bump; not waiting for a result
                }
            } else {
                // the arrival spread of arrive(), and two prompts more for the last callers to be in
                Thread.sleep(load.listen().multipliedBy(32));
            }
            load.probe().accept(inProgress.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resets the heap pools' peak usage, so {@link #peakHeapBytes()} covers what follows. */
    public static void resetPeakHeap() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since {@link #resetPeakHeap()}. */
    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
