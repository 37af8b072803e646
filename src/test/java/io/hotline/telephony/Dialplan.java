package io.hotline.telephony;

import io.hotline.emulator.agi.AgiResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one extension of the shipped dialplan ({@code docker/asterisk/extensions.conf}) far
 * enough to tell where the caller goes once Hotline's part of the call is over: the fakes
 * report the queue the real dialplan would pick, so a fake-tier test sees a wrong queue
 * the way a caller would.
 *
 * <p>Understands what the hotline extensions use: {@code NoOp}, {@code Answer},
 * {@code Set(VAR=value)}, {@code AGI(...)} / {@code Stasis(...)} (where the given outcome
 * is applied: its variables are set), {@code GotoIf($[cond]?label)} with comparisons
 * {@code "${VAR}" = "x"} / {@code !=} joined by {@code |} or {@code &}, {@code Goto} and
 * {@code Hangup}. A {@code Goto} to the {@code queues} context ends the run in that queue.
 */
public final class Dialplan {
    private static final Path FILE = Path.of("docker/asterisk/extensions.conf");
    private static final Pattern LINE = Pattern.compile("^\\s*(?:exten\\s*=>\\s*([^,]+),\\s*1|same\\s*=>\\s*n)"
            + "(?:\\(([A-Za-z0-9_-]+)\\))?\\s*,\\s*([A-Za-z]+)\\((.*)\\)\\s*$");
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z0-9_()]+)}");
    private static final Pattern COMPARISON = Pattern.compile("\\s*\"([^\"]*)\"\\s*(!=|=)\\s*\"([^\"]*)\"\\s*");

    private record Step(String label, String app, String args) {}

    private final Map<String, String> globals;
    private final Map<String, List<Step>> extensions;

    private Dialplan(Map<String, String> globals, Map<String, List<Step>> extensions) {
        this.globals = globals;
        this.extensions = extensions;
    }

    /** The shipped dialplan. */
    public static Dialplan shipped() {
        try {
            return parse(Files.readAllLines(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where the shipped dialplan ({@code [hotline]} extension 100) sends the caller after this AGI session, from
     * {@code AGISTATUS} and the variables Hotline set; empty when it hangs up or the caller is gone.
     */
    public static Optional<String> queueAfterAgi(AgiResult session) {
        if (session.ending() == AgiResult.Ending.CALLER_HUNG_UP) {
            return Optional.empty(); // AGI() returns -1 on a hung-up channel: the dialplan stops
        }
        Map<String, String> outcome = new HashMap<>(session.variables());
        outcome.put("AGISTATUS", session.agiStatus());
        return shipped().queueAfter("hotline", "100", outcome);
    }

    static Dialplan parse(List<String> lines) {
        Map<String, String> globals = new HashMap<>();
        Map<String, List<Step>> extensions = new LinkedHashMap<>();
        String context = "";
        List<Step> current = null;
        for (String raw : lines) {
            String line = raw.replaceFirst("\\s;.*$", "").replaceFirst("^;.*$", "");
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("[")) {
                context = line.substring(1, line.indexOf(']'));
                continue;
            }
            if (context.equals("globals") && line.contains("=")) {
                globals.put(
                        line.substring(0, line.indexOf('=')).strip(),
                        line.substring(line.indexOf('=') + 1).strip());
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1) != null) {
                current = new ArrayList<>();
                extensions.put(context + "," + m.group(1).strip(), current);
            }
            if (current != null) {
                current.add(new Step(m.group(2), m.group(3), m.group(4)));
            }
        }
        return new Dialplan(globals, extensions);
    }

    /**
     * Where a caller of {@code context,exten} goes: the queue (an extension of {@code [queues]}),
     * or empty when the dialplan hangs up.
     *
     * @param outcome the channel variables Hotline's application left when it returned
     *                (e.g. {@code AGISTATUS=FAILURE}, {@code HOTLINE_QUEUE=fraud})
     */
    public Optional<String> queueAfter(String context, String exten, Map<String, String> outcome) {
        List<Step> steps = extensions.get(context + "," + exten);
        if (steps == null) {
            throw new IllegalArgumentException("no extension " + exten + " in [" + context + "]");
        }
        Map<String, String> vars = new HashMap<>(globals);
        for (int i = 0, guard = 0; i < steps.size() && guard < 100; i++, guard++) {
            Step s = steps.get(i);
            switch (s.app()) {
                case "AGI", "Stasis" -> vars.putAll(outcome);
                case "Set" -> {
                    int eq = s.args().indexOf('=');
                    String name = s.args().substring(0, eq).replaceFirst("^_{1,2}", "");
                    vars.put(name, expand(s.args().substring(eq + 1), vars));
                }
                case "Hangup" -> {
                    return Optional.empty();
                }
                case "Goto" -> {
                    return target(expand(s.args(), vars), outcome).orElseThrow();
                }
                case "GotoIf" -> {
                    int q = s.args().lastIndexOf('?');
                    String cond = s.args().substring(0, q);
                    String dest = s.args().substring(q + 1);
                    if (truth(cond, vars)) {
                        Optional<Optional<String>> t = target(expand(dest, vars), outcome);
                        if (t.isPresent()) {
                            return t.get();
                        }
                        i = labelIndex(steps, dest) - 1;
                    }
                }
                default -> {
                    // NoOp, Answer, Verbose ...: nothing that routes
                }
            }
        }
        throw new IllegalStateException("the dialplan of " + exten + "@" + context + " ran off its end");
    }

    /** A destination outside this extension: the queue it names (present), else empty to jump to a label. */
    private Optional<Optional<String>> target(String dest, Map<String, String> outcome) {
        String[] parts = dest.split(",");
        if (parts.length == 3 && parts[0].equals("queues")) {
            return Optional.of(Optional.of(parts[1]));
        }
        if (parts.length == 3) {
            return Optional.of(queueAfter(parts[0], parts[1], outcome));
        }
        if (parts.length == 2 && parts[0].equals("queues")) {
            return Optional.of(Optional.of(parts[1]));
        }
        return Optional.empty();
    }

    private static int labelIndex(List<Step> steps, String label) {
        for (int i = 0; i < steps.size(); i++) {
            if (label.equals(steps.get(i).label())) {
                return i;
            }
        }
        throw new IllegalArgumentException("no label " + label);
    }

    private static boolean truth(String cond, Map<String, String> vars) {
        String body = cond.strip();
        if (!body.startsWith("$[") || !body.endsWith("]")) {
            throw new IllegalArgumentException("not an expression: " + cond);
        }
        body = expand(body.substring(2, body.length() - 1), vars);
        for (String alternative : body.split("\\|")) {
            boolean all = true;
            for (String term : alternative.split("&")) {
                Matcher m = COMPARISON.matcher(term);
                if (!m.matches()) {
                    throw new IllegalArgumentException("cannot evaluate '" + term + "' in " + cond);
                }
                boolean equal = m.group(1).equals(m.group(3));
                all &= m.group(2).equals("=") == equal;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static String expand(String text, Map<String, String> vars) {
        Matcher m = VAR.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(b).toString();
    }
}
