package io.hotline.emulator.ami;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A recorded AMI stream from {@code src/test/resources/transcripts/} (copied from
 * {@code ../shared/asterisk/transcripts/}): the messages after the "full stream" marker, each as
 * its recorded lines. What {@link AmiEmulator} answers and emits when the tests give it one.
 */
public final class AmiTranscript {

    /** One recorded message: {@code fromAsterisk} = {@code <<<}, else a client action ({@code >>>}). */
    public record Message(boolean fromAsterisk, double time, List<String> lines) {
        public Message {
            lines = List.copyOf(lines);
        }

        public Optional<String> header(String name) {
            String prefix = name + ":";
            return lines.stream()
                    .filter(l -> l.regionMatches(true, 0, prefix, 0, prefix.length()))
                    .map(l -> l.substring(prefix.length()).trim())
                    .findFirst();
        }

        public String event() {
            return header("Event").orElse("");
        }

        public boolean isEvent(String name) {
            return fromAsterisk && event().equalsIgnoreCase(name);
        }

        /** The wire form: CRLF after each line and an empty line at the end. */
        public String wire() {
            StringBuilder sb = new StringBuilder();
            for (String l : lines) {
                sb.append(l).append("\r\n");
            }
            return sb.append("\r\n").toString();
        }

        /** A copy with each line rewritten (e.g. another ActionID or ticket). */
        public Message map(UnaryOperator<String> line) {
            return new Message(fromAsterisk, time, lines.stream().map(line).toList());
        }
    }

    private final List<Message> messages;
    private final String banner;

    private AmiTranscript(List<Message> messages, String banner) {
        this.messages = List.copyOf(messages);
        this.banner = banner;
    }

    public static AmiTranscript load(String resource) {
        try (InputStream in = AmiTranscript.class.getResourceAsStream("/transcripts/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AmiTranscript parse(String text) {
        List<Message> out = new ArrayList<>();
        String banner = "Asterisk Call Manager/11.0.0";
        boolean inStream = false;
        Boolean direction = null;
        double time = 0;
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!inStream) {
                inStream = line.trim().equals("full stream");
                continue;
            }
            if (line.startsWith("<<< [") || line.startsWith(">>> [")) {
                String stamp = line.substring(5, line.indexOf(']')).trim();
                if (line.contains("banner line")) {
                    int q = line.indexOf("b'");
                    banner = line.substring(q + 2, line.indexOf("\\r\\n", q));
                    continue;
                }
                direction = line.startsWith("<<<");
                time = Double.parseDouble(stamp);
                lines = new ArrayList<>();
                continue;
            }
            if (direction == null) {
                continue;
            }
            if (line.isEmpty() || line.startsWith("## ")) {
                if (!lines.isEmpty()) {
                    out.add(new Message(direction, time, lines));
                }
                direction = null;
                continue;
            }
            lines.add(line);
        }
        if (direction != null && !lines.isEmpty()) {
            out.add(new Message(direction, time, lines));
        }
        return new AmiTranscript(out, banner);
    }

    public List<Message> messages() {
        return messages;
    }

    public String banner() {
        return banner;
    }

    /** Events Asterisk sent on its own (no ActionID), in order. */
    public List<Message> unsolicitedEvents() {
        return messages.stream()
                .filter(m -> m.fromAsterisk()
                        && !m.event().isEmpty()
                        && m.header("ActionID").isEmpty())
                .toList();
    }

    /** The first recorded event of that name. */
    public Message event(String name) {
        return messages.stream()
                .filter(m -> m.isEvent(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + name + " event in the transcript"));
    }

    /** What Asterisk answered to the client's action with that ActionID (response, then events). */
    public List<Message> answerTo(String actionId) {
        return messages.stream()
                .filter(m -> m.fromAsterisk() && m.header("ActionID").orElse("").equals(actionId))
                .toList();
    }
}
