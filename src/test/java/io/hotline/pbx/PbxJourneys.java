package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.console.ConsoleClient;
import io.hotline.db.Database;
import io.hotline.journeys.Dialer;
import io.hotline.journeys.Journey;
import io.hotline.journeys.JourneyContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/**
 * Every journey of the shipped flows ({@link JourneyContract}) through the real lab Asterisk, on one
 * transport. Each call is checked on Asterisk's side by {@link PbxDialer}; here, what an agent would
 * notice: the fraud agent's console gets the stolen-account caller's screen pop from app_queue's AMI
 * events, and the Chinese caller reaches the queue with the language on the channel.
 */
abstract class PbxJourneys extends JourneyContract<PbxDialer.Result> {
    private PbxDialer dialer;
    private ConsoleClient alice;

    abstract PbxDialer.Transport transport();

    @Override
    protected Dialer<PbxDialer.Result> connect(Database db) throws Exception {
        dialer = new PbxDialer(db, transport());
        alice = ConsoleClient.signedIn(dialer.consolePort(), "alice", "alice-demo").connect();
        return dialer;
    }

    @AfterAll
    void closeConsole() {
        if (alice != null) {
            alice.close();
        }
    }

    @Override
    protected void onTheWire(Journey journey, PbxDialer.Result r) throws Exception {
        switch (journey) {
            case STOLEN_ACCOUNT_QUEUED -> {
                // app_queue rang alice's interface (Local/agent1@agents) with the ticket on the caller's
                // channel: her console pops the caller with what the IVR did
                var pop = alice.awaitPop("active", r.ending().ticket(), Duration.ofSeconds(30));
                assertThat(pop.getString("queue")).isEqualTo("fraud");
                assertThat(r.queueJoin()).containsEntry("ChanVariable.HOTLINE_PRIORITY", "9");
                assertThat(r.played()).anyMatch(f -> f.startsWith("hotline/en/stolen."));
            }
            case AGENT_IN_CHINESE -> {
                assertThat(r.queueJoin()).containsEntry("ChanVariable.HOTLINE_LANG", "zh");
                assertThat(r.played()).anyMatch(f -> f.startsWith("hotline/zh/"));
            }
            case COMPLAINT_HUNG_UP -> assertThat(r.played()).anyMatch(f -> f.startsWith("hotline/en/complaint."));
            default -> {
            }
        }
    }
}
