package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays each recorded session literally: a peer writes every {@code A>S} line of the
 * transcript, byte for byte and in the recorded order, and checks that every line it reads
 * is the transcript's {@code S>A} line; our {@link AgiLink} sends the recorded commands and
 * must read the recorded replies, with the {@code HANGUP} lines taken out and remembered.
 */
@DisplayName("Recorded FastAGI sessions replayed through our line protocol")
class TranscriptReplayIT {

    static Stream<String> sessions() {
        List<String> out = new ArrayList<>();
        for (String file : List.of("agi-basic.txt", "agi-queue.txt")) {
            Transcripts.load(file).forEach((letter, s) -> {
                if (!s.lines().isEmpty()) {
                    out.add(file + " " + letter);
                }
            });
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    @DisplayName("each session reads back exactly as recorded")
    void replay(String which) throws Exception {
        String[] parts = which.split(" ");
        Transcripts.Session session = Transcripts.load(parts[0]).get(parts[1]);
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> peer =
                    CompletableFuture.supplyAsync(() -> asterisk(listener.getLocalPort(), session));
            try (Socket s = listener.accept()) {
                AgiLink link = new AgiLink(s, Duration.ofSeconds(10));
                List<String> block =
                        link.readRequestBlock(Duration.ofSeconds(10)).orElseThrow();
                assertThat(block).isEqualTo(session.block());
                assertThat(AgiRequest.parse(block).flowId()).isEqualTo("main");

                List<Transcripts.Line> dialogue = session.dialogue();
                boolean hangupSoFar = false;
                for (int i = 0; i < dialogue.size(); i++) {
                    Transcripts.Line l = dialogue.get(i);
                    if (l.fromAsterisk()) {
                        continue;
                    }
                    int r = i + 1;
                    while (dialogue.get(r).text().equals("HANGUP")) {
                        r++;
                    }
                    for (int j = 0; j < r; j++) {
                        hangupSoFar |= dialogue.get(j).fromAsterisk()
                                && dialogue.get(j).text().equals("HANGUP");
                    }
                    AgiReply reply = link.send(new AgiCommand.Raw(l.text()));
                    assertThat(reply.text())
                            .as("reply to %s", l.text())
                            .isEqualTo(dialogue.get(r).text());
                    assertThat(link.hangupSeen())
                            .as("HANGUP seen by the reply to %s", l.text())
                            .isEqualTo(hangupSoFar);
                }
                link.close();
            }
            assertThat(peer.get(10, TimeUnit.SECONDS))
                    .as("lines the peer did not read as recorded")
                    .isEmpty();
        }
    }

    /** Plays Asterisk's side of the session; returns the mismatches it found. */
    private static List<String> asterisk(int port, Transcripts.Session session) {
        List<String> problems = new ArrayList<>();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            int scriptDone = session.scriptDoneAt();
            for (int i = 0; i < session.lines().size(); i++) {
                if (i == scriptDone) {
                    String extra = line(in);
                    if (extra != null) {
                        problems.add("expected the server's end of script, got " + extra);
                    }
                }
                Transcripts.Line l = session.lines().get(i);
                if (l.fromAsterisk()) {
                    out.write((l.text() + "\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } else {
                    String got = line(in);
                    if (!l.text().equals(got)) {
                        problems.add("expected " + l.text() + ", got " + got);
                    }
                }
            }
        } catch (IOException e) {
            problems.add("peer failed: " + e);
        }
        return problems;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return null;
    }
}
