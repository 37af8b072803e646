package io.hotline.pbx;

import io.hotline.actions.HotlineActions;
import io.hotline.config.Settings;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.LoadResult;
import io.hotline.prompts.GenerationReport;
import io.hotline.prompts.PromptCatalog;
import io.hotline.prompts.PromptGenerator;
import io.hotline.prompts.PromptsConfig;
import io.hotline.prompts.Voices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one lab Asterisk of a test JVM, shared by every real-PBX test class, with the shipped flows'
 * prompts generated before it takes a call; stopped when the JVM exits. Each test class runs its
 * own Hotline server against it on its own database and ports; calls reach that server because the
 * test caller's channel carries {@code HOTLINE_AGI} / {@code HOTLINE_ARI_APP}, which the shipped
 * dialplan reads (a channel variable shadows the global of the same name).
 */
final class Lab {
    private static LabAsterisk asterisk;
    private static TestAmi ami;
    private static final Map<String, Boolean> started = new ConcurrentHashMap<>();
    private static final java.util.List<java.util.function.Consumer<Map<String, String>>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private Lab() {}

    /** The sounds directory Asterisk plays {@code hotline/<lang>/<id>} from. */
    static Path sounds() {
        return Path.of("target/pbx-sounds").toAbsolutePath();
    }

    /**
     * The database on the tests' PostgreSQL that the lab Asterisk writes its queue_log into (realtime,
     * res_config_pgsql): a clone of the test template, shared by every class; a class whose server is to
     * read Asterisk's queue_log runs on it ({@code TestDatabase.open(Lab.QUEUE_LOG_DB)}).
     */
    static final String QUEUE_LOG_DB = "lab_queue_log";

    static synchronized LabAsterisk asterisk() {
        if (asterisk == null) {
            try {
                generatePrompts();
                io.hotline.db.TestDatabase.ensure(QUEUE_LOG_DB);
                asterisk = LabAsterisk.start(
                        sounds(), LabAsterisk.freeTcpPort(), io.hotline.db.TestDatabase.port(), QUEUE_LOG_DB);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the lab Asterisk", e);
            }
            LabAsterisk a = asterisk;
            Runtime.getRuntime().addShutdownHook(new Thread(a::close, "lab-asterisk-stop"));
        }
        return asterisk;
    }

    /** The tests' own AMI connection (reconnected after {@link #restartAsterisk()}). */
    static synchronized TestAmi ami() {
        if (ami == null) {
            LabAsterisk a = asterisk();
            try {
                ami = TestAmi.connect(a.amiPort, "hotline-test", a.testAmiSecret);
                ami.onEvent(e -> listeners.forEach(l -> l.accept(e)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot log in to the lab AMI", e);
            }
        }
        return ami;
    }

    /** Hears every AMI event, across restarts of Asterisk, until {@code remove} is called with the same listener. */
    static void listen(java.util.function.Consumer<Map<String, String>> listener) {
        listeners.add(listener);
    }

    static void unlisten(java.util.function.Consumer<Map<String, String>> listener) {
        listeners.remove(listener);
    }

    /** Restarts Asterisk under whatever is connected to it; the tests' AMI connection is made anew. */
    static synchronized void restartAsterisk() throws IOException {
        if (ami != null) {
            ami.close();
            ami = null;
        }
        asterisk().restart();
    }

    /** The settings of a {@code serve} against the lab (FastAGI on {@code agiPort}, ARI app {@code ariApp}, AMI). */
    static Settings serveSettings(String dbUrl, int agiPort, String ariApp, String telephony, String nodeId)
            throws IOException {
        return serveSettings(asterisk(), dbUrl, agiPort, ariApp, telephony, nodeId);
    }

    /** As {@link #serveSettings(String, int, String, String, String)}, against the lab Asterisk {@code a}. */
    static Settings serveSettings(
            LabAsterisk a, String dbUrl, int agiPort, String ariApp, String telephony, String nodeId)
            throws IOException {
        var env = new java.util.HashMap<String, String>();
        env.put("HOTLINE_DB_URL", dbUrl);
        env.put("HOTLINE_DB_USER", "postgres");
        env.put("HOTLINE_DB_DEMO", "true"); // the demo accounts are in the template; this adds the demo console users
        env.put("HOTLINE_NODE_ID", nodeId);
        env.put("HOTLINE_TELEPHONY", telephony);
        env.put("HOTLINE_AGI_PORT", Integer.toString(agiPort));
        env.put("HOTLINE_AGI_BIND", "127.0.0.1");
        env.put("HOTLINE_ARI_URL", "http://127.0.0.1:" + a.httpPort);
        env.put("HOTLINE_ARI_USER", "hotline");
        env.put("HOTLINE_ARI_PASSWORD", a.ariPassword);
        env.put("HOTLINE_ARI_APP", ariApp);
        env.put("HOTLINE_AMI_HOST", "127.0.0.1");
        env.put("HOTLINE_AMI_PORT", Integer.toString(a.amiPort));
        env.put("HOTLINE_AMI_USER", "hotline");
        env.put("HOTLINE_AMI_SECRET", a.amiSecret);
        env.put("HOTLINE_AMI_RETRY_MAX", "2s");
        env.put("HOTLINE_ARI_RECONNECT_MAX", "2s");
        env.put("HOTLINE_HTTP_PORT", Integer.toString(LabAsterisk.freeTcpPort()));
        env.put("HOTLINE_SOUNDS_DIR", sounds().toString());
        env.put("HOTLINE_SOUNDS_PREFIX", "hotline");
        env.put("HOTLINE_FLOWS_WATCH", "false");
        // the classes' calls share the lab's agents (Local/agentN@agents): no after-call work between them
        // unless a class asks for it (PbxDialer's settings)
        env.put("HOTLINE_WRAP_UP", "0s");
        env.put("HOTLINE_PIN_PEPPER", "pbx-tier-pepper-0123456789abcdef0123456789");
        // FastAGI voice messages: Asterisk's recording directory, shared with Hotline (the same host here)
        Path recordings = a.lab.resolve("spool/recording");
        java.nio.file.Files.createDirectories(recordings);
        env.put("HOTLINE_AGI_RECORDINGS_DIR", recordings.toString());
        env.put("HOTLINE_AGI_RECORDINGS_LOCAL", recordings.toString());
        return Settings.from(env);
    }

    /** Synthesizes the shipped flows' prompts into {@link #sounds()} (only what is missing or changed). */
    static void generatePrompts() {
        if (started.putIfAbsent("prompts", true) != null) {
            return;
        }
        LoadResult loaded = new FlowLoader().load(Path.of("ivr-flows"), HotlineActions.CATALOG);
        if (!loaded.ok()) {
            throw new IllegalStateException("the shipped flows have problems: " + loaded.problems());
        }
        Voices voices = Voices.standard(PromptsConfig.defaults().withSoundsDir(sounds()));
        GenerationReport r = new PromptGenerator(sounds(), voices)
                .run(PromptCatalog.from(loaded.flowSet().orElseThrow(), voices), false);
        if (r.failed()) {
            throw new IllegalStateException("prompts could not all be generated: " + r.summary());
        }
    }
}
