package io.hotline.pbx;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real Asterisk 22.10.1 on loopback for the real-PBX tier: built once by
 * {@code scripts/asterisk-build.sh} into a cache outside the work tree, configured from the
 * project's own {@code docker/asterisk/*.conf} with only what a local install must change
 * (directories, bind addresses, ports chosen free at run time, secrets, the FastAGI address) and
 * the test-only additions in {@code src/test/resources/pbx/} (the caller context, a test AMI
 * user, a few more modules not loaded).
 *
 * <p>The lab lives in a temporary directory: {@code etc/} (the configuration), {@code data/}
 * (Asterisk's data directory: the installed one's contents, with {@code sounds/en} linked to
 * Debian's core English sounds and {@code sounds/hotline} to the prompts Hotline generates),
 * {@code log/}, {@code run/}, {@code spool/}, {@code lib/}. Asterisk runs in the foreground as a
 * child of the test JVM ({@code -f}); {@link #restart()} stops and starts it on the same ports.
 */
final class LabAsterisk implements AutoCloseable {
    /** Debian's asterisk-core-sounds-en-gsm / -wav install here. */
    static final Path CORE_SOUNDS = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");

    static final String LOG_FILE = "hotline-test.log";

    final Path prefix;
    final Path lab;
    final Path hotlineSounds;
    final int amiPort;
    final int httpPort;
    final int sipPort;
    final int agiPort;
    final String amiSecret = "ami-" + UUID.randomUUID();
    final String testAmiSecret = "test-" + UUID.randomUUID();
    final String ariPassword = "ari-" + UUID.randomUUID();
    final int pgPort;
    final String pgDatabase;
    private Process process;

    private LabAsterisk(Path prefix, Path lab, Path hotlineSounds, int agiPort, int pgPort, String pgDatabase)
            throws IOException {
        this.pgPort = pgPort;
        this.pgDatabase = pgDatabase;
        this.prefix = prefix;
        this.lab = lab;
        this.hotlineSounds = hotlineSounds;
        this.agiPort = agiPort;
        this.amiPort = freeTcpPort();
        this.httpPort = freeTcpPort();
        this.sipPort = freeUdpPort();
    }

    /**
     * Lays out and starts a lab whose dialplan sends FastAGI calls to {@code agiPort} on loopback,
     * playing Hotline's prompts from {@code hotlineSounds}, and writing its queue_log into the tests' PostgreSQL
     * ({@link Lab#QUEUE_LOG_DB}, user postgres, no password).
     */
    static LabAsterisk start(Path hotlineSounds, int agiPort) throws IOException {
        io.hotline.db.TestDatabase.ensure(Lab.QUEUE_LOG_DB);
        return start(hotlineSounds, agiPort, io.hotline.db.TestDatabase.port(), Lab.QUEUE_LOG_DB);
    }

    /** As {@link #start(Path, int)}, its queue_log written into {@code pgDatabase} on port {@code pgPort}. */
    static LabAsterisk start(Path hotlineSounds, int agiPort, int pgPort, String pgDatabase) throws IOException {
        Path prefix = buildOrFind();
        Path lab = Files.createTempDirectory(Path.of("/tmp"), "lab-ast-");
        var a = new LabAsterisk(prefix, lab, hotlineSounds, agiPort, pgPort, pgDatabase);
        a.layOut();
        a.startProcess();
        return a;
    }

    /** {@code -Dhotline.asterisk.prefix} (set by run-tests), else the build script's cache (building it once). */
    static Path buildOrFind() throws IOException {
        String given = System.getProperty("hotline.asterisk.prefix", "");
        if (!given.isBlank()) {
            return Path.of(given);
        }
        Process p = new ProcessBuilder("scripts/asterisk-build.sh")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("scripts/asterisk-build.sh failed (exit " + p.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Path.of(out.lines().reduce((x, y) -> y).orElseThrow());
    }

    private void layOut() throws IOException {
        Path etc = lab.resolve("etc");
        for (String d : List.of("etc", "log", "run", "spool", "lib", "cache", "moh", "rec", "data/sounds")) {
            Files.createDirectories(lab.resolve(d));
        }
        // the installed data directory, with the sounds Asterisk is to play
        try (var installed = Files.list(prefix.resolve("var/lib/asterisk"))) {
            for (Path p : installed.toList()) {
                if (!p.getFileName().toString().equals("sounds")) {
                    Files.createSymbolicLink(lab.resolve("data").resolve(p.getFileName()), p);
                }
            }
        }
        Files.createSymbolicLink(lab.resolve("data/sounds/en"), CORE_SOUNDS);
        Files.createDirectories(hotlineSounds);
        Files.createSymbolicLink(lab.resolve("data/sounds/hotline"), hotlineSounds.toAbsolutePath());

        Path shipped = Path.of("docker/asterisk");
        ConfFile.read(shipped.resolve("asterisk.conf"))
                .set("directories", "astetcdir", etc.toString())
                .set(
                        "directories",
                        "astmoddir",
                        prefix.resolve("lib/asterisk/modules").toString())
                .set("directories", "astvarlibdir", lab.resolve("lib").toString())
                .set("directories", "astdbdir", lab.resolve("lib").toString())
                .set("directories", "astkeydir", lab.resolve("lib").toString())
                .set("directories", "astdatadir", lab.resolve("data").toString())
                .set("directories", "astagidir", lab.resolve("data/agi-bin").toString())
                .set("directories", "astspooldir", lab.resolve("spool").toString())
                .set("directories", "astrundir", lab.resolve("run").toString())
                .set("directories", "astlogdir", lab.resolve("log").toString())
                .set("directories", "astcachedir", lab.resolve("cache").toString())
                .set("directories", "astsbindir", prefix.resolve("sbin").toString())
                // the test runs as whoever runs the build; the image drops to user asterisk
                .remove("options", "runuser")
                .remove("options", "rungroup")
                .set("options", "verbose", "3")
                .write(etc);
        ConfFile.read(shipped.resolve("modules.conf"))
                .append("#include \"modules-test.conf\"")
                .write(etc);
        ConfFile.read(shipped.resolve("logger.conf"))
                .set("logfiles", LOG_FILE, "notice,warning,error,verbose(3),dtmf")
                .write(etc);
        ConfFile.read(shipped.resolve("manager.conf"))
                .set("general", "bindaddr", "127.0.0.1")
                .set("general", "port", Integer.toString(amiPort))
                .set("hotline", "secret", amiSecret)
                .append("#include \"manager-test.conf\"")
                .write(etc);
        ConfFile.read(shipped.resolve("http.conf"))
                .set("general", "bindaddr", "127.0.0.1")
                .set("general", "bindport", Integer.toString(httpPort))
                .write(etc);
        ConfFile.read(shipped.resolve("ari.conf"))
                .set("hotline", "password", ariPassword)
                .write(etc);
        ConfFile.read(shipped.resolve("pjsip.conf"))
                .set("transport-udp", "bind", "127.0.0.1:" + sipPort)
                .append("#include \"pjsip-test.conf\"")
                .write(etc);
        int rtp = 20000 + 200 * ThreadLocalRandom.current().nextInt(100);
        ConfFile.read(shipped.resolve("rtp.conf"))
                .set("general", "rtpstart", Integer.toString(rtp))
                .set("general", "rtpend", Integer.toString(rtp + 199))
                .write(etc);
        writeMusic(lab.resolve("moh/hold-tone.wav"));
        ConfFile.read(shipped.resolve("musiconhold.conf"))
                .set("default", "directory", lab.resolve("moh").toString())
                .write(etc);
        // the in-queue callback offer every 5 s instead of the shipped minute (PbxQueueOfferIT waits for it)
        ConfFile.read(shipped.resolve("queues.conf"))
                .set("general-support", "periodic-announce-frequency", "5")
                .write(etc);
        ConfFile.read(shipped.resolve("res_parking.conf")).write(etc);
        // queue_log into the tests' PostgreSQL (the shipped files point at the compose service "postgres")
        // (the family's database field names the database: it overrides res_pgsql.conf's dbname)
        ConfFile.read(shipped.resolve("extconfig.conf"))
                .set("settings", "queue_log", "pgsql," + pgDatabase + ",queue_log")
                .write(etc);
        ConfFile.read(shipped.resolve("res_pgsql.conf"))
                .set("general", "dbhost", "127.0.0.1")
                .set("general", "dbport", Integer.toString(pgPort))
                .set("general", "dbname", pgDatabase)
                .set("general", "dbuser", "postgres")
                .remove("general", "dbpass")
                .set("general", "dbappname", "lab-asterisk")
                .write(etc);
        ConfFile.read(shipped.resolve("extensions.conf"))
                .set("globals", "HOTLINE_AGI", "agi://127.0.0.1:" + agiPort)
                .append("#include \"extensions-test.conf\"")
                .write(etc);
        copyResource("extensions-test.conf", etc, "");
        copyResource("modules-test.conf", etc, "");
        copyResource("pjsip-test.conf", etc, "");
        copyResource("manager-test.conf", etc, testAmiSecret);
    }

    /**
     * The lab's music on hold (the image links Debian's opsound files; this machine has none): a 440 Hz tone, 2 s,
     * 8 kHz 16-bit mono WAV, so that a caller waiting in a queue or held hears something a test can recognise.
     */
    private static void writeMusic(Path wav) throws IOException {
        int rate = 8000;
        int samples = 2 * rate;
        var pcm = java.nio.ByteBuffer.allocate(44 + 2 * samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        pcm.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples);
        pcm.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1);
        pcm.putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16);
        pcm.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * HOLD_TONE_HZ * i / rate)));
        }
        Files.write(wav, pcm.array());
    }

    /** The pitch of the lab's music on hold. */
    static final int HOLD_TONE_HZ = 440;

    private static void copyResource(String name, Path etc, String secret) throws IOException {
        try (var in = LabAsterisk.class.getResourceAsStream("/pbx/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource pbx/" + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@SECRET@", secret);
            Files.writeString(etc.resolve(name), text);
        }
    }

    Path config() {
        return lab.resolve("etc/asterisk.conf");
    }

    Path logFile() {
        return lab.resolve("log").resolve(LOG_FILE);
    }

    private void startProcess() throws IOException {
        process = new ProcessBuilder(prefix.resolve("sbin/asterisk").toString(), "-C", config().toString(), "-f", "-n")
                .redirectErrorStream(true)
                .redirectOutput(lab.resolve("log/stdout.txt").toFile())
                .start();
        await("Asterisk fully booted")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Asterisk exited with " + process.exitValue() + ": "
                                + Files.readString(lab.resolve("log/stdout.txt")));
                    }
                    return cliStatus("core waitfullybooted") == 0;
                });
        if (Boolean.getBoolean("hotline.pbx.agiDebug")) {
            // every AGI line both ways in the log: how transcripts are recorded from the real Asterisk
            cli("agi set debug on");
        }
    }

    /** Runs a CLI command ({@code asterisk -rx}) and returns its output. */
    String cli(String command) {
        try {
            Process p = new ProcessBuilder(
                            prefix.resolve("sbin/asterisk").toString(), "-C", config().toString(), "-rx", command)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("asterisk -rx '" + command + "' did not return");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int cliStatus(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        prefix.resolve("sbin/asterisk").toString(), "-C", config().toString(), "-rx", command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** Stops Asterisk ({@code core stop now}) and starts it again with the same configuration and ports. */
    void restart() throws IOException {
        stopProcess();
        startProcess();
    }

    private void stopProcess() {
        if (process == null || !process.isAlive()) {
            return;
        }
        cli("core stop now");
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** All lines Asterisk has logged so far (verbose 3: every {@code Playing '...'} line, DTMF, warnings). */
    List<String> logLines() {
        try {
            return Files.exists(logFile()) ? Files.readAllLines(logFile(), StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stopProcess();
    }

    static int freeTcpPort() throws IOException {
        try (var s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (var s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /**
     * The first of four consecutive UDP ports on loopback free now, even-numbered: SIPp's {@code -mp} port, which it
     * uses for audio RTP and RTCP and the two above for video (a free {@link #freeUdpPort()} alone once had its
     * "+2" taken by another lab Asterisk's RTP: "Unable to bind video RTP socket ... Address already in use").
     */
    static int freeUdpPortRun() throws IOException {
        for (int tries = 0; tries < 100; tries++) {
            int p = freeUdpPort() & ~1;
            if (p + 3 > 65535) {
                continue;
            }
            List<DatagramSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p + i)));
                }
                return p;
            } catch (java.net.BindException taken) {
                // try another run
            } finally {
                for (DatagramSocket s : held) {
                    s.close();
                }
            }
        }
        throw new IOException("no four consecutive free UDP ports on loopback in 100 tries");
    }

    /** The lines of {@link #logLines()} that mention {@code channel}. */
    List<String> linesOf(String channel) {
        List<String> out = new ArrayList<>();
        for (String l : logLines()) {
            if (l.contains(channel)) {
                out.add(l);
            }
        }
        return out;
    }
}
