package io.hotline.journeys;

import io.hotline.db.Database;
import org.junit.jupiter.api.DisplayName;

/** Every journey of the shipped flows ({@link JourneyContract}) through the simulator. */
@DisplayName("Journeys through the simulator")
class SimJourneysIT extends JourneyContract<SimHarness.Result> {
    @Override
    protected Dialer<SimHarness.Result> connect(Database db) {
        return new SimHarness(db);
    }
}
