package io.hotline.telephony.ari;

import io.hotline.journeys.Dialer;
import io.hotline.journeys.HoursJourneyContract;
import io.hotline.server.Hotline;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** Opening hours and announcements ({@link HoursJourneyContract}) over ARI, against the fake Asterisk. */
@DisplayName("Opening hours and announcements over ARI")
class AriHoursJourneysIT extends HoursJourneyContract<AriHarness.Result> {
    private AriHarness harness;

    @Override
    protected Dialer<AriHarness.Result> connect(Hotline hotline) throws Exception {
        harness = new AriHarness(hotline);
        return harness;
    }

    /** The media the channel played ({@code sound:hotline/en/x}), with no playback failed for a missing file. */
    @Override
    protected List<String> played(AriHarness.Result r) {
        org.assertj.core.api.Assertions.assertThat(r.channel().failed()).isEmpty();
        return r.channel().heard().stream()
                .filter(m -> m.startsWith("sound:"))
                .map(m -> m.substring("sound:".length()))
                .toList();
    }

    @Override
    protected void switchHas(String... files) {
        harness.alsoHas(files);
    }
}
