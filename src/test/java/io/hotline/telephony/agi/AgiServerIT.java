package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.CallEnded;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.call.TelephonyException;
import io.hotline.emulator.agi.AgiEmulator;
import io.hotline.emulator.agi.AgiResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The FastAGI server")
class AgiServerIT {
    private AgiServer server;

    private Recorder serve(AgiConfig config, Recorder.Script script) throws IOException {
        Recorder r = new Recorder(script);
        server = new AgiServer(config, r).start();
        return r;
    }

    private Recorder serve(Recorder.Script script) throws IOException {
        return serve(AgiConfig.loopback(), script);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A call that plays one prompt; proves the server still serves. */
    private static void onePrompt(io.hotline.call.Call call, List<Object> out) {
        out.add(call.play(List.of(new PromptPart.Recorded("welcome", "Welcome")), "en", ""));
    }

    @Test
    @DisplayName("the flow id comes from the AGI URL; a query string and AGI arguments are tolerated")
    void flowFromUrl() throws Exception {
        Recorder r = serve((call, out) -> out.add(call.info()));
        AgiFakes.call(server.port())
                .script("stolen-account?lang=zh&x=1")
                .args("first arg", "second")
                .callerId("13912345678")
                .language("zh")
                .start()
                .await();
        var info = r.next().info();
        assertThat(info.flowId()).isEqualTo("stolen-account");
        assertThat(info.ani()).isEqualTo("13912345678");
        assertThat(info.language()).isEqualTo("zh");
        assertThat(info.extra()).containsEntry("query.lang", "zh").containsEntry("arg.1", "first arg");
    }

    @Test
    @DisplayName("a malformed agi_ block closes that connection only; the handler never sees it")
    void malformedBlock() throws Exception {
        Recorder r = serve(AgiServerIT::onePrompt);
        List<String> block =
                new ArrayList<>(Transcripts.load("agi-basic.txt").get("A").block());
        block.add(3, "SSH-2.0-OpenSSH_9.6");
        AgiResult bad = AgiFakes.call(server.port()).rawBlock(block).start().await();
        assertThat(bad.ending()).isEqualTo(AgiResult.Ending.CLOSED_AT_ONCE);
        AgiFakes.call(server.port()).start().await();
        assertThat(r.next().results()).containsExactly(Key.NONE);
        assertThat(r.count()).isZero();
    }

    @Test
    @DisplayName("a block without a script name, or with binary junk, is refused")
    void blockWithoutScript() throws Exception {
        Recorder r = serve(AgiServerIT::onePrompt);
        assertThat(AgiFakes.call(server.port())
                        .rawBlock(List.of("agi_callerid: 1"))
                        .start()
                        .await()
                        .ending())
                .isEqualTo(AgiResult.Ending.CLOSED_AT_ONCE);
        assertThat(AgiFakes.call(server.port())
                        .rawBlock(List.of("\u0000\u0001\u00ff\u0016\u0003"))
                        .start()
                        .await()
                        .ending())
                .isEqualTo(AgiResult.Ending.CLOSED_AT_ONCE);
        AgiFakes.call(server.port()).start().await();
        assertThat(r.next().thrown()).isNull();
    }

    @Test
    @DisplayName("a garbage line instead of a reply closes that call only, while another call goes on")
    void garbageReply() throws Exception {
        CountDownLatch bothIn = new CountDownLatch(2);
        Recorder r = serve((call, out) -> {
            bothIn.countDown();
            await(bothIn);
            onePrompt(call, out);
            onePrompt(call, out);
        });
        AgiEmulator bad = AgiFakes.call(server.port())
                .garbageAt(2, "200 result=0 ??? totally not agi")
                .start();
        AgiEmulator good = AgiFakes.call(server.port()).start();
        AgiResult badResult = bad.await();
        AgiResult goodResult = good.await();
        List<Recorder.Outcome> outcomes = List.of(r.next(), r.next());
        assertThat(outcomes).filteredOn(o -> o.thrown() == null).hasSize(1);
        assertThat(outcomes)
                .filteredOn(o -> o.thrown() instanceof TelephonyException)
                .hasSize(1);
        assertThat(goodResult.commands("STREAM FILE")).hasSize(2);
        assertThat(badResult.commands()).hasSize(2);
    }

    @Test
    @DisplayName("an unknown flow id is the handler's business: its failure closes that call and the server goes on")
    void unknownFlow() throws Exception {
        Recorder r = serve((call, out) -> {
            if (!call.info().flowId().equals("main")) {
                throw new IllegalArgumentException("no flow " + call.info().flowId());
            }
            onePrompt(call, out);
        });
        AgiResult unknown =
                AgiFakes.call(server.port()).script("no-such-flow").start().await();
        assertThat(unknown.ending()).isEqualTo(AgiResult.Ending.CLOSED_AT_ONCE);
        assertThat(r.next().thrown()).isInstanceOf(IllegalArgumentException.class);
        AgiFakes.call(server.port()).start().await();
        assertThat(r.next().thrown()).isNull();
    }

    @Test
    @DisplayName("a peer not on the allow-list is closed before a byte is read, and counted")
    void refusedPeer() throws Exception {
        Recorder r = serve(
                AgiConfig.loopback().withAllow(Set.of(InetAddress.getByName("10.11.12.13"))), AgiServerIT::onePrompt);
        AgiResult refused = AgiFakes.call(server.port()).start().await();
        assertThat(refused.ending()).isEqualTo(AgiResult.Ending.CLOSED_AT_ONCE);
        assertThat(refused.commands()).isEmpty();
        assertThat(server.refusedConnections()).isEqualTo(1);
        assertThat(server.acceptedConnections()).isZero();
        assertThat(r.count()).isZero();
    }

    @Test
    @DisplayName("a peer on the allow-list is served")
    void allowedPeer() throws Exception {
        Recorder r =
                serve(AgiConfig.loopback().withAllow(Set.of(InetAddress.getLoopbackAddress())), AgiServerIT::onePrompt);
        AgiFakes.call(server.port()).start().await();
        assertThat(r.next().results()).containsExactly(Key.NONE);
        assertThat(server.refusedConnections()).isZero();
    }

    @Test
    @DisplayName("a connection that never finishes its agi_ block is closed after the request timeout")
    void silentPeer() throws Exception {
        serve(
                AgiConfig.loopback()
                        .withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(100)),
                AgiServerIT::onePrompt);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write("agi_network: yes\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("the server closes the connection").isEqualTo(-1);
        }
        poll(() -> server.activeConnections() == 0);
    }

    @Test
    @DisplayName(
            "a peer that drips its agi_ block a byte at a time is closed after the request timeout, not when it finishes")
    void drippingPeer() throws Exception {
        serve(
                AgiConfig.loopback()
                        .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(100)),
                AgiServerIT::onePrompt);
        // 400 bytes, one every 10 ms: each read is well inside the request timeout, the whole block is not
        byte[] block = ("agi_network: yes\nagi_network_script: main\nagi_request: agi://127.0.0.1/main\n"
                        + "agi_channel: Local/drip\n" + "agi_language: en\n".repeat(16) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        int sent = 0;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10);
            InputStream in = s.getInputStream();
            boolean closed = false;
            while (sent < block.length && !closed) {
                try {
                    s.getOutputStream().write(block[sent]);
                    s.getOutputStream().flush();
                    sent++;
                } catch (IOException e) {
                    closed = true; // the server reset the connection
                    break;
                }
                try {
                    closed = in.read() == -1; // waits up to 10 ms: the drip's pace
                } catch (java.net.SocketTimeoutException e) {
                    // still open: drip on
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertThat(closed)
                    .as(
                            "the server closed the connection before the block was complete (sent %d of %d)",
                            sent, block.length)
                    .isTrue();
        }
        assertThat(sent).isLessThan(block.length);
        poll(() -> server.activeConnections() == 0);
    }

    @Test
    @DisplayName(
            "a call whose Asterisk stops answering mid-call is given up after the reply timeout with a clear error; the server goes on serving")
    void peerStopsAnswering() throws Exception {
        Recorder r = serve(
                AgiConfig.loopback()
                        .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(100)),
                AgiServerIT::onePrompt);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            StringBuilder block = new StringBuilder();
            Transcripts.load("agi-basic.txt")
                    .get("A")
                    .block()
                    .forEach(l -> block.append(l).append('\n'));
            // from before the block goes: the server's wait for a reply begins only after it has the block
            long asked = System.nanoTime();
            s.getOutputStream().write(block.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).as("the first command").isNotBlank(); // and no reply ever goes back
            assertThat(in.read()).as("the server closes the connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
        Recorder.Outcome o = r.next();
        assertThat(o.thrown())
                .isInstanceOf(TelephonyException.class)
                .hasMessageContaining("no reply to")
                .hasMessageContaining("within 200 ms");
        poll(() -> server.activeConnections() == 0);
        AgiFakes.call(server.port()).start().await();
        assertThat(r.next().results()).containsExactly(Key.NONE);
    }

    @Test
    @DisplayName(
            "the reply watchdog looks a tenth of the reply timeout apart, never more often than every 5 ms nor less than every second")
    void watchPeriod() {
        assertThat(AgiServer.watchPeriod(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(1));
        assertThat(AgiServer.watchPeriod(Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(300));
        assertThat(AgiServer.watchPeriod(Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    @DisplayName("calls are not capped by a pool: 300 calls wait in the handler at the same time")
    void noPoolCap() throws Exception {
        int calls = 300;
        CountDownLatch allIn = new CountDownLatch(calls);
        Recorder r = serve((call, out) -> {
            allIn.countDown();
            await(allIn);
            onePrompt(call, out);
        });
        List<AgiEmulator> fakes = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            fakes.add(AgiFakes.call(server.port()).start());
        }
        assertThat(allIn.await(20, TimeUnit.SECONDS))
                .as("all calls inside the handler at once")
                .isTrue();
        for (AgiEmulator f : fakes) {
            assertThat(f.await().commands("STREAM FILE")).hasSize(1);
        }
        for (int i = 0; i < calls; i++) {
            assertThat(r.next().thrown()).isNull();
        }
        poll(() -> server.activeThreads() == 0 && server.activeConnections() == 0);
    }

    @Test
    @DisplayName(
            "stopping the server ends the calls in progress as sent back to the dialplan, not as hang-ups, and frees their threads")
    void stopEndsCalls() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        Recorder r = serve((call, out) -> {
            inside.countDown();
            out.add(call.waitForKey(Duration.ofSeconds(30)));
        });
        // a caller with keys left never answers WAIT FOR DIGIT quickly: use a raw peer that sends the block only
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            StringBuilder b = new StringBuilder();
            Transcripts.load("agi-basic.txt")
                    .get("A")
                    .block()
                    .forEach(l -> b.append(l).append('\n'));
            s.getOutputStream().write(b.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            server.close();
            // the caller did not hang up: the closed socket returns the call to the dialplan (fallback queue)
            assertThat(r.next().thrown())
                    .isInstanceOf(io.hotline.call.TelephonyException.class)
                    .isNotInstanceOf(CallEnded.class)
                    .hasMessageContaining("went back to the dialplan");
            assertThat(server.activeThreads()).isZero();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not reached");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void poll(BooleanSupplier condition) {
        Poll.until(condition, Duration.ofSeconds(10), () -> "server idle");
    }
}
