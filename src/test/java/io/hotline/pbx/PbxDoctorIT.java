package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.hotline.config.Settings;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.doctor.Doctor;
import io.hotline.doctor.DoctorConfig;
import io.hotline.doctor.Finding;
import io.hotline.doctor.Report;
import io.hotline.doctor.Status;
import io.hotline.server.Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code hotline doctor} against a real Asterisk of its own (not the shared lab other classes call through):
 * the shipped docker/asterisk configuration passes; broken copies of it, loaded into the running Asterisk
 * with AMI {@code Command} reloads, are each reported as the right problem with its fix. The doctor gets
 * the same {@code HOTLINE_*} settings as serve and no config file paths.
 */
@org.junit.jupiter.api.parallel.Isolated("breaks and reloads the lab's config files")
@DisplayName("hotline doctor against a real Asterisk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PbxDoctorIT {
    private LabAsterisk lab;
    private TestAmi ami;
    private Path sounds;
    private int agiPort;

    @BeforeAll
    void start() throws IOException {
        Lab.generatePrompts();
        // a copy of the prompts: one test deletes a file, which the shared lab must keep
        sounds = Files.createTempDirectory(Path.of("/tmp"), "doctor-sounds-");
        copyTree(Lab.sounds(), sounds);
        agiPort = LabAsterisk.freeTcpPort();
        lab = LabAsterisk.start(sounds, agiPort);
        ami = TestAmi.connect(lab.amiPort, "hotline-test", lab.testAmiSecret);
    }

    @AfterAll
    void stop() throws IOException {
        if (ami != null) {
            ami.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (sounds != null) {
            try (Stream<Path> s = Files.walk(sounds)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** serve's settings against this lab (no database needed by the doctor itself). */
    private Map<String, String> env() {
        var env = new HashMap<String, String>();
        env.put("HOTLINE_TELEPHONY", "both");
        env.put("HOTLINE_AGI_PORT", Integer.toString(agiPort));
        env.put("HOTLINE_AGI_BIND", "127.0.0.1");
        env.put("HOTLINE_ARI_URL", "http://127.0.0.1:" + lab.httpPort);
        env.put("HOTLINE_ARI_USER", "hotline");
        env.put("HOTLINE_ARI_PASSWORD", lab.ariPassword);
        env.put("HOTLINE_AMI_HOST", "127.0.0.1");
        env.put("HOTLINE_AMI_PORT", Integer.toString(lab.amiPort));
        env.put("HOTLINE_AMI_USER", "hotline");
        env.put("HOTLINE_AMI_SECRET", lab.amiSecret);
        env.put("HOTLINE_SOUNDS_PREFIX", "hotline");
        env.put("HOTLINE_FLOWS_DIR", "ivr-flows");
        return env;
    }

    private Report doctor(Map<String, String> env) {
        return new Doctor(DoctorConfig.from(Settings.from(env), "hotline", "100", "200", true, Duration.ofSeconds(10)))
                .run();
    }

    private static Finding finding(Report r, String check) {
        return r.find(check).orElseThrow(() -> new AssertionError("no " + check + " in\n" + r.text()));
    }

    private static void assertProblem(Report r, String check, String detail, String fix) {
        Finding f = finding(r, check);
        assertThat(f.status()).as(r.text()).isEqualTo(Status.PROBLEM);
        assertThat(f.detail()).as(r.text()).contains(detail);
        assertThat(f.fix()).as(r.text()).contains(fix);
        assertThat(r.exitCode()).isEqualTo(1);
    }

    /** Edits one of the lab's config files, reloads it through AMI, runs the doctor, and puts it back. */
    private Report withBroken(String file, UnaryOperator<String> edit, String reload, Map<String, String> env)
            throws IOException {
        Path conf = lab.lab.resolve("etc").resolve(file);
        String shipped = Files.readString(conf, StandardCharsets.UTF_8);
        String broken = edit.apply(shipped);
        assertThat(broken).as("the edit changed " + file).isNotEqualTo(shipped);
        Files.writeString(conf, broken, StandardCharsets.UTF_8);
        try {
            command(reload);
            return doctor(env);
        } finally {
            Files.writeString(conf, shipped, StandardCharsets.UTF_8);
            command(reload);
        }
    }

    private void command(String cli) {
        Map<String, String> r = ami.action("Command", Map.of("Command", cli));
        assertThat(r.get("Response")).as("%s: %s", cli, r).isEqualTo("Success");
    }

    @Test
    @DisplayName("the shipped configuration has no problem, and the test calls (FastAGI and ARI, answered by the doctor"
            + " itself) cross every hop")
    void shippedConfiguration() {
        Report r = doctor(env());
        assertThat(r.count(Status.PROBLEM)).as(r.text()).isZero();
        assertThat(r.exitCode()).isZero();
        for (String check : new String[] {
            "ami.login",
            "ami.write",
            "ami.version",
            "ami.queue-hotline-doctor",
            "dialplan.entry-100",
            "dialplan.entry-200",
            "dialplan.fallback",
            "dialplan.agi-address",
            "dialplan.one-agent",
            "ari.credentials",
            "ari.app",
            "call.agi-reached",
            "call.agi-key",
            "call.agi-agistatus",
            "call.agi-queue-event",
            "ami.channelvars",
            "sounds.prefix",
            "sounds.prompts",
            "sounds.core",
            "call.ari-server",
            "call.ari-reached",
            "call.ari-key",
            "call.ari-queue-event"
        }) {
            assertThat(finding(r, check).status())
                    .as(check + " in\n" + r.text())
                    .isEqualTo(Status.OK);
        }
        // the shipped queues have no static members (Hotline adds agents as they sign in): with nobody signed in
        // a queue is a warning, with its fix
        assertThat(finding(r, "ami.queue-fraud").status()).as(r.text()).isEqualTo(Status.WARNING);
        assertThat(r.text()).contains("log agents into it from the console");
        assertThat(r.json()).contains("\"ok\" : true", "\"check\" : \"call.agi-queue-event\"");
        await("the test call is gone from Asterisk")
                .atMost(Duration.ofSeconds(10))
                .until(() -> !lab.cli("core show channels concise").contains("hotline-doctor-"));
    }

    @Test
    @DisplayName("against a running serve its FastAGI and ARI answer the test calls, leaving no ticket, session or pop")
    void againstRunningServe() throws Exception {
        try (Database db = TestDatabase.fresh()) {
            Map<String, String> env = env();
            env.put("HOTLINE_DB_URL", ((HikariDataSource) db.dataSource()).getJdbcUrl());
            env.put("HOTLINE_DB_USER", "postgres");
            env.put("HOTLINE_NODE_ID", "pbx-doctor");
            env.put("HOTLINE_HTTP_PORT", Integer.toString(LabAsterisk.freeTcpPort()));
            env.put("HOTLINE_SOUNDS_DIR", sounds.toString());
            env.put("HOTLINE_FLOWS_WATCH", "false");
            env.put("HOTLINE_PIN_PEPPER", "pbx-tier-pepper-0123456789abcdef0123456789");
            Map<String, String> serveEnv = new HashMap<>(env);
            serveEnv.put("HOTLINE_DB_DEMO", "true"); // the demo console users, on Local/agent1@agents and agent2
            long tickets;
            long sessions;
            long pops;
            try (Server served = Server.start(Settings.from(serveEnv))) {
                await("serve's ARI application registered")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> lab.cli("ari show apps").contains("hotline"));
                tickets = count(db, "tickets");
                sessions = count(db, "call_sessions");
                pops = count(db, "screen_pops");
                Report r = doctor(env);
                assertThat(r.count(Status.PROBLEM)).as(r.text()).isZero();
                assertThat(finding(r, "call.server").detail()).contains("a Hotline server holds FastAGI");
                assertThat(finding(r, "ari.app").detail()).contains("registered");
                assertThat(finding(r, "ami.user-interfaces").detail()).contains("2 console users answer on interfaces");
                for (String check : new String[] {
                    "call.agi-reached",
                    "call.agi-key",
                    "call.agi-queue-event",
                    "call.ari-reached",
                    "call.ari-key",
                    "call.ari-queue-event",
                    "ami.channelvars",
                    "sounds.prompts",
                    "ami.user-interfaces"
                }) {
                    assertThat(finding(r, check).status())
                            .as(check + " in\n" + r.text())
                            .isEqualTo(Status.OK);
                }
                assertThat(served.hotline()).isNotNull();
            }
            assertThat(count(db, "tickets")).as("tickets").isEqualTo(tickets);
            assertThat(count(db, "call_sessions")).as("call sessions").isEqualTo(sessions);
            assertThat(count(db, "screen_pops")).as("screen pops").isEqualTo(pops);
        }
    }

    private static long count(Database db, String table) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @DisplayName("a channelvars without HOTLINE_TICKET is a problem naming manager.conf's key")
    void missingChannelvar() throws IOException {
        Report r = withBroken(
                "manager.conf",
                s -> s.replace("channelvars = HOTLINE_TICKET,", "channelvars = "),
                "manager reload",
                env());
        assertProblem(
                r,
                "ami.channelvars",
                "queue events carry no HOTLINE_TICKET",
                "manager.conf [general] channelvars lacks HOTLINE_TICKET");
    }

    @Test
    @DisplayName("without the hotline-agent queue a transfer to one agent rings nobody: a warning naming queues.conf")
    void noOneAgentQueue() throws IOException {
        Report r = withBroken(
                "queues.conf",
                s -> s.replace("[hotline-agent](hotline-queue)", "[hotline-agent-gone](hotline-queue)"),
                "module reload app_queue.so",
                env());
        Finding f = finding(r, "dialplan.one-agent");
        assertThat(f.status()).as(r.text()).isEqualTo(Status.WARNING);
        assertThat(f.detail()).as(r.text()).contains("no queue hotline-agent (queues.conf)");
        assertThat(f.fix()).as(r.text()).contains("docker/asterisk/queues.conf");
    }

    @Test
    @DisplayName("a manager.conf secret other than HOTLINE_AMI_SECRET is a login problem")
    void wrongAmiSecret() throws IOException {
        Report r = withBroken(
                "manager.conf",
                s -> s.replace("secret = " + lab.amiSecret, "secret = not-the-one"),
                "manager reload",
                env());
        assertProblem(
                r,
                "ami.login",
                "Asterisk refused the login of hotline",
                "HOTLINE_AMI_SECRET must equal manager.conf [hotline] secret");
    }

    @Test
    @DisplayName("a sounds prefix Asterisk cannot see is a problem naming HOTLINE_SOUNDS_PREFIX")
    void soundsPrefixAsteriskCannotSee() {
        Map<String, String> env = env();
        env.put("HOTLINE_SOUNDS_PREFIX", "hotline-elsewhere");
        Report r = doctor(env);
        assertProblem(
                r,
                "sounds.prefix",
                "Asterisk has no directory " + lab.lab.resolve("data/sounds/hotline-elsewhere"),
                "set HOTLINE_SOUNDS_PREFIX to where Asterisk sees Hotline's sounds");
    }

    @Test
    @DisplayName("a prompt file missing where Asterisk looks is a problem naming the prompt")
    void missingPromptFile() throws IOException {
        Path wav = sounds.resolve("en/main.agent.prompt.wav");
        Path wide = sounds.resolve("en/main.agent.prompt.wav16");
        Path keep = Files.createTempDirectory(Path.of("/tmp"), "doctor-keep-");
        Files.move(wav, keep.resolve("a.wav"));
        Files.move(wide, keep.resolve("a.wav16"));
        try {
            Report r = doctor(env());
            assertProblem(
                    r,
                    "sounds.prompts",
                    "1 prompt is missing in " + lab.lab.resolve("data/sounds/hotline") + ": en/main.agent.prompt",
                    "run 'hotline prompts'");
        } finally {
            Files.move(keep.resolve("a.wav"), wav);
            Files.move(keep.resolve("a.wav16"), wide);
            Files.delete(keep);
        }
    }

    @Test
    @DisplayName("a hotline extension that no longer reaches FastAGI is a problem naming extensions.conf")
    void hotlineExtensionPointsElsewhere() throws IOException {
        Report r = withBroken(
                "extensions.conf",
                s -> s.replace(" same => n,AGI(${HOTLINE_AGI}/main)", " same => n,Goto(hotline-test-caller,s,1)"),
                "dialplan reload",
                env());
        assertProblem(
                r,
                "call.agi-reached",
                "did not reach Hotline",
                "extensions.conf [hotline] exten => 100 must run AGI(${HOTLINE_AGI}/main)");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
