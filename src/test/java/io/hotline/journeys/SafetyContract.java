package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotline.engine.CallEnding.Reason;
import io.hotline.tickets.SessionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PIN lockout across calls, concurrent freezes and hang-ups at every node type: one contract
 * that every transport passes through its {@link Dialer}. A transport adds what its switch saw
 * in {@link #onTheWire}.
 *
 * @param <R> the transport's finished call
 */
public abstract class SafetyContract<R extends Dialer.Dialed> extends DialerTest<R> {

    @Test
    @DisplayName("three wrong PINs over separate calls lock PIN checks, and then even the right PIN is refused")
    public void pinLockoutAcrossCalls() throws Exception {
        // Zhang Min's PIN is 1357; each call tries one wrong PIN and then hangs up
        var first = call(ZHANG_MIN, "3 1111#");
        assertThat(first.said()).contains("You have 2 attempts left");
        var second = call(ZHANG_MIN, "3 2222#");
        assertThat(second.said()).contains("You have 1 attempts left");
        var third = call(ZHANG_MIN, "3 3333#");
        assertThat(third.said()).contains("PIN checks on this account are locked");
        var right = call(ZHANG_MIN, "3 1357#");
        assertThat(right.said())
                .contains("PIN checks on this account are locked")
                .doesNotContain("Your app login");
        assertThat(right.ending().queue()).isEqualTo("account");
        onTheWire(Journey.PIN_LOCKED, right);
    }

    @Test
    @DisplayName(
            "twenty simultaneous stolen-account calls for one account make exactly one freeze, and all hear its reference")
    public void concurrentFreezes() throws Exception {
        freezeAtOnce(20);
    }

    /** {@code n} stolen-account calls for Li Wei that start together: one freeze, all told its reference. */
    protected final void freezeAtOnce(int n) throws Exception {
        var ready = new CountDownLatch(n);
        List<Future<R>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return call(LI_WEI, "2 1");
                }));
            }
        }
        String ref = single(
                "select reference from freezes f join accounts a on a.id = f.account_id "
                        + "where a.msisdn = ? and released_at is null",
                LI_WEI);
        assertThat(single(
                        "select count(*) from freezes f join accounts a on a.id = f.account_id where a.msisdn = ?",
                        LI_WEI))
                .isEqualTo("1");
        int fresh = 0;
        for (var f : results) {
            var r = f.get();
            assertThat(r.said()).contains(ref);
            assertThat(r.ending().queue()).isEqualTo("fraud");
            onTheWire(Journey.CONCURRENT_FREEZE, r);
            if (r.said().contains("Your wallet is now frozen")) {
                fresh++;
            }
        }
        assertThat(fresh).isEqualTo(1);
    }

    @ParameterizedTest(name = "hang-up at {0} node {1}")
    @CsvSource({
        "say, main/welcome, ''",
        "menu, main/main_menu, ''",
        "subflow, main/stolen, '2'",
        "branch, identify/known, '2'",
        "input, verify-identity/ask_pin, '1'",
        "action, stolen/freeze, '2 1'",
        "queue, stolen/fraud_agent, '2 1'",
        "record, complaint/message, '5 3 1'",
        "hangup, main/goodbye, '5 2 2'",
    })
    @DisplayName("a caller hanging up at any node type leaves a consistent session record")
    public void hangUpAtEveryNodeType(String type, String node, String keys) throws Exception {
        // Wang Fang's account is already frozen: "action" re-finds her one freeze
        var r = callHangingUpAt(WANG_FANG, keys, node);

        SessionRow s = hotline().sessions().find(r.callId()).orElseThrow();
        assertThat(s.endedAt()).isNotNull();
        List<String> exits = new ArrayList<>();
        for (JsonNode step : JSON.readTree(s.pathJson())) {
            exits.add(step.path("exit").asText());
        }
        List<String> nodes = nodes(s.pathJson());
        if (type.equals("action")) {
            // the action completes and stays committed; the hang-up is noticed right after it
            // (over FastAGI: the HANGUP line arrived while the freeze ran, noticed at the next command)
            assertThat(nodes).contains(node);
            assertThat(single(
                            "select count(*) from freezes f join accounts a on a.id = f.account_id "
                                    + "where a.msisdn = ? and released_at is null",
                            WANG_FANG))
                    .isEqualTo("1");
        }
        if (type.equals("hangup") || type.equals("queue")) {
            // the caller left while being said goodbye to / put through: recorded at that node
            assertThat(nodes.getLast()).isEqualTo(node);
        } else if (!type.equals("action") && !type.equals("subflow") && !type.equals("branch")) {
            assertThat(nodes.getLast()).isEqualTo(node);
        }
        assertThat(r.ending().reason()).isEqualTo(Reason.CALLER_HANGUP);
        assertThat(s.endReason()).isEqualTo("caller_hangup");
        assertThat(exits.getLast()).isEqualTo("caller_hangup");
        if (type.equals("hangup")) {
            // the complaint's ticket was open when the caller left during the goodbye: it says so
            assertThat(single("select context->>'callerHungUp' from tickets where call_id = ?", r.callId()))
                    .isEqualTo("true");
        }
        onTheWire(Journey.CALLER_HUNG_UP, r);
    }
}
