package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotline.engine.CallEnding.Reason;
import io.hotline.tickets.SessionRow;
import io.hotline.tickets.Ticket;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every journey of the shipped flows, checked in the database afterwards: one contract that
 * every transport passes through its {@link Dialer} (same flows, same engine, same outcomes;
 * only the adapter differs). A transport adds what its switch saw in {@link #onTheWire}, which
 * every journey calls.
 *
 * @param <R> the transport's finished call
 */
public abstract class JourneyContract<R extends Dialer.Dialed> extends DialerTest<R> {

    @Test
    @DisplayName(
            "a stolen-account caller reaches a committed freeze with two keys and is queued to fraud with the reference")
    public void stolenAccountFreezesInTwoKeys() throws Exception {
        var r = call(LI_WEI, "2 1");

        assertThat(r.ending().reason()).isEqualTo(Reason.QUEUED);
        assertThat(r.ending().queue()).isEqualTo("fraud");
        String freezeRef = single(
                "select reference from freezes f join accounts a on a.id = f.account_id "
                        + "where a.msisdn = ? and f.released_at is null",
                LI_WEI);
        assertThat(r.said()).contains("Your wallet is now frozen").contains(freezeRef);
        assertThat(single("select status from accounts where msisdn = ?", LI_WEI))
                .isEqualTo("frozen");
        assertThat(single("select count(*) from audit_log where action = 'freeze' and call_id = ?", r.callId()))
                .isEqualTo("1");
        // the registered phone is told, so a freeze by someone else never goes unnoticed
        assertThat(single(
                        "select body from sms_outbox where msisdn = ? and kind = 'freeze_notice' and call_id = ?",
                        LI_WEI,
                        r.callId()))
                .startsWith("Your wallet was frozen by a call to the hotline at ")
                .contains("ref " + freezeRef);

        Ticket t = hotline().tickets().byReference(r.ending().ticket()).orElseThrow();
        assertThat(t.queue()).isEqualTo("fraud");
        assertThat(t.priority()).isEqualTo(9);
        assertThat(t.category()).isEqualTo("fraud");
        JsonNode ctx = JSON.readTree(t.contextJson());
        assertThat(ctx.path("actions").findValuesAsText("reference")).contains(freezeRef);
        assertThat(ctx.path("records").findValuesAsText("type")).contains("freeze", "transaction");
        assertThat(ctx.path("caller").asText()).isEqualTo("*******8000");
        // the ticket and priority travel with the caller to the queue
        assertThat(r.channelVariables())
                .containsEntry("HOTLINE_TICKET", t.reference())
                .containsEntry("HOTLINE_QUEUE", "fraud")
                .containsEntry("HOTLINE_PRIORITY", "9");

        SessionRow s = hotline().sessions().find(r.callId()).orElseThrow();
        assertThat(s.endReason()).isEqualTo("queued");
        assertThat(s.ticketRef()).isEqualTo(t.reference());
        assertThat(nodes(s.pathJson()))
                .containsSubsequence("main/main_menu", "stolen/offer", "stolen/freeze", "stolen/fraud_agent");
        onTheWire(Journey.STOLEN_ACCOUNT_QUEUED, r);
    }

    @Test
    @DisplayName("freezing an already frozen account says so and gives the same reference")
    public void alreadyFrozen() throws Exception {
        var r = call(WANG_FANG, "2 1");
        String ref = single(
                "select f.reference from freezes f join accounts a on a.id = f.account_id "
                        + "where a.msisdn = ? and f.released_at is null",
                WANG_FANG);
        assertThat(r.said()).contains("already frozen").contains(ref);
        assertThat(single(
                        "select count(*) from freezes f join accounts a on a.id = f.account_id where a.msisdn = ?",
                        WANG_FANG))
                .isEqualTo("1");
        onTheWire(Journey.ALREADY_FROZEN, r);
    }

    @Test
    @DisplayName("a failed-recharge caller hears the reasons and the debited-but-not-credited one is escalated")
    public void rechargeExplainedAndEscalated() throws Exception {
        var r = call(LI_WEI, "1 2468#");

        assertThat(r.said())
                .contains("Here are your most recent failed recharges")
                .contains("taken from your card but has not reached your wallet");
        assertThat(r.ending().reason()).isEqualTo(Reason.QUEUED);
        assertThat(r.ending().queue()).isEqualTo("recharge");
        Ticket t = hotline().tickets().byReference(r.ending().ticket()).orElseThrow();
        assertThat(t.priority()).isEqualTo(8);
        assertThat(t.verified()).isTrue();
        JsonNode ctx = JSON.readTree(t.contextJson());
        assertThat(ctx.path("records").findValuesAsText("reason")).contains("debited_not_credited");
        assertThat(PathInputs.of(t.contextJson())).isNotEmpty().noneMatch(i -> i.contains("2468"));
        SessionRow s = hotline().sessions().find(r.callId()).orElseThrow();
        assertThat(PathInputs.of(s.pathJson())).contains("****").noneMatch(i -> i.contains("2468"));
        onTheWire(Journey.RECHARGE_ESCALATED, r);
    }

    @Test
    @DisplayName("a verified caller with a locked app login gets it unlocked")
    public void unlockLogin() throws Exception {
        assertThat(single("select login_locked::text from accounts where msisdn = ?", ZHANG_MIN))
                .isEqualTo("true");
        var r = call(ZHANG_MIN, "3 1357# 2");
        assertThat(r.said()).contains("Your app login is unlocked");
        assertThat(single("select login_locked::text from accounts where msisdn = ?", ZHANG_MIN))
                .isEqualTo("false");
        onTheWire(Journey.LOGIN_UNLOCKED, r);
    }

    @Test
    @DisplayName(
            "a verified caller hears the reset code was sent only once the SMS centre took it, and the code is stored nowhere in clear")
    public void resetCode() throws Exception {
        var r = call(LI_WEI, "3 2468# 1");
        assertThat(r.said()).contains("A reset code has been sent to your phone ending in 8000");
        assertThat(single("select count(*) from sms_outbox where msisdn = ? and kind = 'reset_code'", LI_WEI))
                .isEqualTo("1");
        assertThat(single("select status from sms_outbox where msisdn = ? and kind = 'reset_code'", LI_WEI))
                .isEqualTo("accepted");
        // the outbox keeps the text with the code blanked, and the sealed code is dropped once sent
        String body = single("select body from sms_outbox where msisdn = ? and kind = 'reset_code'", LI_WEI);
        assertThat(body).contains("******").doesNotContainPattern("[0-9]{6}");
        assertThat(single("select count(*) from sms_outbox where sealed_code is not null"))
                .isEqualTo("0");
        // what the phone got, where the core's gateway keeps it (Hotline.onDatabase's MemoryGateway; a server
        // composed as serve composes it logs only, and then there is no code to read back)
        if (hotline().sms().gateway() instanceof io.hotline.connectors.MemoryGateway phones) {
            String text = phones.lastTo(LI_WEI).orElseThrow().text();
            String code = text.replaceAll("[^0-9]", "").substring(0, 6);
            assertThat(text).contains("Your wallet password reset code is " + code);
            SessionRow s = hotline().sessions().find(r.callId()).orElseThrow();
            // the code as a number of its own: six digits inside a timestamp's nanoseconds are not the code
            String alone = "(^|[^0-9])" + code + "([^0-9]|$)";
            assertThat(s.pathJson() + s.actionsJson()).doesNotContainPattern(alone);
            assertThat(single("select count(*) from audit_log where detail::text ~ ?", alone))
                    .isEqualTo("0");
            assertThat(hotline().wallet().verifyResetCode(LI_WEI, code, "test"))
                    .isEqualTo(io.hotline.wallet.ResetCodeCheck.VALID);
        }
        onTheWire(Journey.RESET_CODE_SENT, r);
    }

    @Test
    @DisplayName("a caller whose number matches no account types the registered number and can freeze with the PIN")
    public void unknownNumberTypesRegisteredPhone() throws Exception {
        var r = call(NOBODY, "2 13900139000# 1 1357#");
        assertThat(r.said())
                .contains("Please enter the mobile number registered to your wallet")
                .contains("Please enter your wallet PIN")
                .contains("Your wallet is now frozen");
        assertThat(single("select status from accounts where msisdn = ?", ZHANG_MIN))
                .isEqualTo("frozen");
        onTheWire(Journey.UNKNOWN_NUMBER_FROZEN, r);
    }

    @Test
    @DisplayName(
            "a complaint about fees without a message gets a ticket due in 24 hours, its reference read out and sent by SMS")
    public void complaint() throws Exception {
        var r = call(LI_WEI, "5 2 2");
        assertThat(r.ending().reason()).isEqualTo(Reason.HANGUP);
        String ref = single("select reference from tickets where call_id = ?", r.callId());
        assertThat(r.said())
                .contains("Your reference is " + ref)
                .contains("twenty four hours")
                .contains("We have also sent the reference to your phone by text message.")
                .doesNotContain("Please describe your complaint after the tone");
        assertThat(single("select category from tickets where call_id = ?", r.callId()))
                .isEqualTo("complaint");
        // the promise: due 24 hours after the ticket was opened
        assertThat(single(
                        "select extract(epoch from due_at - created_at)::bigint from tickets where call_id = ?",
                        r.callId()))
                .isEqualTo("86400");
        Ticket t = hotline().tickets().byReference(ref).orElseThrow();
        JsonNode complaint = record(t, "complaint");
        assertThat(complaint.path("topic").asText()).isEqualTo("fees");
        assertThat(complaint.path("voice_message").asBoolean()).isFalse();
        assertThat(single("select count(*) from call_recordings where call_id = ?", r.callId()))
                .isEqualTo("0");
        assertThat(single(
                        "select body from sms_outbox where msisdn = ? and kind = 'complaint_reference' and call_id = ?",
                        LI_WEI,
                        r.callId()))
                .startsWith("We have your complaint, ref " + ref + ". We will answer you by ");
        assertThat(r.channelVariables()).doesNotContainKey("HOTLINE_QUEUE");
        onTheWire(Journey.COMPLAINT_HUNG_UP, r);
    }

    @Test
    @DisplayName("a complaint about an agent's service with a voice message keeps the recording with the ticket")
    public void complaintWithVoiceMessage() throws Exception {
        var r = call(ZHANG_MIN, "5 3 1 ~");
        assertThat(r.said())
                .contains("Please describe your complaint after the tone, in up to two minutes.")
                .contains("Your complaint has been recorded.");
        Ticket t = hotline().tickets().byCallId(r.callId()).orElseThrow();
        assertThat(t.category()).isEqualTo("complaint");
        assertThat(t.dueAt()).isEqualTo(t.createdAt().plus(java.time.Duration.ofHours(24)));
        JsonNode complaint = record(t, "complaint");
        assertThat(complaint.path("topic").asText()).isEqualTo("agent_service");
        assertThat(complaint.path("voice_message").asBoolean()).isTrue();
        var message = hotline().recordings().latestOf(r.callId()).orElseThrow();
        byte[] audio = hotline()
                .recordings()
                .audio(r.callId(), message.id())
                .orElseThrow()
                .audio();
        VoiceTone.Heard heard = VoiceTone.measure(audio);
        // the caller's tone is in the stored file: about as long as they spoke, at its pitch
        assertThat(heard.loudSeconds()).isBetween(voiceSeconds() - 1.0, voiceSeconds() + 1.0);
        assertThat(heard.hertz()).isBetween(VoiceTone.HZ * 0.95, VoiceTone.HZ * 1.05);
        assertThat(message.endedBy()).isEqualTo("key");
        onTheWire(Journey.COMPLAINT_WITH_MESSAGE, r);
    }

    @Test
    @DisplayName("a verified caller picks the transaction the complaint is about, and the ticket names it")
    public void complaintAboutTransaction() throws Exception {
        var r = call(LI_WEI, "5 1 2468# 2 1 2");
        assertThat(r.said())
                .contains("If your complaint is about this transaction, press 1.")
                .contains("went out of your wallet.");
        Ticket t = hotline().tickets().byCallId(r.callId()).orElseThrow();
        assertThat(t.verified()).isTrue();
        JsonNode complaint = record(t, "complaint");
        assertThat(complaint.path("topic").asText()).isEqualTo("transaction");
        // the second newest: the transfer out of 4,999.00 the owner did not recognise
        assertThat(complaint.path("transaction").asText())
                .isEqualTo(single(
                        "select reference from transactions t "
                                + "join accounts a on a.id = t.account_id where a.msisdn = ? and amount_fen = -499900",
                        LI_WEI));
        assertThat(PathInputs.of(t.contextJson())).noneMatch(i -> i.contains("2468"));
        onTheWire(Journey.COMPLAINT_ABOUT_TRANSACTION, r);
    }

    /** How long the transport's test caller speaks at a {@code ~}. */
    protected double voiceSeconds() {
        return VoiceTone.SECONDS;
    }

    private static JsonNode record(Ticket t, String type) throws Exception {
        for (JsonNode rec : JSON.readTree(t.contextJson()).path("records")) {
            if (rec.path("type").asText().equals(type)) {
                return rec;
            }
        }
        throw new AssertionError("no " + type + " record in the ticket's context: " + t.contextJson());
    }

    @Test
    @DisplayName(
            "a verified caller whose transfers are all on time hears where each one is and is offered the menu again")
    public void transfersReadOut() throws Exception {
        var r = call(LI_WEI, "4 2468#");
        String due = single(
                "select to_char(date_trunc('hour', expected_by at time zone ?) + "
                        + "case when date_trunc('hour', expected_by at time zone ?) = expected_by at time zone ? "
                        + "then interval '0' else interval '1 hour' end, 'FMHH24') from outgoing_transfers t "
                        + "join accounts a on a.id = t.account_id where a.msisdn = ? and state = 'processing'",
                ZONE,
                ZONE,
                ZONE,
                LI_WEI);
        String refundedOn = single(
                "select to_char(settled_at at time zone ?, 'YYYY-MM-DD') from outgoing_transfers t "
                        + "join accounts a on a.id = t.account_id where a.msisdn = ? and state = 'refunded'",
                ZONE,
                LI_WEI);
        String arrivedOn = single(
                "select to_char(max(settled_at) at time zone ?, 'YYYY-MM-DD') from outgoing_transfers t "
                        + "join accounts a on a.id = t.account_id where a.msisdn = ? and state = 'completed'",
                ZONE,
                LI_WEI);
        List<String> said = r.transcript().prompts();
        assertThat(said)
                .containsSubsequence(
                        "Here are your most recent transfers and withdrawals.",
                        said.stream()
                                .filter(p -> p.startsWith("A withdrawal of 2000.00 yuan to the card ending 6217 on "))
                                .findFirst()
                                .orElse("no withdrawal of 2000.00 read"),
                        "is with the bank;",
                        said.stream()
                                .filter(p -> p.startsWith("it should arrive by " + due + " o'clock"))
                                .findFirst()
                                .orElse("no arrival by " + due + " o'clock"),
                        said.stream()
                                .filter(p -> p.startsWith("A transfer of 500.00 yuan to the bank account ending 4532"))
                                .findFirst()
                                .orElse("no transfer of 500.00 read"),
                        "failed on " + refundedOn + " and the money was returned to your wallet.",
                        "arrived on " + arrivedOn + ".",
                        "None of your transfers or withdrawals is late, so there is nothing to trace.");
        // back to the main menu, and no ticket: nothing needed an agent
        assertThat(said.subList(
                        said.indexOf("None of your transfers or withdrawals is late, so there is nothing to trace."),
                        said.size()))
                .anyMatch(p -> p.startsWith("If a recharge failed, press 1."));
        assertThat(r.ending().reason()).isEqualTo(Reason.CALLER_HANGUP);
        assertThat(single("select count(*) from tickets where call_id = ?", r.callId()))
                .isEqualTo("0");
        onTheWire(Journey.TRANSFERS_READ, r);
    }

    @Test
    @DisplayName("a late withdrawal is traced: a ticket with the transfers' details goes to the account team")
    public void lateTransferTraced() throws Exception {
        var r = call(ZHANG_MIN, "4 1357#");
        assertThat(r.said())
                .contains("has been received and will be sent to the bank shortly;")
                .contains("because the name did not match the account")
                .contains("A withdrawal of 800.00 yuan to the card ending 5567")
                .contains("is with the payment channel;")
                .contains("and is late. We will trace it for you.")
                .doesNotContain("None of your transfers or withdrawals is late");
        assertThat(r.ending().reason()).isEqualTo(Reason.QUEUED);
        assertThat(r.ending().queue()).isEqualTo("account");
        Ticket t = hotline().tickets().byReference(r.ending().ticket()).orElseThrow();
        assertThat(t.category()).isEqualTo("transfer_trace");
        assertThat(t.verified()).isTrue();
        JsonNode late = null;
        for (JsonNode rec : JSON.readTree(t.contextJson()).path("records")) {
            if (rec.path("type").asText().equals("transfer")
                    && rec.path("overdue").asBoolean()) {
                late = rec;
            }
        }
        assertThat(late).as("the overdue transfer in the ticket's context").isNotNull();
        assertThat(late.path("reference").asText())
                .isEqualTo(single("select reference from outgoing_transfers " + "where destination_last4 = '5567'"));
        assertThat(late.path("amount_fen").asLong()).isEqualTo(80_000);
        assertThat(late.path("fee_fen").asLong()).isEqualTo(100);
        assertThat(late.path("destination").asText()).isEqualTo("China Merchants Bank ****5567");
        assertThat(late.path("state").asText()).isEqualTo("at_channel");
        assertThat(late.path("expected_by").asText()).isNotEmpty();
        onTheWire(Journey.TRANSFER_TRACED, r);
    }

    /** The demo customers' time zone, in which the flows say dates and hours (the test clock's zone). */
    private static final String ZONE = java.time.ZoneId.systemDefault().getId();

    @Test
    @DisplayName("0 reaches an agent, 9 repeats the menu and * switches to Chinese")
    public void agentRepeatAndLanguage() throws Exception {
        var r = call(LI_WEI, "9 * 0");
        List<String> said = r.transcript().prompts();
        assertThat(said.stream()
                        .filter(p -> p.startsWith("If a recharge failed"))
                        .count())
                .isEqualTo(2);
        assertThat(said).anyMatch(p -> p.startsWith("充值失败请按1"));
        assertThat(said.getLast()).isEqualTo("请稍候，正在为您转接人工客服。");
        assertThat(r.ending().queue()).isEqualTo("general-support");
        assertThat(r.channelVariables())
                .containsEntry("HOTLINE_TICKET", r.ending().ticket())
                .containsEntry("HOTLINE_LANG", "zh")
                .containsEntry("HOTLINE_QUEUE", "general-support");
        onTheWire(Journey.AGENT_IN_CHINESE, r);
    }

    @Test
    @DisplayName("a caller who never answers the menu is offered it again and then put through to an agent")
    public void silenceGoesToAgent() throws Exception {
        var r = call(LI_WEI, "...");
        assertThat(r.said()).contains("Sorry, I did not hear your choice.");
        assertThat(r.ending().queue()).isEqualTo("general-support");
        onTheWire(Journey.SILENCE_TO_AGENT, r);
    }

    @Test
    @DisplayName("an invalid key is refused politely and the menu offered again")
    public void invalidKey() throws Exception {
        var r = call(LI_WEI, "7 0");
        assertThat(r.said()).contains("Sorry, that is not one of the options.");
        assertThat(r.ending().queue()).isEqualTo("general-support");
        onTheWire(Journey.INVALID_KEY_TO_AGENT, r);
    }
}
