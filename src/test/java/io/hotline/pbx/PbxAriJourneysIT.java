package io.hotline.pbx;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Journeys over ARI through a real Asterisk")
class PbxAriJourneysIT extends PbxJourneys {
    @Override
    PbxDialer.Transport transport() {
        return PbxDialer.Transport.ARI;
    }
}
