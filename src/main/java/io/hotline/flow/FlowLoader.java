package io.hotline.flow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads a flows directory: every {@code *.yaml} directly in it (subdirectories such as
 * {@code tests/} are not flows), one flow per file, the file name being the flow id. Parses
 * each file, checks the whole set with the {@link ActionCatalog}, and gives a {@link FlowSet}
 * only when nothing is wrong. Never stops at the first problem and never throws for a bad
 * file: everything wrong comes back as a {@link Problem} with file and line.
 *
 * <p>{@code calendar.yaml} is not a flow: it is the set's {@link Calendar}, read and checked with the flows
 * (the flows' {@code hours} nodes and queues against it), hashed, stored and published with them.
 *
 * <p>Stateless and thread-safe. {@link #load(String, SortedMap, ActionCatalog)} loads file
 * contents held elsewhere (a stored version, an upload) exactly like a directory.
 */
public final class FlowLoader {
    static final String EXTENSION = ".yaml";

    /**
     * Loads the flows in {@code dir}. Problems name files as {@code dir.resolve(name)}, i.e. as
     * the user typed the directory.
     */
    public LoadResult load(Path dir, ActionCatalog catalog) {
        String label = dir.toString();
        if (!Files.isDirectory(dir)) {
            return failed(label, Files.exists(dir) ? "not a directory" : "no such directory");
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<Problem> unreadable = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // editor swap and lock files
                }
                if (name.endsWith(".yml")) {
                    unreadable.add(new Problem(
                            new Source(fileLabel(label, name), 0),
                            null,
                            "flow files must end in " + EXTENSION + " (this one is not loaded)"));
                } else if (name.endsWith(EXTENSION)) {
                    try {
                        files.put(name, Files.readAllBytes(p));
                    } catch (IOException e) {
                        unreadable.add(new Problem(
                                new Source(fileLabel(label, name), 0), null, "cannot read: " + e.getMessage()));
                    }
                }
            }
        } catch (IOException e) {
            return failed(label, "cannot list the directory: " + e.getMessage());
        }
        LoadResult r = load(label, files, catalog);
        if (unreadable.isEmpty()) {
            return r;
        }
        List<Problem> all = new ArrayList<>(r.problems());
        all.addAll(unreadable);
        return new LoadResult(Optional.empty(), all.stream().sorted().toList(), r.files());
    }

    /**
     * Loads flow files given by name ({@code main.yaml}) and bytes.
     *
     * @param dirLabel how problems name the directory, e.g. {@code ivr-flows}; "" for bare names
     */
    public LoadResult load(String dirLabel, SortedMap<String, byte[]> files, ActionCatalog catalog) {
        if (files.isEmpty()) {
            return failed(dirLabel, "no flow files (*" + EXTENSION + ") here");
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, ParsedFlow> parsed = new LinkedHashMap<>();
        Calendar calendar = Calendar.NONE;
        boolean calendarBroken = false;
        byte[] calendarFile = files.get(Calendar.FILE);
        if (calendarFile != null) {
            ProblemSink sink = new ProblemSink(fileLabel(dirLabel, Calendar.FILE));
            String text = decode(calendarFile, sink);
            Calendar c = text == null ? null : CalendarParser.parse(text, sink);
            problems.addAll(sink.problems());
            calendarBroken = c == null;
            calendar = c == null ? Calendar.NONE : c;
        }
        files.forEach((name, bytes) -> {
            if (name.equals(Calendar.FILE)) {
                return; // the calendar, read above
            }
            String flowId = name.substring(0, name.length() - EXTENSION.length());
            ProblemSink sink = new ProblemSink(fileLabel(dirLabel, name));
            String text = decode(bytes, sink);
            parsed.put(
                    flowId,
                    text == null
                            ? new ParsedFlow(flowId, sink.file(), false, null, 1, Map.of(), null)
                            : FlowParser.parse(flowId, text, sink));
            problems.addAll(sink.problems());
        });
        if (parsed.isEmpty()) {
            problems.add(new Problem(new Source(dirLabel, 0), null, "no flow files (*" + EXTENSION + ") here"));
        }
        problems.addAll(FlowChecker.check(parsed, catalog, calendarBroken ? null : calendar));
        if (!problems.isEmpty()) {
            return new LoadResult(Optional.empty(), problems.stream().sorted().toList(), files.size());
        }
        Map<String, Flow> flows = new LinkedHashMap<>();
        parsed.forEach((id, p) -> flows.put(id, p.flow()));
        return new LoadResult(Optional.of(new FlowSet(0, hash(files), flows, calendar)), List.of(), files.size());
    }

    /** SHA-256 over each file's name, length and bytes, in name order; hex. */
    static String hash(SortedMap<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
                sha.update(bytes);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String decode(byte[] bytes, ProblemSink sink) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            sink.add(0, null, "not UTF-8 text");
            return null;
        }
    }

    static String fileLabel(String dirLabel, String name) {
        if (dirLabel.isEmpty()) {
            return name;
        }
        return dirLabel.endsWith("/") ? dirLabel + name : dirLabel + "/" + name;
    }

    private static LoadResult failed(String label, String message) {
        return new LoadResult(Optional.empty(), List.of(new Problem(new Source(label, 0), null, message)), 0);
    }
}
