package io.hotline.telephony.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.Database;
import io.hotline.emulator.ari.EmulatedChannel;
import io.hotline.engine.CallEnding;
import io.hotline.journeys.Dialer;
import io.hotline.journeys.Journey;
import io.hotline.journeys.JourneyContract;
import org.junit.jupiter.api.DisplayName;

/**
 * Every journey of the shipped flows ({@link JourneyContract}) over ARI, plus how the channel
 * left Stasis and what media it heard; no request Asterisk would refuse, no playback that
 * failed.
 */
@DisplayName("Journeys over ARI")
class AriJourneysIT extends JourneyContract<AriHarness.Result> {
    private AriHarness harness;

    @Override
    protected Dialer<AriHarness.Result> connect(Database db) throws Exception {
        harness = new AriHarness(db);
        return harness; // its close fails the class on a request Asterisk would refuse
    }

    @Override
    protected void onTheWire(Journey journey, AriHarness.Result r) throws Exception {
        EmulatedChannel ch = r.channel();
        // every playback played: no sound file missing, none heard in another language
        assertThat(ch.failed()).as("media that failed or were skipped").isEmpty();
        assertThat(ch.notInLanguage()).as("files heard in another language").isEmpty();
        if (r.ending().reason() == CallEnding.Reason.QUEUED) {
            assertThat(ch.left().get())
                    .isEqualTo("continue queues," + r.ending().queue() + ",1");
        }
        switch (journey) {
            case STOLEN_ACCOUNT_QUEUED -> {
                assertThat(r.channelVariables()).containsEntry("QUEUE_PRIO", "9");
                assertThat(ch.left().get()).isEqualTo("continue queues,fraud,1");
            }
            case RECHARGE_ESCALATED -> assertThat(ch.heard()).anyMatch(m -> m.startsWith("number:"));
            case COMPLAINT_HUNG_UP -> {
                assertThat(ch.left().get()).isEqualTo("hung up by the application");
                assertThat(ch.heard()).anyMatch(m -> m.startsWith("characters:"));
            }
            case TRANSFER_TRACED -> assertThat(ch.left().get()).isEqualTo("continue queues,account,1");
            case COMPLAINT_WITH_MESSAGE -> {
                // recorded by ARI, fetched through the stored-recordings API, and not left on Asterisk's host
                String name = "hotline-" + r.callId().replaceAll("[^A-Za-z0-9_-]", "_") + "-message";
                assertThat(harness.fake.requests())
                        .anyMatch(q -> q.startsWith("POST /channels/" + r.callId() + "/record?")
                                && q.contains("name=" + name)
                                && q.contains("terminateOn=%23")
                                && q.contains("maxDurationSeconds=120")
                                && q.contains("beep=true"))
                        .contains("GET /recordings/stored/" + name + "/file", "DELETE /recordings/stored/" + name);
                assertThat(harness.fake.storedRecordings()).doesNotContain(name);
            }
            case AGENT_IN_CHINESE -> assertThat(ch.heard()).anyMatch(m -> m.startsWith("sound:hotline/zh/"));
            default -> {}
        }
    }
}
