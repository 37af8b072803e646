package io.hotline.journeys;

import io.hotline.db.Database;
import org.junit.jupiter.api.DisplayName;

/** PIN lockout across calls, concurrent freezes and hang-ups at every node type ({@link SafetyContract}) through the simulator. */
@DisplayName("Safety of journeys")
class SafetyJourneysIT extends SafetyContract<SimHarness.Result> {
    @Override
    protected Dialer<SimHarness.Result> connect(Database db) {
        return new SimHarness(db);
    }
}
