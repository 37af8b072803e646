package io.hotline.cli;

import io.hotline.bench.pop.PopBench;
import io.hotline.config.Settings;
import io.hotline.server.Hotline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench pop}: screen-pop latency from an AMI AgentConnect on the socket to the WebSocket
 * frame at the agent's client, with many agents connected (see {@link PopBench}). Runs on its own embedded
 * PostgreSQL in a temporary directory; exits 1 when p99 misses the target.
 */
@Command(
        name = "pop",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark screen pops: an emulated Asterisk sends AgentConnect events for agents of",
            "the fraud queue while that many console WebSockets are open; prints p50/p90/p99 latency from",
            "the event on the AMI socket to the pop frame at the agent's client."
        })
public final class BenchPopCommand implements Callable<Integer> {
    @Option(names = "--agents", defaultValue = "200", description = "Agents connected (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--pops", defaultValue = "2000", description = "Pops measured (default: ${DEFAULT-VALUE}).")
    int pops;

    @Option(
            names = "--batch",
            defaultValue = "20",
            description = "Calls connected at the same moment (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--warmup",
            defaultValue = "400",
            description = "Pops first, not measured (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--cold", description = "Send only AgentConnect (no AgentCalled first): content built on the spot.")
    boolean cold;

    @Option(names = "--target-p99-ms", defaultValue = "50", description = "p99 target (default: ${DEFAULT-VALUE} ms).")
    double target;

    @Override
    public Integer call() throws Exception {
        PopBench.Options options;
        try {
            options = new PopBench.Options(agents, pops, batch, warmup, cold);
        } catch (IllegalArgumentException e) {
            System.err.println("hotline bench pop: " + e.getMessage());
            return 2;
        }
        if (System.getenv("HOTLINE_LOG_LEVEL") == null) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Path dataDir = Files.createTempDirectory("hotline-bench-pop-");
        System.out.println("starting an in-process server (embedded PostgreSQL in " + dataDir + ") ...");
        Settings settings = Settings.fromEnvironment().with(Map.of("HOTLINE_DATA_DIR", dataDir.toString()));
        try (Hotline hotline = Hotline.start(settings)) {
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    "machine: %d cores, Java %s, max heap %d MiB%n",
                    rt.availableProcessors(), System.getProperty("java.version"), rt.maxMemory() >> 20);
            PopBench.Result r = PopBench.run(hotline, options);
            System.out.print(r.render());
            boolean ok = r.p99() <= target;
            System.out.printf("target p99 < %.0f ms: %s%n", target, ok ? "met" : "MISSED");
            return ok ? 0 : 1;
        } finally {
            deleteQuietly(dataDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
