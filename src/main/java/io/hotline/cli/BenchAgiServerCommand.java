package io.hotline.cli;

import io.hotline.bench.agi.BareAgiBaseline;
import io.hotline.bench.agi.ReplayHandler;
import io.hotline.config.Settings;
import io.hotline.db.DemoData;
import io.hotline.server.Hotline;
import io.hotline.telephony.agi.AgiConfig;
import io.hotline.telephony.agi.AgiServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench agi-server}: the servers of {@code hotline bench agi --apart}, in a process of their own,
 * so that the bench's emulated Asterisk peers neither share their heap nor their JIT and GC. Started and driven
 * by {@link ApartServers} over stdin and stdout, one line each way:
 * <ul>
 *   <li>at start it prints {@code hotline <port> <pid>}: Hotline (embedded PostgreSQL in a temporary directory,
 *       the bench callers loaded) serving FastAGI;
 *   <li>{@code bare <file>}: starts the bare asterisk-java script and our FastAGI layer alone on the command
 *       sequences in the file ({@code journey TAB command} lines); answers {@code bare <port> <port>};
 *   <li>{@code memory}: collects the garbage and answers {@code memory <heap bytes used> <resident bytes>};
 *   <li>end of input: stops everything and exits.
 * </ul>
 */
@Command(
        name = "agi-server",
        hidden = true,
        description = "The server side of `hotline bench agi --apart` (started by it; not for use on its own).")
public final class BenchAgiServerCommand implements Callable<Integer> {

    @Option(names = "--callers", defaultValue = "500")
    int callerCount;

    @Override
    public Integer call() throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        PrintStream out = System.out;
        Path dataDir = Files.createTempDirectory("hotline-bench-");
        List<AutoCloseable> open = new ArrayList<>();
        try (Hotline h =
                Hotline.start(Settings.fromEnvironment().with(Map.of("HOTLINE_DATA_DIR", dataDir.toString())))) {
            if (callerCount > 0) {
                DemoData.loadBenchCallers(
                        h.database().dataSource(),
                        Clock.systemUTC(),
                        callerCount,
                        h.wallet().pinHasher().hash("2468"));
            }
            AgiServer server =
                    new AgiServer(AgiConfig.loopback(), call -> h.engine().run(call)).start();
            open.add(server);
            out.println(
                    "hotline " + server.port() + " " + ProcessHandle.current().pid());
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("bare ")) {
                    Map<String, List<String>> sequences = readSequences(Path.of(line.substring(5)));
                    BareAgiBaseline bare = new BareAgiBaseline(sequences);
                    open.add(bare);
                    AgiServer layer = new AgiServer(AgiConfig.loopback(), new ReplayHandler(sequences)).start();
                    open.add(layer);
                    out.println("bare " + bare.port() + " " + layer.port());
                } else if (line.equals("memory")) {
                    out.println("memory " + heapAfterGc() + " " + residentBytes());
                } else {
                    out.println("unknown " + line);
                }
                out.flush();
            }
        } finally {
            for (AutoCloseable c : open.reversed()) {
                c.close();
            }
            BenchAgiCommand.deleteQuietly(dataDir);
        }
        return 0;
    }

    /** Writes the sequences in the form {@code bare <file>} reads. */
    static void writeSequences(Map<String, List<String>> sequences, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        sequences.forEach((journey, commands) -> commands.forEach(c -> lines.add(journey + "\t" + c)));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> readSequences(Path file) throws IOException {
        Map<String, List<String>> sequences = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            sequences
                    .computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>())
                    .add(line.substring(tab + 1));
        }
        return sequences;
    }

    /** The heap in use once the garbage is collected: what the objects alive now take. */
    @edu.umd.cs.findbugs.annotations.SuppressFBWarnings(
            value = "DM_GC",
            justification = "the bench measures the live heap; a full collection is what that takes")
    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The process's resident set ({@code VmRSS} in {@code /proc/self/status}); -1 where there is none. */
    static long residentBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (l.startsWith("VmRSS:")) {
                    return 1024 * Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
