package io.hotline.pbx;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

// its callers reach the lab's queues: not while a class has agents in them (lab-queue-agents); beside other callers
@ResourceLock(value = "lab-queue-agents", mode = ResourceAccessMode.READ)
@DisplayName("Journeys over FastAGI through a real Asterisk")
class PbxAgiJourneysIT extends PbxJourneys {
    @Override
    PbxDialer.Transport transport() {
        return PbxDialer.Transport.AGI;
    }
}
