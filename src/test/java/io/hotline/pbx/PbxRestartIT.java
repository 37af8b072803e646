package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.pbx.PbxDialer.Transport;
import io.hotline.telephony.queue.LinkStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Asterisk restarting under a connected Hotline. Runs alone: it restarts the lab Asterisk. */
@DisplayName("Asterisk restarting under Hotline")
@Isolated("restarts the lab Asterisk")
class PbxRestartIT {
    private static final String LI_WEI = "13800138000";

    @Test
    @DisplayName("Asterisk restarting under a connected Hotline: AMI and ARI reconnect, and calls after it work")
    void asteriskRestarts() throws Exception {
        try (Database db = TestDatabase.fresh();
                PbxDialer agi = new PbxDialer(db, Transport.AGI);
                PbxDialer ari = new PbxDialer(db, Transport.ARI)) {
            restartUnder(agi, ari);
        }
    }

    private void restartUnder(PbxDialer agi, PbxDialer ari) throws Exception {
        Lab.restartAsterisk();
        // the two Hotlines share one database: one of them holds the AMI link again, the other stands by
        await("AMI link back, held by one of the two nodes")
                .atMost(Duration.ofSeconds(60))
                .until(() -> java.util.stream.Stream.of(agi, ari)
                        .map(d -> d.served
                                .console()
                                .amiStatus()
                                .map(LinkStatus::state)
                                .orElse(null))
                        .sorted()
                        .toList()
                        .equals(List.of(LinkStatus.State.CONNECTED, LinkStatus.State.STANDBY)));
        await("ARI application registered again")
                .atMost(Duration.ofSeconds(60))
                .until(() -> Lab.asterisk().cli("ari show apps").contains(ari.ariApp));
        for (PbxDialer d : new PbxDialer[] {agi, ari}) {
            var r = d.call(LI_WEI, "0");
            assertThat(r.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);
            assertThat(r.queueJoin()).containsEntry("Queue", "general-support");
        }
    }
}
