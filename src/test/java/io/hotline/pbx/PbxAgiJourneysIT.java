package io.hotline.pbx;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Journeys over FastAGI through a real Asterisk")
class PbxAgiJourneysIT extends PbxJourneys {
    @Override
    PbxDialer.Transport transport() {
        return PbxDialer.Transport.AGI;
    }
}
