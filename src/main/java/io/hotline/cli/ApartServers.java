package io.hotline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bench's servers in a child JVM ({@link BenchAgiServerCommand}), for {@code hotline bench agi --apart}: Hotline
 * on its embedded PostgreSQL, then the bare asterisk-java script and our FastAGI layer alone, while the emulated
 * Asterisk peers stay in this process. The child runs the same java with the same JVM options as this one
 * ({@code -Xmx}, collector, flight recorder: an {@code -XX:StartFlightRecording} file name gets {@code -server}
 * before its extension, so the two recordings do not overwrite each other). Its standard error is this one's.
 *
 * <p>Threading: one thread at a time.
 */
final class ApartServers implements AutoCloseable {
    /** One reading of the server process's memory. */
    record Memory(long heapBytes, long residentBytes) {}

    private final Process process;
    private final BufferedReader from;
    private final Writer to;
    private final int hotlinePort;
    private final long pid;

    private ApartServers(Process process, BufferedReader from, Writer to, int hotlinePort, long pid) {
        this.process = process;
        this.from = from;
        this.to = to;
        this.hotlinePort = hotlinePort;
        this.pid = pid;
    }

    /** Starts the child and waits until Hotline takes calls in it. */
    @edu.umd.cs.findbugs.annotations.SuppressFBWarnings(
            value = "COMMAND_INJECTION",
            justification = "runs this same java on this same jar with this process's own JVM options")
    static ApartServers start(int callers) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg :
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            command.add(arg.startsWith("-XX:StartFlightRecording") ? arg.replaceFirst("\\.jfr", "-server.jfr") : arg);
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "io.hotline.Main", // by name: cli does not depend on the root package
                "bench",
                "agi-server",
                "--callers",
                Integer.toString(callers)));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader from = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer to = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        String[] ready = expect(from, "hotline");
        return new ApartServers(p, from, to, Integer.parseInt(ready[1]), Long.parseLong(ready[2]));
    }

    int hotlinePort() {
        return hotlinePort;
    }

    long pid() {
        return pid;
    }

    /** Starts the bare script and our FastAGI layer alone on {@code sequences}; their ports, in that order. */
    int[] startBaselines(Map<String, List<String>> sequences) throws IOException {
        Path file = Files.createTempFile("hotline-bench-sequences-", ".txt");
        try {
            BenchAgiServerCommand.writeSequences(sequences, file);
            String[] reply = ask("bare " + file, "bare");
            return new int[] {Integer.parseInt(reply[1]), Integer.parseInt(reply[2])};
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The server process's heap after a full collection, and its resident set. */
    Memory memory() throws IOException {
        String[] reply = ask("memory", "memory");
        return new Memory(Long.parseLong(reply[1]), Long.parseLong(reply[2]));
    }

    private String[] ask(String line, String answer) throws IOException {
        to.write(line + "\n");
        to.flush();
        return expect(from, answer);
    }

    private static String[] expect(BufferedReader from, String answer) throws IOException {
        String line = from.readLine();
        while (line != null && line.startsWith("[")) { // the JVM's own log (e.g. the flight recorder starting)
            System.err.println(line);
            line = from.readLine();
        }
        if (line == null || !line.startsWith(answer + " ")) {
            throw new IOException("the bench's server process answered '" + line + "', expected '" + answer + " ...'");
        }
        return line.split(" ");
    }

    /** Ends the child's input (it stops its servers and PostgreSQL and exits) and waits for it. */
    @Override
    public void close() throws IOException {
        to.close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
