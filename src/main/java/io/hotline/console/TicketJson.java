package io.hotline.console;

import io.hotline.tickets.PopStore;
import io.hotline.tickets.TicketWork;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The console's JSON of what {@code io.hotline.tickets} stores for it: ticket lists, notes and screen pops. */
final class TicketJson {
    private TicketJson() {}

    /** A ticket in the open or abandoned list. */
    static JsonObject listed(TicketWork.Listed t) {
        return new JsonObject()
                .put("ticket", t.ticket())
                .put("category", t.category())
                .put("queue", t.queue())
                .put("priority", t.priority())
                .put("status", t.status())
                .put("caller", t.caller())
                .put("verified", t.verified())
                .put("createdAt", t.createdAt().toString())
                .put("dueAt", t.dueAt() == null ? null : t.dueAt().toString())
                .put("overdue", t.overdue());
    }

    /** A call that rang the agent, for their recent calls. */
    static JsonObject recent(PopStore.RecentCall r) {
        return new JsonObject()
                .put("ticket", r.ticket())
                .put("queue", r.queue())
                .put("state", r.state())
                .put("caller", r.caller())
                .put("ringingAt", r.ringingAt())
                .put("answeredAt", r.answeredAt())
                .put("endedAt", r.endedAt())
                .put("note", r.note())
                .put("category", r.category())
                .put("answered", r.answered());
    }

    /** The ticket's notes. */
    static JsonArray notes(TicketWork.Extras x) {
        return new JsonArray(x.notesJson());
    }

    /** Stored pops as the console shows them: their JSON with the stored state. */
    static List<JsonObject> pops(List<PopStore.Shown> stored) {
        return stored.stream()
                .map(p -> new JsonObject(p.json()).put("state", p.state()))
                .toList();
    }

    /** The row a pop is stored as, {@code text} being its JSON. */
    static PopStore.Row row(JsonObject pop, String text) {
        return new PopStore.Row(
                pop.getString("ticket", ""),
                pop.getString("call"),
                pop.getString("agent"),
                pop.getString("queue", ""),
                pop.getString("source", "ami"),
                pop.getString("state"),
                text);
    }
}
