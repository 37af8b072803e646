package io.hotline.console;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * A request's JSON body, read field by field. Every problem is a {@link BadField} naming the field, which
 * the API answers with 400 ({@code {"error": ..., "field": ...}}) before anything is done: a field that is
 * missing when required, {@code null}, or of the wrong type (a number as text, text as a number, an
 * object, a fraction where a whole number belongs). A field that may be left out may not be {@code null}
 * either: leave it out. Fields a route does not know are ignored.
 */
final class JsonBody {
    private final JsonObject json;

    private JsonBody(JsonObject json) {
        this.json = json;
    }

    /** A field that is missing, null or of the wrong type; {@link #field} names it ({@code body} for the whole). */
    static final class BadField extends RuntimeException {
        final String field;

        BadField(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** The body as a JSON object; an empty body is an empty object, anything else is a {@link BadField}. */
    static JsonBody of(RoutingContext ctx) {
        String text = ctx.body() == null || ctx.body().buffer() == null
                ? ""
                : ctx.body().asString();
        if (text == null || text.isBlank()) {
            return new JsonBody(new JsonObject());
        }
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new BadField("body", "body: the request body must be a JSON object");
        }
        if (!(parsed instanceof JsonObject o)) {
            throw new BadField("body", "body: the request body must be a JSON object");
        }
        return new JsonBody(o);
    }

    /** A text field that must be there. */
    String text(String field) {
        return optionalText(field).orElseThrow(() -> new BadField(field, field + " is missing"));
    }

    /** A text field that may be left out. */
    Optional<String> optionalText(String field) {
        if (!json.containsKey(field)) {
            return Optional.empty();
        }
        Object v = json.getValue(field);
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw new BadField(field, field + " must be text, not " + kind(v));
    }

    /** A true/false field that may be left out (then false). */
    boolean flag(String field) {
        if (!json.containsKey(field)) {
            return false;
        }
        if (json.getValue(field) instanceof Boolean b) {
            return b;
        }
        throw new BadField(field, field + " must be true or false, not " + kind(json.getValue(field)));
    }

    /** A whole-number field that must be there. */
    long whole(String field) {
        return optionalWhole(field).orElseThrow(() -> new BadField(field, field + " is missing"));
    }

    /** A whole-number field that may be left out. */
    Optional<Long> optionalWhole(String field) {
        if (!json.containsKey(field)) {
            return Optional.empty();
        }
        Object v = json.getValue(field);
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return Optional.of(((Number) v).longValue());
        }
        throw new BadField(field, field + " must be a whole number, not " + kind(v));
    }

    /** An object field that must be there. */
    io.vertx.core.json.JsonObject object(String field) {
        if (!json.containsKey(field)) {
            throw new BadField(field, field + " is missing");
        }
        if (json.getValue(field) instanceof JsonObject o) {
            return o;
        }
        throw new BadField(field, field + " must be an object, not " + kind(json.getValue(field)));
    }

    /** A list field that may be left out. */
    Optional<io.vertx.core.json.JsonArray> optionalArray(String field) {
        if (!json.containsKey(field)) {
            return Optional.empty();
        }
        if (json.getValue(field) instanceof io.vertx.core.json.JsonArray a) {
            return Optional.of(a);
        }
        throw new BadField(field, field + " must be a list, not " + kind(json.getValue(field)));
    }

    private static String kind(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "text";
            case Boolean b -> "true/false";
            case Number n -> "a number out of range or with a fraction";
            case JsonObject o -> "an object";
            case io.vertx.core.json.JsonArray a -> "a list";
            default -> "a " + v.getClass().getSimpleName();
        };
    }
}
