package io.hotline.journeys;

import io.hotline.connectors.MemoryGateway;
import io.hotline.connectors.TestWalletApi;
import io.hotline.connectors.WalletConfig;
import io.hotline.db.Database;
import io.hotline.server.Hotline;
import java.nio.file.Path;
import java.time.Clock;

/** The simulator on a Hotline whose wallet is the HTTP adapter against {@link TestWalletApi} on the same database. */
final class HttpWalletSim {
    private HttpWalletSim() {}

    /** The harness; {@code api} answers from the Hotline's own tables and sends through its SMS sender. */
    static SimHarness connect(Database db, TestWalletApi api) {
        var hotline = Hotline.onDatabase(
                db,
                Path.of("ivr-flows"),
                Clock.systemDefaultZone(),
                new MemoryGateway(),
                WalletConfig.http(WalletConfig.Http.of(api.url(), TestWalletApi.TOKEN)));
        api.backedBy(hotline.wallet(), hotline.sms());
        return new SimHarness(hotline);
    }
}
