package io.hotline.actions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.engine.ActionRecord;
import io.hotline.engine.CallSnapshot;
import io.hotline.engine.PathStep;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON a call leaves behind: the ticket's context (what an agent's screen pop shows) and the
 * session's path and actions (what the console, replay and stats read). Written field by field
 * with Jackson's streaming generator: every call writes it twice, and binding records or maps by
 * reflection cost more CPU than the rest of the call's turns together. The keys, in this order,
 * are the stored format.
 *
 * <p>Thread-safe: stateless.
 */
final class CallJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ACCOUNT_KEYS = List.of("id", "status", "holder", "phone_masked", "login_locked");

    private CallJson() {
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** The ticket's context for an agent's screen pop. */
    static String context(CallSnapshot call, String category) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("category", category);
            g.writeStringField("caller", call.info().maskedAni());
            g.writeStringField("language", call.language());
            g.writeStringField("transport", call.info().transport());
            g.writeStringField("flow", call.flowId());
            g.writeNumberField("flow_version", call.flowVersion());
            g.writeObjectFieldStart("account");
            for (String k : ACCOUNT_KEYS) {
                String v = call.var("account." + k);
                if (!v.isEmpty()) {
                    g.writeStringField(k, v);
                }
            }
            g.writeEndObject();
            g.writeBooleanField("verified", "yes".equals(call.var("caller.verified")));
            g.writeStringField("verified_by", call.var("caller.verified_by"));
            g.writeStringField("identified_by", call.var("caller.identified_by"));
            g.writeArrayFieldStart("actions");
            for (ActionRecord a : call.actions()) {
                g.writeStartObject();
                g.writeStringField("name", a.name());
                g.writeStringField("outcome", a.outcome());
                g.writeStringField("reference", a.reference());
                g.writeStringField("at", a.at().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("records");
            for (ActionRecord a : call.actions()) {
                for (Map<String, Object> r : a.records()) {
                    g.writeObject(r);
                }
            }
            g.writeEndArray();
            g.writeFieldName("path");
            path(g, call.path());
            g.writeEndObject();
        });
    }

    /** The IVR path as stored in tickets and sessions: one object per node visited. */
    static String path(CallSnapshot call) {
        return write(g -> path(g, call.path()));
    }

    private static void path(JsonGenerator g, List<PathStep> path) throws IOException {
        g.writeStartArray();
        for (PathStep s : path) {
            g.writeStartObject();
            g.writeStringField("flow", s.flowId());
            g.writeStringField("node", s.nodeId());
            g.writeStringField("type", s.type());
            g.writeStringField("input", s.input());
            g.writeStringField("exit", s.exit());
            g.writeStringField("at", s.at().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The session's actions, with the variables each set (for replay). */
    static String actions(CallSnapshot call) {
        return write(g -> {
            g.writeStartArray();
            for (ActionRecord a : call.actions()) {
                g.writeStartObject();
                g.writeStringField("name", a.name());
                g.writeStringField("outcome", a.outcome());
                g.writeStringField("reference", a.reference());
                g.writeNumberField("millis", a.millis());
                g.writeStringField("at", a.at().toString());
                g.writeObjectFieldStart("variables");
                for (Map.Entry<String, String> v : a.variables().entrySet()) {
                    g.writeStringField(v.getKey(), v.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
