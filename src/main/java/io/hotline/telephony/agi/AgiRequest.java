package io.hotline.telephony.agi;

import io.hotline.call.CallInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code agi_} block Asterisk sends when it connects: {@code agi_name: value} lines
 * ended by an empty line (22 variables on Asterisk 22, plus {@code agi_arg_N} for
 * arguments given in the dialplan).
 *
 * @param variables every {@code agi_*} line, in order, names without the {@code agi_} prefix
 */
record AgiRequest(Map<String, String> variables) {

    /** Asterisk 22 sends 22 lines; a block far longer than that is not Asterisk. */
    static final int MAX_LINES = 200;

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    AgiRequest {
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * Parses the block's lines (without the closing empty line).
     *
     * @throws AgiProtocolException when a line is not {@code agi_name: value} or the block
     *                              names no script
     */
    static AgiRequest parse(List<String> lines) {
        if (lines.isEmpty()) {
            throw new AgiProtocolException("empty agi_ block");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (!line.startsWith("agi_")
                    || colon <= 4
                    || !NAME.matcher(line).region(4, colon).matches()) {
                throw new AgiProtocolException("not an agi_ variable line: " + printable(line));
            }
            // Asterisk writes "agi_accountcode: " with the space even when the value is empty
            String value = line.substring(colon + 1);
            vars.put(line.substring(4, colon), value.startsWith(" ") ? value.substring(1) : value);
        }
        if (!vars.containsKey("network_script") && !vars.containsKey("request")) {
            throw new AgiProtocolException("agi_ block without agi_network_script or agi_request");
        }
        return new AgiRequest(vars);
    }

    String get(String name) {
        return variables.getOrDefault(name, "");
    }

    /**
     * The script part of {@code agi://host:port/<script>?query}, which names the flow:
     * from {@code agi_network_script}, else from the path of {@code agi_request}.
     */
    String flowId() {
        String script = variables.get("network_script");
        if (script == null) {
            String url = get("request");
            int slash = url.indexOf('/', url.indexOf("://") + 3);
            script = slash < 0 ? "" : url.substring(slash + 1);
        }
        int q = script.indexOf('?');
        String path = q < 0 ? script : script.substring(0, q);
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path;
    }

    /** The query string's parameters ({@code agi://h/main?lang=en&x=1}), decoded; first value wins. */
    Map<String, String> query() {
        String script = variables.containsKey("network_script") ? get("network_script") : get("request");
        int q = script.indexOf('?');
        Map<String, String> out = new LinkedHashMap<>();
        if (q < 0) {
            return out;
        }
        for (String pair : script.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** {@code agi_arg_1}, {@code agi_arg_2}, ... in order. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        for (int i = 1; variables.containsKey("arg_" + i); i++) {
            args.add(variables.get("arg_" + i));
        }
        return args;
    }

    /**
     * What the engine needs to know. The caller's number comes from {@code agi_callerid}
     * ({@code unknown} when withheld becomes empty), the language from {@code agi_language},
     * the call id from {@code agi_uniqueid}.
     */
    CallInfo toCallInfo(String fallbackId) {
        Map<String, String> extra = new LinkedHashMap<>();
        putIfPresent(extra, "channel", get("channel"));
        putIfPresent(extra, "context", get("context"));
        putIfPresent(extra, "extension", get("extension"));
        putIfPresent(extra, "callerName", known(get("calleridname")));
        putIfPresent(extra, "asterisk", get("version"));
        query().forEach((k, v) -> extra.put("query." + k, v));
        List<String> args = arguments();
        for (int i = 0; i < args.size(); i++) {
            extra.put("arg." + (i + 1), args.get(i));
        }
        String id = get("uniqueid").isBlank() ? fallbackId : get("uniqueid");
        String dialed = known(get("dnid"));
        if (dialed.isEmpty()) {
            dialed = get("extension");
        }
        return new CallInfo(id, known(get("callerid")), dialed, get("language"), flowId(), "agi", extra);
    }

    private static String known(String v) {
        return "unknown".equals(v) ? "" : v;
    }

    private static void putIfPresent(Map<String, String> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** A line for a log message: cut short, control characters shown as {@code ?}. */
    static String printable(String line) {
        String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        // the line may be a reply carrying the caller's PIN or number, or an agi_callerid: mask digits
        return io.hotline.call.Masking.text(cut.replaceAll("\\p{Cntrl}", "?"), true);
    }
}
