package io.hotline.cli;

import io.hotline.bench.agi.AgiBench;
import io.hotline.bench.ari.AriBench;
import io.hotline.config.Settings;
import io.hotline.db.DemoData;
import io.hotline.server.Hotline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench ari}: an emulated Asterisk (ARI REST + events WebSocket) sends calls
 * through whole journeys to an in-process Hotline's ARI adapter and engine. Over ARI Hotline
 * is the client, so the server always runs in this process, on an embedded PostgreSQL in a
 * temporary directory. {@code hotline bench agi --ari} runs this right after the FastAGI
 * run, on the same server, and prints the ratio.
 */
@Command(
        name = "ari",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark the ARI adapter: an emulated Asterisk runs the stolen-account (keys 2 1) and",
            "failed-recharge (keys 1 2468#) journeys through an in-process server (embedded PostgreSQL in",
            "a temporary directory). Use `hotline bench agi --ari` for both protocols in one run."
        })
public final class BenchAriCommand implements Callable<Integer> {

    @Option(names = "--calls", description = "Journeys to run (default: ${DEFAULT-VALUE}).", defaultValue = "2000")
    int calls;

    @Option(
            names = "--concurrency",
            description = "Calls at the same time (default: ${DEFAULT-VALUE}).",
            defaultValue = "100")
    int concurrency;

    @Option(
            names = "--warmup",
            description = "Journeys run first and not measured (default: ${DEFAULT-VALUE}).",
            defaultValue = "300")
    int warmup;

    @Option(
            names = "--journeys",
            split = ",",
            description = "Journeys to alternate: stolen, recharge" + " (default: both).",
            defaultValue = "stolen,recharge")
    List<String> journeyNames;

    @Option(
            names = "--callers",
            description = "Spread the calls over this many look-alikes of the demo caller"
                    + " Li Wei (default: ${DEFAULT-VALUE}; 0 = all calls from Li Wei).",
            defaultValue = "500")
    int callerCount;

    @Option(
            names = "--key-gap",
            description = "Time between the PIN's keys (default: ${DEFAULT-VALUE}).",
            defaultValue = "350ms")
    String keyGap;

    @Option(
            names = "--listen",
            description = "How long each emulated caller listens to every prompt that plays to its end before"
                    + " its PlaybackFinished (e.g. 500ms; default: 0, at once), the first calls arriving spread over"
                    + " about a journey's time. Not counted in turn times.",
            defaultValue = "0s")
    String listenText;

    @Override
    public Integer call() throws Exception {
        if (calls < 1 || concurrency < 1 || warmup < 0) {
            System.err.println("hotline bench ari: --calls and --concurrency must be positive");
            return 2;
        }
        List<AriBench.Journey> journeys;
        Duration listen;
        try {
            journeys = journeys(journeyNames, Settings.parseDuration(keyGap));
            listen = Settings.parseDuration(listenText);
        } catch (IllegalArgumentException e) {
            System.err.println("hotline bench ari: " + e.getMessage());
            return 2;
        }
        if (System.getenv("HOTLINE_LOG_LEVEL") == null) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Path dataDir = Files.createTempDirectory("hotline-bench-");
        System.out.println("starting an in-process server (embedded PostgreSQL in " + dataDir + ") ...");
        Settings settings = Settings.fromEnvironment().with(Map.of("HOTLINE_DATA_DIR", dataDir.toString()));
        try (Hotline hotline = Hotline.start(settings)) {
            IntFunction<String> callers = null;
            if (callerCount > 0) {
                DemoData.loadBenchCallers(
                        hotline.database().dataSource(),
                        Clock.systemUTC(),
                        callerCount,
                        hotline.wallet().pinHasher().hash("2468"));
                int n = callerCount;
                callers = i -> DemoData.benchCaller(i % n);
            }
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    "machine: %d cores, %s %s, Java %s, max heap %d MiB%n",
                    rt.availableProcessors(),
                    System.getProperty("os.name"),
                    System.getProperty("os.arch"),
                    System.getProperty("java.version"),
                    rt.maxMemory() >> 20);
            AriBench.Figures f = run(hotline, journeys, calls, concurrency, warmup, callers, listen);
            return f.errors() == 0 ? 0 : 1;
        } finally {
            try (var files = Files.walk(dataDir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Runs and prints the ARI figures (with peak heap) for a server already started. */
    static AriBench.Figures run(
            Hotline hotline,
            List<AriBench.Journey> journeys,
            int calls,
            int concurrency,
            int warmup,
            IntFunction<String> callers,
            Duration listen)
            throws Exception {
        AgiBench.resetPeakHeap();
        AriBench.Figures f = AriBench.run(
                "hotline over ARI",
                call -> hotline.engine().run(call),
                journeys,
                calls,
                concurrency,
                warmup,
                callers,
                listen);
        System.out.print(f.render());
        System.out.printf(
                "  peak heap used    %d MiB (this JVM: server and emulated Asterisk)%n",
                AgiBench.peakHeapBytes() >> 20);
        return f;
    }

    /**
     * For {@code bench agi --ari}: the same journeys over ARI on the same server, and the
     * figures as a ratio to the FastAGI run's.
     */
    static AriBench.Figures runAlongside(
            Hotline hotline,
            List<String> journeyNames,
            int calls,
            int concurrency,
            int warmup,
            IntFunction<String> callers,
            AgiBench.Figures agi,
            Duration listen)
            throws Exception {
        AriBench.Figures ari = run(
                hotline, journeys(journeyNames, Duration.ofMillis(350)), calls, concurrency, warmup, callers, listen);
        System.out.printf(
                "ARI / AGI ratio: turn time p50 %.2f, p99 %.2f, mean %.2f; journeys/s %.2f"
                        + " (ARI callers type the PIN at 350 ms per key, AGI peers answer at once)%n",
                ari.p50Millis() / agi.p50Millis(),
                ari.p99Millis() / agi.p99Millis(),
                ari.meanMillis() / agi.meanMillis(),
                ari.journeysPerSecond() / agi.journeysPerSecond());
        return ari;
    }

    private static List<AriBench.Journey> journeys(List<String> names, Duration keyGap) {
        return names.stream().map(n -> AriBench.journey(n.trim(), keyGap)).toList();
    }
}
