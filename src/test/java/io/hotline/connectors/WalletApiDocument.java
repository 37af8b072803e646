package io.hotline.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docs/wallet-api.yaml} as a checker: finds the operation of a request by method and path, and checks its
 * path, query and header parameters, its body and the answer's body against the document's schemas (JSON Schema
 * 2020-12, formats asserted). What the test server uses so the adapter and the document cannot drift.
 */
final class WalletApiDocument {
    static final Path FILE = Path.of("docs/wallet-api.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation of the document. */
    record Operation(String id, String method, String template, Pattern path, List<String> pathNames, JsonNode node) {}

    /** A request matched to its operation, with its path parameters. */
    record Match(Operation operation, Map<String, String> pathParams) {}

    /** A problem with a request or answer, naming the field. */
    record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final JsonNode doc;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Schema> schemas = new LinkedHashMap<>();
    private final SchemaRegistry registry = SchemaRegistry.withDialect(
            Dialects.getDraft202012(),
            b -> b.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final ObjectNode defs;

    WalletApiDocument() {
        try {
            doc = new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the component schemas as one JSON Schema document: {"$defs": ..., "$ref": "#/$defs/X"}
        String text = doc.path("components").path("schemas").toString().replace("#/components/schemas/", "#/$defs/");
        try {
            defs = (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(path.getKey().substring(last, m.start())))
                        .append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(path.getKey().substring(last)));
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                operations.add(new Operation(
                        op.getValue().path("operationId").asText(),
                        op.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(),
                        Pattern.compile(regex.toString()),
                        names,
                        op.getValue()));
            }
        }
    }

    /** Every operation id of the document. */
    List<String> operationIds() {
        return operations.stream().map(Operation::id).toList();
    }

    /** The operation this method and path (without the base path) name, if any. */
    Optional<Match> match(String method, String path) {
        for (Operation op : operations) {
            Matcher m = op.path().matcher(path);
            if (m.matches() && op.method().equals(method)) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < op.pathNames().size(); i++) {
                    params.put(op.pathNames().get(i), m.group(i + 1));
                }
                return Optional.of(new Match(op, params));
            }
        }
        return Optional.empty();
    }

    /** The problems of a request to {@code match}'s operation: parameters, headers, body. */
    List<Problem> checkRequest(Match match, Map<String, String> query, Map<String, String> headers, String body) {
        List<Problem> out = new ArrayList<>();
        JsonNode op = match.operation().node();
        List<String> knownQuery = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode param = resolve(p);
            String name = param.path("name").asText();
            String in = param.path("in").asText();
            String value = switch (in) {
                case "path" -> match.pathParams().get(name);
                case "query" -> {
                    knownQuery.add(name);
                    yield query.get(name);
                }
                case "header" -> headers.get(name.toLowerCase(java.util.Locale.ROOT));
                default -> null;
            };
            if (value == null) {
                if (param.path("required").asBoolean(false)) {
                    out.add(new Problem(name, "required " + in + " parameter missing"));
                }
                continue;
            }
            JsonNode schema = param.path("schema");
            JsonNode typed = typed(value, schema.path("type").asText("string"));
            if (typed == null) {
                out.add(new Problem(
                        name, "'" + value + "' is not a " + schema.path("type").asText()));
                continue;
            }
            validate(inline(schema), typed, name, out);
        }
        for (String q : query.keySet()) {
            if (!knownQuery.contains(q)) {
                out.add(new Problem(q, "query parameter not in the document"));
            }
        }
        String auth = headers.get("authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 8) {
            out.add(new Problem("Authorization", "no bearer token"));
        }
        JsonNode requestBody = op.path("requestBody");
        if (requestBody.isMissingNode()) {
            if (body != null && !body.isEmpty()) {
                out.add(new Problem("body", "this operation takes no body"));
            }
        } else {
            String type = headers.getOrDefault("content-type", "");
            if (!type.startsWith("application/json")) {
                out.add(new Problem("Content-Type", "must be application/json, got '" + type + "'"));
            }
            JsonNode parsed = parse(body);
            if (parsed == null) {
                out.add(new Problem("body", "not JSON"));
            } else {
                validate(
                        ref(requestBody.path("content").path("application/json").path("schema")), parsed, "body", out);
            }
        }
        return out;
    }

    /** The problems of an answer with {@code status} and {@code body} to {@code match}'s operation. */
    List<Problem> checkResponse(Match match, int status, String body) {
        List<Problem> out = new ArrayList<>();
        JsonNode responses = match.operation().node().path("responses");
        JsonNode r = responses.has(Integer.toString(status))
                ? responses.path(Integer.toString(status))
                : responses.path("default");
        if (r.isMissingNode()) {
            out.add(new Problem(
                    "status",
                    status + " is not an answer of " + match.operation().id()));
            return out;
        }
        r = resolve(r);
        JsonNode schema = r.path("content").path("application/json").path("schema");
        if (!schema.isMissingNode()) {
            JsonNode parsed = parse(body);
            if (parsed == null) {
                out.add(new Problem("response", "not JSON"));
            } else {
                validate(ref(schema), parsed, "response", out);
            }
        }
        return out;
    }

    private void validate(Schema schema, JsonNode value, String field, List<Problem> out) {
        for (Error m : schema.validate(value.toString(), InputFormat.JSON)) {
            String where = m.getInstanceLocation() == null
                    ? ""
                    : m.getInstanceLocation().toString();
            String name = where.startsWith("$.")
                    ? where.substring(2)
                    : where.startsWith("/") && where.length() > 1 ? where.substring(1) : field;
            if (m.getProperty() != null
                    && ("required".equals(m.getKeyword()) || "additionalProperties".equals(m.getKeyword()))) {
                name = m.getProperty();
            }
            out.add(new Problem(name, m.getMessage()));
        }
    }

    private Schema ref(JsonNode schemaRef) {
        String ref = schemaRef.path("$ref").asText();
        return schemas.computeIfAbsent(ref, r -> {
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            s.set("$defs", defs);
            s.put("$ref", r.replace("#/components/schemas/", "#/$defs/"));
            return registry.getSchema(s.toString(), InputFormat.JSON);
        });
    }

    private Schema inline(JsonNode schema) {
        return schemas.computeIfAbsent(
                "inline:" + schema, k -> registry.getSchema(schema.toString(), InputFormat.JSON));
    }

    /** A {@code $ref} to {@code #/components/...} resolved in the document. */
    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? doc.at(ref.substring(1)) : node;
    }

    private static JsonNode typed(String value, String type) {
        return switch (type) {
            case "integer" -> {
                try {
                    yield JsonNodeFactory.instance.numberNode(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case "boolean" ->
                value.equals("true") || value.equals("false")
                        ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value))
                        : null;
            default -> JsonNodeFactory.instance.textNode(value);
        };
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
