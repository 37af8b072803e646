package io.hotline.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.DemoData;
import io.hotline.db.TestDatabase;
import io.hotline.prompts.Pcm;
import io.hotline.prompts.PromptService;
import io.hotline.prompts.PromptsConfig;
import io.hotline.prompts.Synthesizer;
import io.hotline.prompts.Voices;
import io.hotline.server.Hotline;
import io.hotline.users.Users;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The softphone: a live simulated caller over a WebSocket, with prompt sounds")
class SoftphoneIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path sounds;

    static Hotline hotline;
    static Console console;

    /** A voice that says everything as a short tone: real WAV files without FreeTTS's start-up cost. */
    static final class Tone implements Synthesizer {
        @Override
        public String name() {
            return "test tone";
        }

        @Override
        public String settings() {
            return "tone-1";
        }

        @Override
        public Optional<String> unavailable() {
            return Optional.empty();
        }

        @Override
        public Pcm synthesize(String text) {
            short[] s = new short[8000 / 10];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) (8000 * Math.sin(i * 2 * Math.PI * 440 / 8000));
            }
            return new Pcm(8000, s);
        }
    }

    @BeforeAll
    static void start() {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        Users users = TestUsers.create(DB.dataSource());
        var prompts =
                new PromptService(PromptsConfig.defaults().withSoundsDir(sounds), Voices.of(Map.of("en", new Tone())));
        console = Console.start(hotline.consoleSetup(ConsoleConfig.forTests(1_000, Duration.ofSeconds(30)), users)
                .withPrompts(prompts));
    }

    @AfterAll
    static void stop() {
        console.close();
        hotline.close();
    }

    /** The page's side of the softphone socket. */
    static final class Phone {
        final BlockingQueue<JsonObject> in = new LinkedBlockingQueue<>();
        final List<JsonObject> all = new CopyOnWriteArrayList<>();
        final WebSocket ws;

        Phone(ConsoleClient c) {
            ws = c.openSocket("/ws/softphone", in, all);
        }

        void send(JsonObject m) {
            ws.sendText(m.encode(), true).join();
        }

        JsonObject await(Predicate<JsonObject> p) {
            try {
                return Awaitility.await("a matching message")
                        .atMost(WAIT)
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> in.poll(100, TimeUnit.MILLISECONDS), m -> m != null && p.test(m));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("no such message; got " + all, e);
            }
        }

        /** Plays prompts to the end (as the page does) until one containing these words comes. */
        JsonObject hearUntil(String words) throws InterruptedException {
            while (true) {
                JsonObject m = await(x -> "say".equals(x.getString("type")));
                if (m.getString("text").contains(words)) {
                    return m;
                }
                send(new JsonObject().put("type", "played").put("id", m.getLong("id")));
            }
        }
    }

    @Test
    @DisplayName("a caller dials, hears the menu with its sound, presses 2 and 1, and waits in the fraud queue")
    void stolenAccountFromTheSoftphone() throws Exception {
        try (var c = ConsoleClient.signedIn(console.port(), "sam", TestUsers.PASSWORD)) {
            Phone phone = new Phone(c);
            phone.await(m -> "ready".equals(m.getString("type")));
            phone.send(new JsonObject()
                    .put("type", "dial")
                    .put("number", DemoData.LI_WEI)
                    .put("lang", "en"));
            phone.await(m -> "answered".equals(m.getString("type")));

            JsonObject menu = phone.hearUntil("press 2");
            assertThat(menu.getString("listen")).contains("2");
            String audio = menu.getJsonArray("audio").getString(0);
            assertThat(audio).startsWith("/audio/en/").endsWith(".wav");
            var sound = fetch(c, audio);
            assertThat(sound.statusCode()).isEqualTo(200);
            assertThat(new String(sound.body(), 0, 4, UTF_8)).isEqualTo("RIFF");
            assertThat(sound.headers().firstValue("Content-Type")).contains("audio/wav");

            phone.send(new JsonObject().put("type", "key").put("key", "2"));
            phone.hearUntil("To freeze your wallet now, press 1");
            phone.send(new JsonObject().put("type", "key").put("key", "1"));
            JsonObject frozen = phone.hearUntil("now frozen");
            assertThat(frozen.getString("text")).contains("F-");
            phone.send(new JsonObject().put("type", "played").put("id", frozen.getLong("id")));
            JsonObject more;
            do {
                more = phone.await(m -> "say".equals(m.getString("type")) || "ivr-ended".equals(m.getString("type")));
                if ("say".equals(more.getString("type"))) {
                    phone.send(new JsonObject().put("type", "played").put("id", more.getLong("id")));
                }
            } while (!"ivr-ended".equals(more.getString("type")));
            assertThat(more.getString("queue")).isEqualTo("fraud");
            assertThat(more.getString("ticket")).startsWith("T-");
            JsonObject waiting = phone.await(m -> "queue".equals(m.getString("type")));
            assertThat(waiting.getString("state")).isEqualTo("waiting");
            assertThat(waiting.getInteger("position")).isEqualTo(1);

            phone.send(new JsonObject().put("type", "hangup"));
            phone.await(m -> "queue".equals(m.getString("type")) && "ended".equals(m.getString("state")));
            assertThat(console.simQueues().waiting("fraud")).isZero();
        }
    }

    @Test
    @DisplayName("sounds are only for signed-in users and only from the prompt cache")
    void audioIsGuarded() throws Exception {
        try (var anon = new ConsoleClient(console.port());
                var c = ConsoleClient.signedIn(console.port(), "alice", TestUsers.PASSWORD)) {
            assertThat(fetch(anon, "/audio/en/anything.wav").statusCode()).isEqualTo(401);
            assertThat(fetch(c, "/audio/en/..%2F..%2Fpg.port").statusCode()).isEqualTo(404);
            assertThat(fetch(c, "/audio/en/.hotline-manifest.wav").statusCode()).isEqualTo(404);
            assertThat(fetch(c, "/audio/xx1/r-0.wav").statusCode()).isEqualTo(404);
            assertThat(anon.status("/ws/softphone")).isIn(400, 401);
        }
    }

    private static HttpResponse<byte[]> fetch(ConsoleClient c, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + path))
                            .header("Cookie", Sessions.COOKIE + "=" + c.sessionCookie())
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
