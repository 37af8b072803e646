package io.hotline.actions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.engine.ActionRecord;
import io.hotline.engine.CallSnapshot;
import io.hotline.engine.Finding;
import io.hotline.engine.PathStep;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
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

    private CallJson() {}

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
            if (!call.var("hours.contact_after").isEmpty()) {
                // the queue was closed: nobody took the call, an agent contacts the caller once it opens
                g.writeObjectFieldStart("closed");
                g.writeStringField("queue", call.var("hours.queue"));
                g.writeStringField("state", call.var("hours.state"));
                g.writeStringField("because", call.var("hours.because"));
                g.writeStringField("contact_after", call.var("hours.contact_after"));
                g.writeEndObject();
            }
            g.writeArrayFieldStart("actions");
            for (ActionRecord a : call.actions()) {
                g.writeStartObject();
                g.writeStringField("name", a.name());
                g.writeStringField("outcome", a.outcome());
                g.writeStringField("reference", a.reference());
                writeInstant(g, "at", a.at());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("records");
            for (ActionRecord a : call.actions()) {
                for (Finding r : a.records()) {
                    record(g, r);
                }
            }
            g.writeEndArray();
            g.writeFieldName("path");
            path(g, call.path());
            g.writeEndObject();
        });
    }

    /** One record an action referred to, with {@code type} first (the console reads these fields). */
    private static void record(JsonGenerator g, Finding finding) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", finding.type());
        switch (finding) {
            case ActionFinding.FailedRecharge r -> {
                g.writeStringField("reference", r.reference());
                g.writeNumberField("amount_fen", r.amountFen());
                g.writeStringField("at", r.at().toString());
                g.writeStringField("channel", r.channel());
                g.writeStringField("reason", r.reason());
            }
            case ActionFinding.RecentTransaction t -> {
                g.writeStringField("reference", t.reference());
                g.writeStringField("at", t.at().toString());
                g.writeNumberField("amount_fen", t.amountFen());
                g.writeStringField("kind", t.kind());
                g.writeStringField("counterparty", t.counterparty());
            }
            case ActionFinding.AccountFrozen f -> {
                g.writeStringField("reference", f.reference());
                g.writeStringField("at", f.at().toString());
                g.writeBooleanField("already_frozen", f.alreadyFrozen());
            }
            case ActionFinding.AccountIdentified a -> {
                g.writeNumberField("id", a.id());
                g.writeStringField("status", a.status());
            }
            case ActionFinding.ResetCodeSms s -> {
                g.writeStringField("sent_to", s.sentTo());
                g.writeStringField("sms", s.accepted() ? "accepted" : "not_sent");
            }
            case ActionFinding.LoginUnlocked u -> g.writeBooleanField("was_locked", u.wasLocked());
            case ActionFinding.TicketOpened t -> {
                g.writeStringField("reference", t.reference());
                g.writeStringField("category", t.category());
            }
            case ActionFinding.OutgoingTransferRead t -> {
                g.writeStringField("reference", t.reference());
                g.writeStringField("kind", t.kind());
                g.writeNumberField("amount_fen", t.amountFen());
                g.writeNumberField("fee_fen", t.feeFen());
                g.writeStringField("destination", t.destination());
                g.writeStringField("at", t.at().toString());
                g.writeStringField("state", t.state());
                g.writeStringField("expected_by", t.expectedBy().toString());
                if (t.settledAt() != null) {
                    g.writeStringField("settled_at", t.settledAt().toString());
                }
                if (t.reason() != null) {
                    g.writeStringField("reason", t.reason());
                }
                g.writeBooleanField("overdue", t.overdue());
            }
            case ActionFinding.ComplaintOpened c -> complaint(g, c);
            default -> {} // a kind of another part: its type alone
        }
        g.writeEndObject();
    }

    /** A complaint's fields (also written into the ticket by {@code open_complaint} itself, the same way). */
    static void complaint(JsonGenerator g, ActionFinding.ComplaintOpened c) throws IOException {
        g.writeStringField("reference", c.reference());
        g.writeStringField("topic", c.topic());
        if (c.transaction() != null) {
            g.writeStringField("transaction", c.transaction());
        }
        g.writeBooleanField("voice_message", c.voiceMessage());
        if (c.dueAt() != null) {
            g.writeStringField("due_at", c.dueAt().toString());
        }
        g.writeStringField("sms_to", c.smsTo());
    }

    /** A complaint as a JSON object with its {@code type}, for {@link io.hotline.tickets.Tickets#promise}. */
    static String complaintJson(ActionFinding.ComplaintOpened c) {
        try (var w = new java.io.StringWriter();
                JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("type", c.type());
            complaint(g, c);
            g.writeEndObject();
            g.flush();
            return w.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The latest instant written with four-digit years; later ones go through {@link Instant#toString()}. */
    private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    /**
     * Writes {@code at} exactly as {@link Instant#toString()} would (ISO-8601, UTC, fraction in groups of three
     * digits and none when zero) without the formatter's cost: a call writes one per node it visited.
     */
    static void writeInstant(JsonGenerator g, String field, Instant at) throws IOException {
        long seconds = at.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FOUR_DIGIT_SECOND) {
            g.writeStringField(field, at.toString());
            return;
        }
        char[] b = new char[30];
        LocalDate day = LocalDate.ofEpochDay(seconds / 86_400);
        int ofDay = (int) (seconds % 86_400);
        digits(b, 0, day.getYear(), 4);
        b[4] = '-';
        digits(b, 5, day.getMonthValue(), 2);
        b[7] = '-';
        digits(b, 8, day.getDayOfMonth(), 2);
        b[10] = 'T';
        digits(b, 11, ofDay / 3600, 2);
        b[13] = ':';
        digits(b, 14, ofDay / 60 % 60, 2);
        b[16] = ':';
        digits(b, 17, ofDay % 60, 2);
        int n = 19;
        int nanos = at.getNano();
        if (nanos != 0) {
            b[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(b, n, nanos / 1_000_000, 3);
                n += 3;
            } else if (nanos % 1_000 == 0) {
                digits(b, n, nanos / 1_000, 6);
                n += 6;
            } else {
                digits(b, n, nanos, 9);
                n += 9;
            }
        }
        b[n++] = 'Z';
        g.writeFieldName(field);
        g.writeString(b, 0, n);
    }

    private static void digits(char[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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
            writeInstant(g, "at", s.at());
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
                writeInstant(g, "at", a.at());
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
