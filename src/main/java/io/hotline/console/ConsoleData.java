package io.hotline.console;

import io.hotline.agents.AgentStore;
import io.hotline.analytics.SessionHistory;
import io.hotline.announcements.AnnouncementDesk;
import io.hotline.reports.QueueLogStore;
import io.hotline.reports.Reports;
import io.hotline.tickets.CallHolds;
import io.hotline.tickets.PopStore;
import io.hotline.tickets.TicketSearch;
import io.hotline.tickets.TicketWork;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The stores the console reads and writes, each owned by the package of its data: the console itself runs
 * no SQL. The composition root ({@code io.hotline.server}) builds them on its database.
 *
 * @param ticketWork what agents do to tickets (taken, notes, close) and the ticket lists
 * @param pops       the screen pops, kept so that a reconnecting browser gets them again
 * @param search     the ticket search
 * @param agents     the agents' states
 * @param history    the recorded call sessions (the admin's flow analytics)
 * @param queueLog   where the simulated PBX writes its queue_log rows
 * @param reports    the queue reports and today's figures on the live board
 * @param holds      the periods callers spent on hold (call_holds)
 * @param dbUp       whether the database answers now (blocking, at most about two seconds; {@code /health})
 * @param announcements the announcements the admin page edits and the board shows (the core's)
 * @param callbacks  the queued callbacks the board shows and supervisors cancel or move (the core's)
 */
public record ConsoleData(
        TicketWork ticketWork,
        PopStore pops,
        TicketSearch search,
        AgentStore agents,
        SessionHistory history,
        QueueLogStore queueLog,
        Reports reports,
        CallHolds holds,
        BooleanSupplier dbUp,
        AnnouncementDesk announcements,
        io.hotline.contact.CallbackDesk callbacks) {
    public ConsoleData {
        Objects.requireNonNull(ticketWork, "ticketWork");
        Objects.requireNonNull(pops, "pops");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(queueLog, "queueLog");
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(holds, "holds");
        Objects.requireNonNull(dbUp, "dbUp");
        Objects.requireNonNull(announcements, "announcements");
        Objects.requireNonNull(callbacks, "callbacks");
    }
}
