package io.hotline.journeys;

import io.hotline.server.Hotline;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** Opening hours and announcements ({@link HoursJourneyContract}) through the simulator. */
@DisplayName("Opening hours and announcements through the simulator")
class SimHoursJourneysIT extends HoursJourneyContract<SimHarness.Result> {
    @Override
    protected Dialer<SimHarness.Result> connect(Hotline hotline) {
        return new SimHarness(hotline);
    }

    /** The simulator has no switch: what the caller heard is the transcript, checked by the contract. */
    @Override
    protected List<String> played(SimHarness.Result r) {
        return null;
    }

    @Override
    protected void switchHas(String... files) {}
}
