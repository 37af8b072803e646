package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.pbx.PbxDialer.Transport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Hotline server stopping while a caller is in the IVR: the caller goes where the shipped dialplan says. */
// its callers reach the lab's queues: not while a class has agents in them (lab-queue-agents); beside other callers
@ResourceLock(value = "lab-queue-agents", mode = ResourceAccessMode.READ)
@DisplayName("Hotline stopping mid-call on a real Asterisk")
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class PbxServerStopIT {

    @ParameterizedTest
    @EnumSource(Transport.class)
    @DisplayName("a caller in the menu when Hotline stops is put in the fallback queue by the dialplan")
    void callerInTheMenuGoesToTheFallbackQueue(Transport t) throws Exception {
        try (Database db = TestDatabase.fresh();
                PbxDialer d = new PbxDialer(db, t)) {
            var r = d.callStoppingServerAt("13800138000", "main/main_menu");
            assertThat(r.queueJoin())
                    .as("the queue Asterisk put the caller in")
                    .isNotNull()
                    .containsEntry("Queue", "general-support");
            // the session says the call was cut by Hotline stopping, not that the caller hung up
            assertThat(r.ending().reason()).isEqualTo(io.hotline.engine.CallEnding.Reason.ERROR);
        }
    }
}
