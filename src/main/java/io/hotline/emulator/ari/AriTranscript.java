package io.hotline.emulator.ari;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recorded ARI sessions in {@code ari-basic.txt} beside this class (Asterisk 22.10.1, copied from
 * {@code ../shared/asterisk/transcripts/}): every event frame Asterisk sent and every REST exchange, so that
 * {@link AriEmulator} builds its events and replies from what Asterisk really sent.
 */
public final class AriTranscript {

    /** One REST exchange: request line, status, body ("" when none). */
    record Exchange(String method, String target, int status, String body) {}

    private final List<JsonObject> frames;
    private final List<Exchange> exchanges;

    private AriTranscript(List<JsonObject> frames, List<Exchange> exchanges) {
        this.frames = frames;
        this.exchanges = exchanges;
    }

    /** Reads the recorded sessions. */
    public static AriTranscript load() {
        String text;
        try (InputStream in = AriTranscript.class.getResourceAsStream("ari-basic.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource ari-basic.txt beside " + AriTranscript.class);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonObject> frames = new ArrayList<>();
        List<Exchange> exchanges = new ArrayList<>();
        // only timed wire lines count ("[  7.221] HTTP> ..."), not the legend
        Pattern wire = Pattern.compile("^\\[\\s*\\d+\\.\\d+] (HTTP> |HTTP< |WS< text frame \\([^)]*\\): )(.*)$");
        String[] lines = text.split("\n");
        Exchange open = null;
        for (String line : lines) {
            Matcher m = wire.matcher(line);
            if (m.matches()) {
                String rest = m.group(2).trim();
                switch (m.group(1).trim()) {
                    case "HTTP>" -> {
                        String[] parts = rest.split(" ", 2);
                        open = new Exchange(parts[0], parts[1], 0, "");
                    }
                    case "HTTP<" -> {
                        if (open != null) {
                            open = new Exchange(
                                    open.method(), open.target(), Integer.parseInt(rest.substring(0, 3)), "");
                            exchanges.add(open);
                        }
                    }
                    default -> frames.add(new JsonObject(rest));
                }
            } else if (line.trim().startsWith("body:") && open != null && open.status() != 0) {
                Exchange withBody = new Exchange(
                        open.method(),
                        open.target(),
                        open.status(),
                        line.trim().substring(5).trim());
                exchanges.set(exchanges.size() - 1, withBody);
                open = null;
            } else if (!line.trim().startsWith("body:") && open != null && open.status() != 0) {
                open = null;
            }
        }
        return new AriTranscript(List.copyOf(frames), List.copyOf(exchanges));
    }

    /** Copies of every event frame Asterisk sent, in order. */
    public List<JsonObject> frames() {
        return frames.stream().map(JsonObject::copy).toList();
    }

    /** A copy of the first recorded event of {@code type} that matches. */
    public JsonObject event(String type, Predicate<JsonObject> which) {
        return frames.stream()
                .filter(f -> type.equals(f.getString("type")) && which.test(f))
                .findFirst()
                .map(JsonObject::copy)
                .orElseThrow(() -> new IllegalStateException("no " + type + " event in the transcript"));
    }

    /** A copy of the first recorded event of {@code type}. */
    public JsonObject event(String type) {
        return event(type, f -> true);
    }

    /** The body Asterisk answered to the first request that matches, as JSON. */
    JsonObject replyBody(String method, Predicate<String> target, int status) {
        return exchanges.stream()
                .filter(e -> e.method().equals(method)
                        && target.test(e.target())
                        && e.status() == status
                        && e.body().startsWith("{"))
                .findFirst()
                .map(e -> new JsonObject(e.body()))
                .orElseThrow(
                        () -> new IllegalStateException("no " + method + " reply " + status + " in the transcript"));
    }

    List<Exchange> exchanges() {
        return exchanges;
    }
}
