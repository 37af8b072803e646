package io.hotline.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.db.DemoData;
import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.wallet.Wallet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Tickets")
class TicketsIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final MutableClock clock = MutableClock.now();
    private final Tickets tickets = new Tickets(DB.dataSource(), clock);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    @DisplayName("the first request for a call opens a ticket; a later one updates it and keeps its reference")
    void openThenUpdate() throws Exception {
        long li = new Wallet(DB.dataSource(), clock)
                .findByMsisdn(DemoData.LI_WEI)
                .orElseThrow()
                .id();
        Ticket opened = tickets.openOrUpdate(new TicketDraft(
                "call-t1", "recharge", null, 0, null, "*******8000", false, null, "{\"menu\":\"recharge\"}", 7));
        assertThat(opened.reference()).matches("T-\\d{6}");
        assertThat(opened.status()).isEqualTo("open");
        assertThat(opened.accountId()).isNull();

        clock.advance(Duration.ofSeconds(40));
        Ticket updated = tickets.openOrUpdate(new TicketDraft(
                "call-t1", "fraud", "fraud", 9, li, "*******8000", true, "pin", "{\"frozen\":\"F-100002\"}", 7));
        assertThat(updated.reference()).isEqualTo(opened.reference());
        assertThat(updated.id()).isEqualTo(opened.id());
        assertThat(updated.category()).isEqualTo("fraud");
        assertThat(updated.queue()).isEqualTo("fraud");
        assertThat(updated.priority()).isEqualTo(9);
        assertThat(updated.status()).isEqualTo("queued");
        assertThat(updated.accountId()).isEqualTo(li);
        assertThat(updated.verified()).isTrue();
        assertThat(updated.verifiedBy()).isEqualTo("pin");
        assertThat(updated.createdAt()).isEqualTo(opened.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(opened.createdAt().plusSeconds(40));
        JsonNode ctx = json.readTree(updated.contextJson());
        assertThat(ctx.path("menu").asText()).isEqualTo("recharge");
        assertThat(ctx.path("frozen").asText()).isEqualTo("F-100002");

        assertThat(tickets.byReference(opened.reference())).contains(updated);
        assertThat(tickets.byReference(opened.reference().toLowerCase(Locale.ROOT)))
                .contains(updated);
        assertThat(tickets.byCallId("call-t1")).contains(updated);
        assertThat(tickets.forAccount(li, 10)).extracting(Ticket::reference).contains(opened.reference());
    }

    @Test
    @DisplayName("each call gets its own unique reference; a ticket without a call is always new")
    void uniqueReferences() {
        Set<String> refs = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            refs.add(tickets.openOrUpdate(new TicketDraft(
                            "call-u" + i, "complaint", "general-care", 1, null, null, false, null, null, 1))
                    .reference());
        }
        refs.add(tickets.openOrUpdate(new TicketDraft(null, "complaint", null, 1, null, null, false, null, null, 1))
                .reference());
        refs.add(tickets.openOrUpdate(new TicketDraft(null, "complaint", null, 1, null, null, false, null, null, 1))
                .reference());
        assertThat(refs).hasSize(52);
    }

    @Test
    @DisplayName("a caller hanging up while queued is noted on the ticket; a ticket with an agent is left alone")
    void callerHungUp() throws Exception {
        Ticket t =
                tickets.openOrUpdate(new TicketDraft("call-h1", "fraud", "fraud", 9, null, null, false, null, null, 1));
        tickets.markCallerHungUp("call-h1");
        JsonNode ctx =
                json.readTree(tickets.byReference(t.reference()).orElseThrow().contextJson());
        assertThat(ctx.path("callerHungUp").asBoolean()).isTrue();
        assertThat(ctx.path("callerHungUpAt").asText())
                .isEqualTo(clock.instant().toString());

        Ticket other =
                tickets.openOrUpdate(new TicketDraft("call-h2", "fraud", "fraud", 9, null, null, false, null, null, 1));
        io.hotline.db.Tx.inTransaction(
                DB.dataSource(),
                c -> c.createStatement()
                        .executeUpdate("UPDATE tickets SET status = 'with_agent' WHERE call_id = 'call-h2'"));
        tickets.markCallerHungUp("call-h2");
        tickets.markCallerHungUp("no-such-call");
        assertThat(tickets.byReference(other.reference()).orElseThrow().contextJson())
                .doesNotContain("callerHungUp");
    }
}
