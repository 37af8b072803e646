package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.Database;
import io.hotline.emulator.agi.AgiResult;
import io.hotline.engine.CallEnding;
import io.hotline.journeys.Dialer;
import io.hotline.journeys.Journey;
import io.hotline.journeys.JourneyContract;
import io.hotline.telephony.Dialplan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;

/**
 * Every journey of the shipped flows ({@link JourneyContract}) over FastAGI, plus what Asterisk
 * must see: the language switch, the queue variables on the caller's channel, no sound file
 * missing (so {@code AGISTATUS} is never {@code FAILURE}) and a live end of the AGI session so
 * the shipped dialplan runs {@code Queue()} for the queue Hotline chose.
 */
@DisplayName("Journeys over FastAGI")
class AgiJourneysIT extends JourneyContract<AgiHarness.Result> {
    @Override
    protected Dialer<AgiHarness.Result> connect(Database db) {
        return new AgiHarness(db);
    }

    @Override
    protected void onTheWire(Journey journey, AgiHarness.Result r) {
        AgiResult seen = r.asterisk();
        // every file Hotline asked for exists (res_agi would otherwise end the session as FAILURE),
        // in the caller's language, and the shipped dialplan puts the caller where Hotline said
        assertThat(seen.unplayed())
                .as("sound files this Asterisk does not have")
                .isEmpty();
        assertThat(seen.notInLanguage()).as("files heard in another language").isEmpty();
        boolean queued = r.ending().reason() == CallEnding.Reason.QUEUED;
        assertThat(seen.agiStatus()).isEqualTo(queued ? "SUCCESS" : "HANGUP");
        assertThat(Dialplan.queueAfterAgi(seen))
                .isEqualTo(queued ? Optional.of(r.ending().queue()) : Optional.empty());
        switch (journey) {
            case STOLEN_ACCOUNT_QUEUED -> {
                // Queue() takes its priority from QUEUE_PRIO; the queue variables are inherited by
                // the agent's channel; then a live end of the AGI
                assertThat(seen.variables()).containsEntry("QUEUE_PRIO", "9");
                assertThat(seen.inherited()).contains("HOTLINE_TICKET", "HOTLINE_ACCOUNT", "HOTLINE_QUEUE");
                assertThat(seen.ending()).isEqualTo(AgiResult.Ending.SCRIPT_ENDED);
                assertThat(seen.commands())
                        .anyMatch(c -> c.startsWith("STREAM FILE hotline/en/"))
                        .noneMatch(c -> c.startsWith("EXEC"));
            }
            case COMPLAINT_HUNG_UP -> assertThat(seen.commands("SAY ALPHA")).isNotEmpty();
            case COMPLAINT_WITH_MESSAGE -> {
                // RECORD FILE into the shared directory, with a beep, # and 5 s of silence ending it; then the file
                // is read from the shared directory and removed there
                List<String> rec = seen.commands("RECORD FILE");
                assertThat(rec).hasSize(1);
                assertThat(rec.getFirst())
                        .matches("RECORD FILE /\\S+/hotline-"
                                + java.util.regex.Pattern.quote(r.callId().replaceAll("[^A-Za-z0-9_-]", "_"))
                                + "-message wav \"#\" 120000 0 BEEP s=5");
                String file = rec.getFirst().split(" ")[2] + ".wav";
                assertThat(java.nio.file.Path.of(file)).doesNotExist();
            }
            case AGENT_IN_CHINESE -> {
                assertThat(seen.variables()).containsEntry("CHANNEL(language)", "zh");
                assertThat(seen.commands("SET VARIABLE CHANNEL(language)")).hasSize(1);
                assertThat(seen.commands()).anyMatch(c -> c.startsWith("STREAM FILE hotline/zh/"));
            }
            default -> {}
        }
    }
}
