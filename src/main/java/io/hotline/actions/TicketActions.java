package io.hotline.actions;

import io.hotline.engine.ActionRequest;
import io.hotline.engine.ActionResult;
import io.hotline.engine.TicketDesk;
import java.util.List;
import java.util.Map;

/** {@code open_ticket}: a ticket without a queue hand-off (complaints), its reference read back. */
final class TicketActions {
    private final TicketDesk desk;

    TicketActions(TicketDesk desk) {
        this.desk = desk;
    }

    /** Args: {@code category} (default {@code general}), {@code queue} (default {@code general-support}), {@code priority}. */
    ActionResult openTicket(ActionRequest r) throws Exception {
        String category = r.arg("category").isEmpty() ? "general" : r.arg("category");
        String queue = r.arg("queue").isEmpty() ? "general-support" : r.arg("queue");
        int priority = r.arg("priority").isEmpty() ? 0 : Integer.parseInt(r.arg("priority"));
        String ref = desk.openOrUpdate(r.call(), category, queue, priority);
        return new ActionResult(
                "ok", Map.of("ticket.ref", ref), ref, List.of(new ActionFinding.TicketOpened(ref, category)));
    }
}
