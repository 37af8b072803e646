package io.hotline.cli;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.bench.agi.AgiBench;
import io.hotline.bench.agi.BenchJourney;
import io.hotline.bench.ari.AriBench;
import io.hotline.config.Settings;
import io.hotline.db.DemoData;
import io.hotline.server.Hotline;
import io.hotline.telephony.agi.AgiConfig;
import io.hotline.telephony.agi.AgiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench agi}: emulated Asterisk peers run the stolen-account and recharge
 * journeys over FastAGI, then the same command sequences run against a bare asterisk-java
 * script, and the overhead is printed as a ratio.
 */
@Command(
        name = "agi",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark the FastAGI server with emulated Asterisk calls through whole journeys",
            "(stolen account: keys 2 1; failed recharge: keys 1 2468#), then the same command sequences",
            "against a bare asterisk-java FastAGI script (no lookups, no writes), and print the overhead.",
            "Without --port it starts its own server (embedded PostgreSQL in a temporary directory)."
        })
public final class BenchAgiCommand implements Callable<Integer> {

    @Option(names = "--calls", description = "Journeys to run (default: ${DEFAULT-VALUE}).", defaultValue = "2000")
    int calls;

    @Option(
            names = "--concurrency",
            description = "Calls at the same time (default: ${DEFAULT-VALUE}).",
            defaultValue = "100")
    int concurrency;

    @Option(
            names = "--host",
            description = "Server to benchmark (default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", description = "FastAGI port of a running `hotline serve`; none = start one in-process.")
    Integer port;

    // 2,000 journeys are 60,000 turns: enough for the JIT to have compiled the per-call code (run once a
    // call) as well as the per-turn code, as in a server that has been up a while. With 300 the first
    // measured run still paid for compiling, the bare script's much smaller code far less.
    @Option(
            names = "--warmup",
            description = "Journeys run first and not measured (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    int warmup;

    @Option(names = "--no-baseline", description = "Skip the bare asterisk-java run.")
    boolean noBaseline;

    @Option(
            names = "--journeys",
            split = ",",
            description = "Journeys to alternate: stolen, recharge" + " (default: both).",
            defaultValue = "stolen,recharge")
    List<String> journeyNames;

    @Option(
            names = "--callers",
            description = "In-process server only: spread the calls over this many"
                    + " look-alikes of the demo caller Li Wei (default: ${DEFAULT-VALUE}; 0 = all calls from Li Wei).",
            defaultValue = "500")
    int callerCount;

    @Option(
            names = "--listen",
            description = "How long each emulated caller listens to every prompt and key wait"
                    + " before Asterisk's reply goes back, like a caller hearing the audio (e.g. 500ms; default: 0, every"
                    + " reply at once, which measures saturation). Not counted in turn times.",
            defaultValue = "0s")
    String listenText;

    @SuppressFBWarnings(
            value = "UUF_UNUSED_FIELD",
            justification = "set from --listen in call() and read by the runs (SpotBugs misses the write)")
    private java.time.Duration listen;

    @Option(
            names = "--rounds",
            description = "Measure the overhead ratio this many times, our server and the bare"
                    + " script taking turns, and print the median (default: ${DEFAULT-VALUE}). On a shared or virtual"
                    + " machine one pair of runs minutes apart can differ by more than the overhead itself.",
            defaultValue = "1")
    int rounds;

    @Option(
            names = "--excess",
            description = "Print the N journey steps where our turns take the most time beyond"
                    + " the bare script's on the same step (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int excess;

    @Option(names = "--trace", description = "Print each server turn of one journey of each kind.")
    boolean trace;

    @Option(
            names = "--ari",
            description = "In-process server only: then run the same journeys over ARI"
                    + " (`hotline bench ari`) on the same server and print them as a ratio to FastAGI.")
    boolean ari;

    @Option(
            names = "--apart",
            description = "Without --port: run the servers (Hotline, the bare script, our FastAGI layer) in a"
                    + " process of their own, the emulated Asterisk peers in this one.")
    boolean apart;

    @Option(
            names = "--memory",
            description = "With --apart: measure the server process's heap after a full collection and its"
                    + " resident set idle and with the calls in, and print the growth per call in progress. The"
                    + " collection pauses the server once during the measured run.")
    boolean memory;

    @Override
    public Integer call() throws Exception {
        if (memory && (!apart || port != null)) {
            System.err.println("hotline bench agi: --memory needs --apart (and no --port)");
            return 2;
        }
        if (calls < 1 || concurrency < 1 || warmup < 0 || rounds < 1 || excess < 0) {
            System.err.println("hotline bench agi: --calls, --concurrency and --rounds must be positive, --warmup and"
                    + " --excess not negative");
            return 2;
        }
        try {
            journeys();
            listen = Settings.parseDuration(listenText);
        } catch (IllegalArgumentException e) {
            System.err.println("hotline bench agi: " + e.getMessage());
            return 2;
        }
        if (System.getenv("HOTLINE_LOG_LEVEL") == null) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Path dataDir = null;
        IntFunction<String> callers = null;
        Hotline hotline = null;
        AgiServer server = null;
        ApartServers servers = null;
        try {
            String target;
            if (port == null && apart) {
                servers = ApartServers.start(callerCount);
                port = servers.hotlinePort();
                host = "127.0.0.1";
                int n = Math.max(1, callerCount);
                callers = callerCount > 0 ? i -> DemoData.benchCaller(i % n) : null;
                target = "hotline (pid " + servers.pid() + ")";
            } else if (port == null) {
                dataDir = Files.createTempDirectory("hotline-bench-");
                System.out.println("starting an in-process server (embedded PostgreSQL in " + dataDir + ") ...");
                Settings settings = Settings.fromEnvironment().with(Map.of("HOTLINE_DATA_DIR", dataDir.toString()));
                Hotline h = Hotline.start(settings);
                hotline = h;
                if (callerCount > 0) {
                    DemoData.loadBenchCallers(
                            h.database().dataSource(),
                            Clock.systemUTC(),
                            callerCount,
                            h.wallet().pinHasher().hash("2468"));
                    int n = callerCount;
                    callers = i -> DemoData.benchCaller(i % n);
                }
                server = new AgiServer(AgiConfig.loopback(), call -> h.engine().run(call)).start();
                port = server.port();
                host = "127.0.0.1";
                target = "hotline (in-process)";
            } else {
                target = "hotline at " + host + ":" + port;
            }
            printMachine();
            List<BenchJourney> journeys = journeys();
            Map<String, List<String>> sequences = new ConcurrentHashMap<>();

            AgiBench.Figures warm = AgiBench.run(AgiBench.Load.of(
                            "warm-up",
                            host,
                            port,
                            journeys,
                            Math.max(warmup, journeys.size()),
                            Math.min(concurrency, 50),
                            BenchJourney::flow)
                    .collectingSequences(sequences)
                    .callers(callers));
            if (sequences.size() < journeys.size()) {
                System.out.print(warm.render());
                System.err.println("hotline bench agi: no warm-up journey of each kind ended where it should; is the"
                        + " server running the shipped flows with the demo accounts?");
                return 1;
            }
            if (warm.errors() > 0) {
                System.out.printf(
                        "warm-up: %d of %d journeys did not end as expected (e.g. %s)%n",
                        warm.errors(), warm.calls(), warm.sampleErrors().getFirst());
            }
            AgiBench.resetPeakHeap();
            Map<String, String> trace = this.trace ? new ConcurrentHashMap<>() : null;
            if (!listen.isZero()) {
                System.out.printf(
                        "callers listen %d ms to every prompt and key wait (not counted in turns)%n",
                        listen.toMillis());
            }
            MemoryProbe probe = memory ? new MemoryProbe(servers) : null;
            AgiBench.Figures ours =
                    AgiBench.run(AgiBench.Load.of(target, host, port, journeys, calls, concurrency, BenchJourney::flow)
                            .tracing(trace)
                            .callers(callers)
                            .listening(listen)
                            .probing(probe));
            if (trace != null) {
                trace.forEach((j, t) -> System.out.print("turns of one " + j + " journey:\n" + t));
            }
            long heap = AgiBench.peakHeapBytes();
            System.out.print(ours.render());
            System.out.printf(
                    "  peak heap used    %d MiB (%s)%n",
                    heap >> 20,
                    server != null ? "this JVM: server and emulated peers" : "this JVM: emulated peers only");
            if (probe != null) {
                System.out.print(probe.render());
            }

            AriBench.Figures overAri = null;
            if (ari && hotline != null) {
                overAri = BenchAriCommand.runAlongside(
                        hotline, journeyNames, calls, concurrency, warmup, callers, ours, listen);
            }
            int laterErrors = 0;
            if (!noBaseline) {
                AgiBench.Figures bare;
                try (Baselines base = Baselines.start(servers, sequences)) {
                    AgiBench.run(AgiBench.Load.of(
                            "warm-up",
                            "127.0.0.1",
                            base.port(),
                            journeys,
                            Math.max(warmup, journeys.size()),
                            Math.min(concurrency, 50),
                            BenchJourney::name));
                    AgiBench.resetPeakHeap();
                    bare = AgiBench.run(AgiBench.Load.of(
                                    "bare asterisk-java script",
                                    "127.0.0.1",
                                    base.port(),
                                    journeys,
                                    calls,
                                    concurrency,
                                    BenchJourney::name)
                            .listening(listen));
                    System.out.print(bare.render());
                    System.out.printf("  peak heap used    %d MiB%n", AgiBench.peakHeapBytes() >> 20);
                    { // the same sequences through our adapter's Call port, nothing behind it
                        AgiBench.run(AgiBench.Load.of(
                                "warm-up",
                                "127.0.0.1",
                                base.layerPort(),
                                journeys,
                                Math.max(warmup, journeys.size()),
                                Math.min(concurrency, 50),
                                BenchJourney::name));
                        AgiBench.Figures layer = AgiBench.run(AgiBench.Load.of(
                                        "hotline FastAGI layer only",
                                        "127.0.0.1",
                                        base.layerPort(),
                                        journeys,
                                        calls,
                                        concurrency,
                                        BenchJourney::name)
                                .listening(listen));
                        System.out.print(layer.render());
                        System.out.printf(
                                "FastAGI layer vs bare asterisk-java (same commands, no engine): mean turn %.2f,"
                                        + " p50 %.2f, p99 %.2f%n",
                                layer.meanMillis() / bare.meanMillis(),
                                layer.p50Millis() / bare.p50Millis(),
                                layer.p99Millis() / bare.p99Millis());
                    }
                    System.out.printf(
                            "overhead ratio (whole server, mean turn time, hotline / bare): %.2f"
                                    + "   (p50 %.2f, p99 %.2f, journeys/s bare / hotline %.2f)%n",
                            ours.meanMillis() / bare.meanMillis(),
                            ours.p50Millis() / bare.p50Millis(),
                            ours.p99Millis() / bare.p99Millis(),
                            bare.journeysPerSecond() / ours.journeysPerSecond());
                    if (excess > 0) {
                        System.out.println("  where the difference is (share of the extra turn time; means per step):");
                        AgiBench.excessSteps(ours, bare, excess).forEach(l -> System.out.println("    " + l));
                    }
                    List<Double> ratios = new java.util.ArrayList<>(List.of(ours.meanMillis() / bare.meanMillis()));
                    for (int r = 2; r <= rounds; r++) {
                        AgiBench.Figures o = AgiBench.run(
                                AgiBench.Load.of(target, host, port, journeys, calls, concurrency, BenchJourney::flow)
                                        .callers(callers)
                                        .listening(listen));
                        AgiBench.Figures b = AgiBench.run(AgiBench.Load.of(
                                        "bare asterisk-java script",
                                        "127.0.0.1",
                                        base.port(),
                                        journeys,
                                        calls,
                                        concurrency,
                                        BenchJourney::name)
                                .listening(listen));
                        laterErrors += o.errors();
                        ratios.add(o.meanMillis() / b.meanMillis());
                        System.out.printf(
                                "round %d: hotline mean %.3f ms p99 %.3f ms errors %d, %.1f journeys/s, host"
                                        + " steal %.0f%%; bare mean %.3f ms p99 %.3f ms, host steal %.0f%%; ratio %.2f%n",
                                r,
                                o.meanMillis(),
                                o.p99Millis(),
                                o.errors(),
                                o.journeysPerSecond(),
                                100 * o.hostSteal(),
                                b.meanMillis(),
                                b.p99Millis(),
                                100 * b.hostSteal(),
                                o.meanMillis() / b.meanMillis());
                    }
                    if (rounds > 1) {
                        List<Double> sorted = ratios.stream().sorted().toList();
                        System.out.printf(
                                "overhead ratio over %d rounds (mean turn, hotline / bare): median %.2f,"
                                        + " lowest %.2f, highest %.2f%n",
                                rounds, median(sorted), sorted.getFirst(), sorted.getLast());
                    }
                }
            }
            return ours.errors() == 0 && laterErrors == 0 && (overAri == null || overAri.errors() == 0) ? 0 : 1;
        } finally {
            if (servers != null) {
                servers.close();
            }
            if (server != null) {
                server.close();
            }
            if (hotline != null) {
                hotline.close();
            }
            if (dataDir != null) {
                deleteQuietly(dataDir);
            }
        }
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private List<BenchJourney> journeys() {
        return journeyNames.stream()
                .map(n -> BenchJourney.DEFAULT.stream()
                        .filter(j -> j.name().equals(n.trim()))
                        .findFirst()
                        .orElseThrow(
                                () -> new IllegalArgumentException("unknown journey '" + n + "' (stolen, recharge)")))
                .toList();
    }

    private static void printMachine() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "machine: %d cores, %s %s, Java %s, max heap %d MiB%n",
                rt.availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                rt.maxMemory() >> 20);
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            });
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
