package io.hotline.telephony.agi;

import io.hotline.journeys.Dialer;
import io.hotline.journeys.HoursJourneyContract;
import io.hotline.server.Hotline;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** Opening hours and announcements ({@link HoursJourneyContract}) over FastAGI, against the fake Asterisk. */
@DisplayName("Opening hours and announcements over FastAGI")
class AgiHoursJourneysIT extends HoursJourneyContract<AgiHarness.Result> {
    private AgiHarness harness;

    @Override
    protected Dialer<AgiHarness.Result> connect(Hotline hotline) {
        harness = new AgiHarness(hotline);
        return harness;
    }

    /** STREAM FILE's file names; none of them missing, or res_agi would have marked the session failed. */
    @Override
    protected List<String> played(AgiHarness.Result r) {
        org.assertj.core.api.Assertions.assertThat(r.asterisk().unplayed()).isEmpty();
        return r.asterisk().commands("STREAM FILE").stream()
                .map(c -> c.split(" ")[2])
                .toList();
    }

    @Override
    protected void switchHas(String... files) {
        harness.alsoHas(files);
    }
}
