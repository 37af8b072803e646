package io.hotline.telephony.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.Database;
import io.hotline.journeys.Dialer;
import io.hotline.journeys.Journey;
import io.hotline.journeys.SafetyContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The safety journeys ({@link SafetyContract}) over ARI, plus how the channel left Stasis; no
 * request Asterisk would refuse.
 */
@DisplayName("Safety of journeys over ARI")
class AriSafetyJourneysIT extends SafetyContract<AriHarness.Result> {
    @Override
    protected Dialer<AriHarness.Result> connect(Database db) throws Exception {
        return new AriHarness(db); // its close fails the class on a request Asterisk would refuse
    }

    @Override
    @Test
    @DisplayName(
            "ten simultaneous stolen-account calls for one account make exactly one freeze, and all hear its reference")
    public void concurrentFreezes() throws Exception {
        // ten, as over ARI before the contract: fake channels play timed media and press keys on timers
        freezeAtOnce(10);
    }

    @Override
    protected void onTheWire(Journey journey, AriHarness.Result r) throws Exception {
        if (journey == Journey.CALLER_HUNG_UP) {
            assertThat(r.channel().left().get()).isEqualTo("caller hung up");
        }
    }
}
