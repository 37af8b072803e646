package io.hotline.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.engine.ActionRecord;
import io.hotline.engine.CallSnapshot;
import io.hotline.engine.PathStep;
import io.hotline.engine.TicketDesk;
import io.hotline.tickets.Ticket;
import io.hotline.tickets.TicketDraft;
import io.hotline.tickets.Tickets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's ticket desk on top of {@link Tickets}: builds the ticket's context (who,
 * how verified, what was done with references, what was referred to, the IVR path) from
 * the call snapshot. Secure input never reaches it: the snapshot leaves it out.
 */
public final class TicketDeskAdapter implements TicketDesk {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Tickets tickets;

    public TicketDeskAdapter(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public String openOrUpdate(CallSnapshot call, String category, String queue, int priority) throws Exception {
        Long account = call.var("account.id").isEmpty() ? null : Long.parseLong(call.var("account.id"));
        boolean verified = "yes".equals(call.var("caller.verified"));
        String verifiedBy = verified ? call.var("caller.verified_by")
                : call.var("caller.identified_by").isEmpty() ? "" : "identified by " + call.var("caller.identified_by");
        Ticket t = tickets.openOrUpdate(new TicketDraft(call.info().callId(), category, queue, priority, account,
                call.info().maskedAni(), verified, verifiedBy, JSON.writeValueAsString(context(call, category)),
                call.flowVersion()));
        return t.reference();
    }

    /** The context an agent's screen pop shows. */
    static Map<String, Object> context(CallSnapshot call, String category) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("category", category);
        c.put("caller", call.info().maskedAni());
        c.put("language", call.language());
        c.put("transport", call.info().transport());
        c.put("flow", call.flowId());
        c.put("flow_version", call.flowVersion());
        Map<String, Object> account = new LinkedHashMap<>();
        for (String k : List.of("id", "status", "holder", "phone_masked", "login_locked")) {
            if (!call.var("account." + k).isEmpty()) {
                account.put(k, call.var("account." + k));
            }
        }
        c.put("account", account);
        c.put("verified", "yes".equals(call.var("caller.verified")));
        c.put("verified_by", call.var("caller.verified_by"));
        c.put("identified_by", call.var("caller.identified_by"));
        List<ActionJson> actions = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>();
        for (ActionRecord a : call.actions()) {
            actions.add(new ActionJson(a.name(), a.outcome(), a.reference(), a.at().toString()));
            records.addAll(a.records());
        }
        c.put("actions", actions);
        c.put("records", records);
        c.put("path", path(call));
        return c;
    }

    /** The IVR path as stored in tickets and sessions: one object per node visited. */
    static List<PathJson> path(CallSnapshot call) {
        List<PathJson> path = new ArrayList<>(call.path().size());
        for (PathStep s : call.path()) {
            path.add(new PathJson(s.flowId(), s.nodeId(), s.type(), s.input(), s.exit(), s.at().toString()));
        }
        return path;
    }

    // Records, not maps, so that Jackson writes them with fixed serializers (the keys, in this order, are
    // what the console, replay and stats read).
    record PathJson(String flow, String node, String type, String input, String exit, String at) {
    }

    record ActionJson(String name, String outcome, String reference, String at) {
    }
}
