package io.hotline.telephony.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.Call;
import io.hotline.db.Database;
import io.hotline.emulator.ari.AriEmulator;
import io.hotline.emulator.ari.CallerScript;
import io.hotline.emulator.ari.EmulatedChannel;
import io.hotline.engine.CallEnding;
import io.hotline.journeys.Dialer;
import io.hotline.journeys.Listeners;
import io.hotline.server.Hotline;
import io.hotline.telephony.AsteriskSounds;
import io.hotline.telephony.sim.Transcript;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shipped flows over ARI: the real engine and {@link AriClient} on a test
 * database, Asterisk played by the {@link AriEmulator}, callers driven by {@link KeyScriptCall}
 * with the simulator's key strings.
 */
final class AriHarness implements Dialer<AriHarness.Result> {
    final Hotline hotline;
    final AriEmulator fake;
    private final Vertx vertx;
    private final AriClient client;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private AsteriskSounds.Installed sounds = AsteriskSounds.forFakes();

    private record Plan(String keys, String hangUpAt, CompletableFuture<Result> result) {}

    /** One finished call over ARI. */
    record Result(String callId, Transcript transcript, CallEnding ending, EmulatedChannel channel)
            implements Dialer.Dialed {
        /** The channel variables as Asterisk keeps them (names without the inheritance prefix). */
        @Override
        public Map<String, String> channelVariables() {
            Map<String, String> out = new LinkedHashMap<>();
            channel.variables().forEach((k, v) -> out.put(k.replaceFirst("^_{1,2}", ""), v));
            return out;
        }
    }

    AriHarness(Database db) throws Exception {
        this(Hotline.onDatabase(db, Path.of("ivr-flows"), Clock.systemDefaultZone()));
    }

    /** On a core composed otherwise (other flows, a test clock); closed with the harness. */
    AriHarness(Hotline hotline) throws Exception {
        this.hotline = hotline;
        fake = AriFakes.start();
        fake.timing(Duration.ofMillis(40), Duration.ofMillis(5));
        vertx = Vertx.vertx();
        client = new AriClient(vertx, AriFakes.config(fake), this::handle);
        client.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // callers dial in once the client's start-up re-sync was answered, so every journey starts from
        // the same state (a call arriving during the re-sync is served too: AriClientIT.callDuringResync)
        fake.applicationLookedUp().get(10, TimeUnit.SECONDS);
    }

    /** From now on the fake Asterisk has these sound files too (as {@code hotline/en/x}). */
    void alsoHas(String... files) {
        sounds = sounds.with(files);
        fake.sounds(sounds);
    }

    @Override
    public Hotline hotline() {
        return hotline;
    }

    @Override
    public Result call(String ani, String keys) throws Exception {
        return callHangingUpAt(ani, keys, null);
    }

    /** Dials in, presses {@code keys} as the flow listens, optionally hangs up on entering {@code hangUpAt}. */
    @Override
    public Result callHangingUpAt(String ani, String keys, String hangUpAt) throws Exception {
        EmulatedChannel ch = fake.prepare(ani, CallerScript.caller());
        Plan plan = new Plan(keys, hangUpAt, new CompletableFuture<>());
        plans.put(ch.id(), plan);
        fake.announce(ch);
        Result r = plan.result().get(60, TimeUnit.SECONDS);
        ch.left().get(10, TimeUnit.SECONDS); // the channel has left Stasis one way or another
        return r;
    }

    private void handle(Call call) {
        String id = call.info().callId();
        Plan plan = plans.remove(id);
        if (plan == null) {
            throw new IllegalStateException("no plan for call " + id);
        }
        KeyScriptCall caller = new KeyScriptCall(call, fake, fake.channel(id), plan.keys(), plan.hangUpAt());
        Transcript transcript = new Transcript();
        try {
            CallEnding ending = hotline.engine().run(caller, Listeners.both(transcript, caller));
            plan.result().complete(new Result(id, transcript, ending, fake.channel(id)));
        } catch (RuntimeException e) {
            plan.result().completeExceptionally(e);
        }
    }

    /** Stops everything; fails if the application made a request Asterisk would refuse. */
    @Override
    public void close() throws Exception {
        List<String> violations = fake.violations();
        try {
            client.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            fake.close();
        } finally {
            hotline.close();
        }
        assertThat(violations).as("requests Asterisk would refuse").isEmpty();
    }
}
