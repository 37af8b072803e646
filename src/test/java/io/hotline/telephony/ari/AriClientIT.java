package io.hotline.telephony.ari;

import static io.hotline.emulator.ari.CallerScript.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.call.Call;
import io.hotline.call.CallEnded;
import io.hotline.call.CallInfo;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.call.TelephonyException;
import io.hotline.emulator.ari.AriEmulator;
import io.hotline.emulator.ari.EmulatedChannel;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The ARI adapter against a fake Asterisk that replays recorded ARI events")
class AriClientIT {
    private static final String NUMBER = "13800138000";

    private AriEmulator fake;
    private Vertx vertx;
    private AriClient client;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final List<CallInfo> infos = new CopyOnWriteArrayList<>();

    /** How a handled call ended, as the engine would see it. */
    record Outcome(String how, List<Key> keys) {}

    @BeforeEach
    void setUp() throws Exception {
        fake = AriFakes.start();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (client != null) {
                client.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } finally {
            fake.close();
        }
        assertThat(fake.violations()).as("requests Asterisk would refuse").isEmpty();
    }

    /** A small flow: welcome + menu (1 = balance, 2 = report fraud), as the engine would drive it. */
    private static void smallFlow(Call call, List<Key> keys) {
        Key k = call.play(
                List.of(
                        new PromptPart.Recorded("welcome", "Welcome."),
                        new PromptPart.Recorded("main-menu", "Press 1 for your balance, 2 to report fraud.")),
                "en",
                "12");
        if (k.isNone()) {
            k = call.waitForKey(Duration.ofSeconds(3));
        }
        keys.add(k);
        if (k.symbol() == '1') {
            call.play(
                    List.of(new PromptPart.Recorded("balance", "Your balance is"), new PromptPart.Amount(12345)),
                    "en",
                    "");
            call.hangup();
        } else if (k.symbol() == '2') {
            StringBuilder account = new StringBuilder();
            Key d = call.play(
                    List.of(new PromptPart.Recorded("enter-account", "Enter your account number.")),
                    "en",
                    "0123456789#");
            while (!d.isNone() && d.symbol() != '#') {
                account.append(d.symbol());
                d = call.waitForKey(Duration.ofSeconds(2));
            }
            keys.add(Key.NONE);
            call.handToQueue(new QueueHandoff("fraud", 5, "T-42", "", account.toString(), false, "", ""));
        } else {
            call.play(List.of(new PromptPart.Recorded("goodbye", "Goodbye.")), "en", "");
            call.hangup();
        }
    }

    private void startClient(Consumer<Call> flow) throws Exception {
        startClient((call, keys) -> flow.accept(call));
    }

    private void startClient(BiConsumer<Call, List<Key>> flow) throws Exception {
        startClient(AriFakes.config(fake), flow);
    }

    private void startClient(AriConfig config, BiConsumer<Call, List<Key>> flow) throws Exception {
        client = new AriClient(vertx, config, call -> {
            infos.add(call.info());
            List<Key> keys = new ArrayList<>();
            try {
                flow.accept(call, keys);
                outcomes.add(new Outcome("completed", keys));
            } catch (CallEnded e) {
                outcomes.add(new Outcome("caller-hangup", keys));
            } catch (TelephonyException e) {
                outcomes.add(new Outcome("error: " + e.getMessage(), keys));
            }
        });
        client.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private void startSmallFlow() throws Exception {
        startClient(AriClientIT::smallFlow);
    }

    private Outcome nextOutcome() throws InterruptedException {
        Outcome o = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(o).as("a call outcome within 10 s").isNotNull();
        return o;
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        await(what).atMost(java.time.Duration.ofSeconds(10)).until(condition::getAsBoolean);
    }

    private static String left(EmulatedChannel ch) throws Exception {
        return ch.left().get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a sound file Asterisk does not have fails its playback, as Asterisk's does, and the prompt goes on")
    void missingSoundFails() throws Exception {
        startClient(call -> {
            call.play(
                    List.of(
                            new PromptPart.Recorded("never.generated", "."),
                            new PromptPart.Recorded("goodbye", "Goodbye.")),
                    "en",
                    "");
            call.hangup();
        });
        EmulatedChannel ch = fake.dial(NUMBER, caller());
        assertThat(left(ch)).isEqualTo("hung up by the application");
        assertThat(nextOutcome().how()).isEqualTo("completed");
        assertThat(ch.failed()).containsExactly("sound:hotline/en/never.generated");
        assertThat(ch.heard()).containsExactly("sound:hotline/en/never.generated", "sound:hotline/en/goodbye");
    }

    @Test
    @DisplayName("with an absolute HOTLINE_SOUNDS_PREFIX the prompts play from that directory")
    void absoluteSoundsPrefix() throws Exception {
        AriConfig c = AriFakes.config(fake);
        AriConfig absolute = AriConfig.from(io.hotline.config.Settings.from(Map.of(
                "HOTLINE_ARI_URL",
                c.baseUrl().toString(),
                "HOTLINE_ARI_USER",
                c.user(),
                "HOTLINE_ARI_PASSWORD",
                c.password(),
                "HOTLINE_ARI_APP",
                c.app(),
                "HOTLINE_SOUNDS_PREFIX",
                "/var/lib/hotline/sounds/")));
        fake.sounds(io.hotline.telephony.AsteriskSounds.installed("/var/lib/hotline/sounds"));
        startClient(absolute, (call, keys) -> {
            call.play(List.of(new PromptPart.Recorded("main.goodbye.prompt", "Goodbye.")), "en", "");
            call.hangup();
        });
        EmulatedChannel ch = fake.dial(NUMBER, caller());
        assertThat(left(ch)).isEqualTo("hung up by the application");
        assertThat(ch.heard()).containsExactly("sound:/var/lib/hotline/sounds/en/main.goodbye.prompt");
        assertThat(ch.failed()).isEmpty();
    }

    @Test
    @DisplayName("a caller goes through a small flow and is continued to the fraud queue with the ticket variables")
    void callThroughSmallFlow() throws Exception {
        fake.mediaDuration("main-menu", Duration.ofSeconds(5));
        fake.mediaDuration("enter-account", Duration.ofSeconds(5));
        startSmallFlow();
        EmulatedChannel ch = fake.dial(
                NUMBER,
                caller().onPlay("main-menu").press("2").onPlay("enter-account").press("1234#"));

        assertThat(left(ch)).isEqualTo("continue queues,fraud,1");
        assertThat(nextOutcome().how()).isEqualTo("completed");
        assertThat(ch.variables())
                .containsEntry("__HOTLINE_TICKET", "T-42")
                .containsEntry("__HOTLINE_ACCOUNT", "1234")
                .containsEntry("QUEUE_PRIO", "5")
                .containsEntry("__HOTLINE_QUEUE", "fraud");
        assertThat(ch.heard()).startsWith("sound:hotline/en/welcome", "sound:hotline/en/main-menu");
        assertThat(fake.requests()).anyMatch(r -> r.startsWith("POST /channels/" + ch.id() + "/answer"));
        CallInfo info = infos.getFirst();
        assertThat(info.callId()).isEqualTo(ch.id());
        assertThat(info.ani()).isEqualTo(NUMBER);
        assertThat(info.language()).isEqualTo("en");
        assertThat(info.flowId()).isEqualTo("main");
        assertThat(info.transport()).isEqualTo("ari");
        waitUntil("the call is forgotten once it left Stasis", () -> client.activeCalls() == 0);
    }

    @Test
    @DisplayName("a call arriving while the start-up re-sync's answer is on its way is served, not ended as gone")
    void callDuringResync() throws Exception {
        java.util.concurrent.CompletableFuture<Void> hold = new java.util.concurrent.CompletableFuture<>();
        fake.holdApplicationAnswers(hold);
        fake.mediaDuration("welcome", Duration.ofMillis(600));
        startClient(call -> {
            call.play(List.of(new PromptPart.Recorded("welcome", "Welcome.")), "en", "");
            call.hangup();
        });
        fake.applicationLookedUp().get(5, TimeUnit.SECONDS); // asked for the channels: none yet
        EmulatedChannel ch = fake.dial(NUMBER, caller());
        waitUntil(
                "the call is being served",
                () -> fake.requests().stream().anyMatch(r -> r.startsWith("POST /channels/" + ch.id() + "/play")));
        hold.complete(null); // the answer without this channel arrives now
        assertThat(left(ch)).isEqualTo("hung up by the application");
        assertThat(nextOutcome().how()).isEqualTo("completed");
    }

    @Test
    @DisplayName("stopping the client hands each live call back to the dialplan and never hangs it up")
    void stopHandsCallsBackToTheDialplan() throws Exception {
        // the real-PBX tier showed it: Asterisk keeps a channel in a Stasis application whose WebSocket
        // closed (the application is only deactivated), so a caller left there hears silence for good
        CountDownLatch waiting = new CountDownLatch(1);
        startClient(call -> {
            waiting.countDown();
            call.waitForKey(Duration.ofSeconds(60));
        });
        EmulatedChannel ch = fake.dial(NUMBER, caller());
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        client.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(nextOutcome().how())
                .isEqualTo("error: call " + ch.id() + ": Hotline stopped; the call went back to the dialplan");
        assertThat(fake.requests())
                .anyMatch(r -> r.startsWith("POST /channels/") && r.contains("/continue"))
                .noneMatch(r -> r.startsWith("DELETE /channels/"));
    }

    @Test
    @DisplayName("the first Stasis argument selects the flow")
    void stasisArgumentSelectsFlow() throws Exception {
        startClient(Call::hangup);
        EmulatedChannel ch = fake.dial(NUMBER, caller(), "billing");
        assertThat(left(ch)).isEqualTo("hung up by the application");
        assertThat(infos.getFirst().flowId()).isEqualTo("billing");
    }

    @Test
    @DisplayName("a key in the interrupt set stops a long prompt at once (DTMF alone does not stop an ARI playback)")
    void bargeInStopsPlayback() throws Exception {
        fake.mediaDuration("main-menu", Duration.ofSeconds(30));
        startSmallFlow();
        EmulatedChannel ch = fake.dial(
                NUMBER, caller().onPlay("main-menu").press("91")); // 9 is not a menu key: ignored, 1 barges in

        assertThat(left(ch)).isEqualTo("hung up by the application");
        Outcome o = nextOutcome();
        assertThat(o.keys()).containsExactly(Key.of('1'));
        // "at once" is that the 30 s prompt was stopped, not played out (no clock: see the stop below)
        waitUntil("the long prompt is stopped", () -> ch.stopped().size() == 1);
        assertThat(fake.requests())
                .anyMatch(r -> r.startsWith("DELETE /playbacks/" + ch.stopped().getFirst()));
        assertThat(ch.heard())
                .contains(
                        "sound:hotline/en/balance",
                        "number:123",
                        "sound:hotline/en/hotline.yuan",
                        "number:45",
                        "sound:hotline/en/hotline.fen");
    }

    @Test
    @DisplayName("a key pressed just as the prompt ends still counts, though stopping the gone playback answers 404")
    void keyAsPlaybackEnds() throws Exception {
        fake.mediaDuration("main-menu", Duration.ofSeconds(30));
        startSmallFlow();
        EmulatedChannel ch = fake.dial(NUMBER, caller().onPlay("main-menu").pressAsPlaybackEnds("1"));
        assertThat(left(ch)).isEqualTo("hung up by the application");
        assertThat(nextOutcome().keys()).containsExactly(Key.of('1'));
        waitUntil("a stop was tried", () -> fake.requests().stream().anyMatch(r -> r.startsWith("DELETE /playbacks/")));
        assertThat(ch.stopped()).as("but the playback had already ended (404)").isEmpty();
    }

    @Test
    @DisplayName("keys pressed while nothing listens are dropped, as over AGI")
    void keysWithoutListenerAreDropped() throws Exception {
        fake.mediaDuration("notice", Duration.ofMillis(400));
        List<Key> got = new CopyOnWriteArrayList<>();
        startClient(call -> {
            call.play(List.of(new PromptPart.Recorded("notice", "Calls are recorded.")), "en", "");
            got.add(call.waitForKey(Duration.ofMillis(400)));
            call.hangup();
        });
        EmulatedChannel ch = fake.dial(NUMBER, caller().onPlay("notice").press("5"));
        assertThat(left(ch)).isEqualTo("hung up by the application");
        assertThat(nextOutcome().how()).isEqualTo("completed");
        assertThat(got).containsExactly(Key.NONE);
    }

    @Test
    @DisplayName("a key typed while waiting is returned; with no key the wait times out")
    void waitForKey() throws Exception {
        List<Key> got = new CopyOnWriteArrayList<>();
        startClient(call -> {
            got.add(call.waitForKey(Duration.ofSeconds(3)));
            got.add(call.waitForKey(Duration.ofMillis(200)));
            call.hangup();
        });
        EmulatedChannel ch = fake.dial(NUMBER, caller().afterSilence(150).press("7"));
        assertThat(left(ch)).isEqualTo("hung up by the application");
        nextOutcome();
        assertThat(got).containsExactly(Key.of('7'), Key.NONE);
    }

    @Test
    @DisplayName("the caller hanging up during a prompt ends the call with CallEnded and no hang-up request")
    void callerHangsUpDuringPlayback() throws Exception {
        fake.mediaDuration("main-menu", Duration.ofSeconds(30));
        startSmallFlow();
        EmulatedChannel ch = fake.dial(NUMBER, caller().onPlay("main-menu").hangUp());
        assertThat(left(ch)).isEqualTo("caller hung up");
        assertThat(nextOutcome().how()).isEqualTo("caller-hangup");
        waitUntil("the call is forgotten", () -> client.activeCalls() == 0);
        assertThat(fake.requests()).noneMatch(r -> r.startsWith("DELETE /channels/"));
    }

    @Test
    @DisplayName("the caller hanging up while we wait for a key ends the wait with CallEnded at once")
    void callerHangsUpDuringWait() throws Exception {
        startClient(call -> call.waitForKey(Duration.ofSeconds(30)));
        EmulatedChannel ch = fake.dial(NUMBER, caller().afterSilence(100).hangUp());
        assertThat(left(ch)).isEqualTo("caller hung up");
        // the 30 s wait ended by the hang-up, not by running out: its outcome says so, no clock needed
        assertThat(nextOutcome().how()).isEqualTo("caller-hangup");
    }

    @Test
    @DisplayName("a hang-up racing our request (404 instead of an event) is an ordinary caller hang-up")
    void restRaceIsCallerHangup() throws Exception {
        startClient(call -> {
            call.setVariables(Map.of("HOTLINE_STEP", "one"));
            call.play(List.of(new PromptPart.Recorded("never", "never heard")), "en", "");
        });
        EmulatedChannel ch = fake.dial(NUMBER, caller().onRequest("/variable").vanish());
        assertThat(left(ch)).isEqualTo("caller hung up");
        assertThat(nextOutcome().how()).isEqualTo("caller-hangup");
        assertThat(ch.heard()).isEmpty();

        EmulatedChannel next = fake.dial(NUMBER, caller());
        assertThat(left(next)).as("the client keeps serving calls").isEqualTo("hung up by the application");
    }

    @Test
    @DisplayName("an operation after the caller hung up throws CallEnded; hangup() stays quiet")
    void operationsAfterHangup() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        startClient(call -> {
            try {
                call.waitForKey(Duration.ofSeconds(30));
            } catch (CallEnded e) {
                seen.add("wait");
            }
            try {
                call.play(List.of(new PromptPart.Digits("42")), "en", "");
            } catch (CallEnded e) {
                seen.add("play");
            }
            call.hangup();
            seen.add("hangup");
        });
        EmulatedChannel ch = fake.dial(NUMBER, caller().afterSilence(50).hangUp());
        assertThat(left(ch)).isEqualTo("caller hung up");
        assertThat(nextOutcome().how()).isEqualTo("completed");
        assertThat(seen).containsExactly("wait", "play", "hangup");
    }

    @Test
    @DisplayName("a call the handler leaves in Stasis is hung up for it")
    void leftoverCallIsHungUp() throws Exception {
        startClient(call -> {});
        EmulatedChannel ch = fake.dial(NUMBER, caller());
        assertThat(left(ch)).isEqualTo("hung up by the application");
        assertThat(fake.requests()).anyMatch(r -> r.equals("DELETE /channels/" + ch.id() + "?reason=normal"));
    }

    @Test
    @DisplayName("the event WebSocket drops mid-prompt and comes back: the lost PlaybackFinished is recovered")
    void eventLinkDropsAndComesBack() throws Exception {
        fake.mediaDuration("main-menu", Duration.ofMillis(400));
        fake.mediaDuration("enter-account", Duration.ofSeconds(5));
        List<AriLinkState> states = new CopyOnWriteArrayList<>();
        startSmallFlow();
        client.onStateChange(states::add);
        EmulatedChannel ch = fake.dial(
                NUMBER,
                caller().afterSilence(1500).press("2").onPlay("enter-account").press("55#"));
        waitUntil("the menu plays", () -> ch.heard().contains("sound:hotline/en/main-menu"));
        fake.dropEventLinks(Duration.ofMillis(600));

        assertThat(left(ch)).isEqualTo("continue queues,fraud,1");
        assertThat(nextOutcome().keys()).startsWith(Key.of('2'));
        assertThat(ch.variables()).containsEntry("__HOTLINE_ACCOUNT", "55");
        assertThat(states).containsSubsequence(AriLinkState.DISCONNECTED, AriLinkState.CONNECTED);
        assertThat(fake.eventConnections()).isGreaterThanOrEqualTo(2);
        assertThat(fake.requests()).anyMatch(r -> r.startsWith("GET /playbacks/"));
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    @DisplayName("a caller who hangs up while the event WebSocket is down is noticed by the re-sync")
    void hangupWhileLinkDown() throws Exception {
        startClient(call -> call.waitForKey(Duration.ofSeconds(30)));
        EmulatedChannel ch = fake.dial(NUMBER, caller());
        waitUntil("the call is served", () -> client.activeCalls() == 1 && !infos.isEmpty());
        waitUntil("answered", () -> fake.requests().stream().anyMatch(r -> r.contains("/answer")));
        fake.dropEventLinks(Duration.ofMillis(300));
        fake.onContext(ch::hangUpByCaller); // its events are lost: nobody is connected

        assertThat(nextOutcome().how()).isEqualTo("caller-hangup");
        assertThat(client.activeCalls()).isZero();
    }

    @Test
    @DisplayName("channels already in Stasis when the client connects are served from the start")
    void adoptsChannelsInStasis() throws Exception {
        EmulatedChannel parked = fake.park(NUMBER, caller(), "recharge");
        startClient(Call::hangup);
        assertThat(left(parked)).isEqualTo("hung up by the application");
        assertThat(infos.getFirst().flowId()).isEqualTo("recharge");
        assertThat(infos.getFirst().callId()).isEqualTo(parked.id());
    }

    @Test
    @DisplayName("serve's AriService reads HOTLINE_ARI_* and serves calls on its own Vert.x")
    void serviceFromSettings() throws Exception {
        var settings = io.hotline.config.Settings.from(Map.of(
                "HOTLINE_ARI_URL",
                "http://127.0.0.1:" + fake.port(),
                "HOTLINE_ARI_USER",
                AriEmulator.USER,
                "HOTLINE_ARI_PASSWORD",
                AriEmulator.PASSWORD));
        try (AriService service = AriService.start(settings, Call::hangup)) {
            waitUntil("connected", service.client()::isConnected);
            EmulatedChannel ch = fake.dial(NUMBER, caller());
            assertThat(left(ch)).isEqualTo("hung up by the application");
        }
        assertThat(settings.describe()).containsEntry("HOTLINE_ARI_PASSWORD", "****");
    }

    @Test
    @DisplayName("the connection state is visible: connected after start, stopped after stop")
    void connectionState() throws Exception {
        startClient(Call::hangup);
        assertThat(client.isConnected()).isTrue();
        assertThat(client.state()).isEqualTo(AriLinkState.CONNECTED);
        client.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(client.state()).isEqualTo(AriLinkState.STOPPED);
        assertThat(client.isConnected()).isFalse();
        client = null;
    }
}
