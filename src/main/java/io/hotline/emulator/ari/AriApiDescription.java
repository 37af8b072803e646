package io.hotline.emulator.ari;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asterisk's own ARI description (Swagger 1.1 files in {@code ari-api/} beside this class,
 * copied from Asterisk 22), used by {@link AriEmulator} to refuse any request Asterisk would
 * not know: an unknown method + path, a query parameter the operation does not declare, a
 * missing required one, a value outside its allowable values or of the wrong type, or a
 * body where the operation takes none.
 */
final class AriApiDescription {

    record Param(
            String name,
            String paramType,
            boolean required,
            boolean allowMultiple,
            String dataType,
            JsonObject allowableValues) {}

    record Operation(String method, String path, Pattern pattern, int literalSegments, List<Param> params) {}

    private final List<Operation> operations;

    private AriApiDescription(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    /** Loads every API file that {@code resources.json} lists. */
    static AriApiDescription load() {
        JsonObject index = read("ari-api/resources.json");
        List<Operation> ops = new ArrayList<>();
        for (Object o : index.getJsonArray("apis")) {
            String path = ((JsonObject) o).getString("path"); // /api-docs/channels.{format}
            String file = path.substring(path.lastIndexOf('/') + 1).replace(".{format}", ".json");
            JsonObject api = read("ari-api/" + file);
            for (Object a : api.getJsonArray("apis", new JsonArray())) {
                JsonObject entry = (JsonObject) a;
                for (Object op : entry.getJsonArray("operations", new JsonArray())) {
                    ops.add(operation(entry.getString("path"), (JsonObject) op));
                }
            }
        }
        return new AriApiDescription(ops);
    }

    int size() {
        return operations.size();
    }

    /**
     * Checks one request. {@code path} is the path after {@code /ari}, undecoded query
     * already split into {@code query}. Returns what is wrong, or empty when Asterisk
     * would accept the request's shape.
     */
    Optional<String> check(String method, String path, MultiMap query, boolean hasBody) {
        Operation op = find(method, path).orElse(null);
        if (op == null) {
            return Optional.of("no operation " + method + " " + path + " in the ARI description");
        }
        for (String name : query.names()) {
            Param p = op.params().stream()
                    .filter(x -> x.name().equals(name) && x.paramType().equals("query"))
                    .findFirst()
                    .orElse(null);
            if (p == null) {
                return Optional.of(method + " " + op.path() + ": query parameter '" + name + "' is not allowed");
            }
            List<String> values = query.getAll(name);
            if (values.size() > 1 && !p.allowMultiple()) {
                return Optional.of(method + " " + op.path() + ": '" + name + "' given more than once");
            }
            for (String raw : values) {
                for (String v : p.allowMultiple() ? List.of(raw.split(",")) : List.of(raw)) {
                    Optional<String> bad = checkValue(p, v);
                    if (bad.isPresent()) {
                        return Optional.of(method + " " + op.path() + ": " + bad.get());
                    }
                }
            }
        }
        for (Param p : op.params()) {
            if (p.paramType().equals("query") && p.required() && !query.contains(p.name())) {
                return Optional.of(method + " " + op.path() + ": required query parameter '" + p.name() + "' missing");
            }
        }
        boolean takesBody = op.params().stream().anyMatch(p -> p.paramType().equals("body"));
        if (hasBody && !takesBody) {
            return Optional.of(method + " " + op.path() + ": takes no body");
        }
        return Optional.empty();
    }

    /** The operation a request addresses; literal segments win over {@code {placeholders}}. */
    Optional<Operation> find(String method, String path) {
        return operations.stream()
                .filter(o ->
                        o.method().equals(method) && o.pattern().matcher(path).matches())
                .max((a, b) -> Integer.compare(a.literalSegments(), b.literalSegments()));
    }

    private static Optional<String> checkValue(Param p, String v) {
        switch (p.dataType()) {
            case "int", "long" -> {
                try {
                    long n = Long.parseLong(v);
                    JsonObject av = p.allowableValues();
                    if (av != null
                            && "RANGE".equals(av.getString("valueType"))
                            && av.containsKey("min")
                            && n < av.getLong("min")) {
                        return Optional.of("'" + p.name() + "' below its minimum: " + v);
                    }
                } catch (NumberFormatException e) {
                    return Optional.of("'" + p.name() + "' must be a whole number, got '" + v + "'");
                }
            }
            case "boolean" -> {
                if (!v.equals("true") && !v.equals("false")) {
                    return Optional.of("'" + p.name() + "' must be true or false, got '" + v + "'");
                }
            }
            default -> {}
        }
        JsonObject av = p.allowableValues();
        if (av != null
                && "LIST".equals(av.getString("valueType"))
                && !av.getJsonArray("values").contains(v)) {
            return Optional.of("'" + p.name() + "' = '" + v + "' is not one of " + av.getJsonArray("values"));
        }
        return Optional.empty();
    }

    private static Operation operation(String path, JsonObject op) {
        List<Param> params = new ArrayList<>();
        for (Object o : op.getJsonArray("parameters", new JsonArray())) {
            JsonObject p = (JsonObject) o;
            String dataType = p.getString("dataType", "string");
            if (dataType.startsWith("List[")) {
                dataType = dataType.substring(5, dataType.length() - 1);
            }
            params.add(new Param(
                    p.getString("name"),
                    p.getString("paramType"),
                    p.getBoolean("required", false),
                    p.getBoolean("allowMultiple", false),
                    dataType,
                    p.getJsonObject("allowableValues")));
        }
        StringBuilder regex = new StringBuilder();
        int literal = 0;
        Matcher m = Pattern.compile("\\{[^}]+}").matcher(path);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        for (String seg : path.split("/")) {
            if (!seg.isEmpty() && !seg.startsWith("{")) {
                literal++;
            }
        }
        return new Operation(op.getString("httpMethod"), path, Pattern.compile(regex.toString()), literal, params);
    }

    private static JsonObject read(String resource) {
        try (InputStream in = AriApiDescription.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " beside " + AriApiDescription.class);
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
