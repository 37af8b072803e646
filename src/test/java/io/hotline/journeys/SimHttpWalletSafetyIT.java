package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.connectors.TestWalletApi;
import io.hotline.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/**
 * PIN lockout across calls, concurrent freezes and hang-ups at every node type ({@link SafetyContract}), the wallet
 * behind its HTTP API ({@link TestWalletApi}).
 */
@DisplayName("Safety of journeys, the wallet behind its HTTP API")
class SimHttpWalletSafetyIT extends SafetyContract<SimHarness.Result> {
    private TestWalletApi api;

    @Override
    protected Dialer<SimHarness.Result> connect(Database db) throws Exception {
        api = new TestWalletApi();
        return HttpWalletSim.connect(db, api);
    }

    @AfterAll
    void everyRequestWasOnTheDocument() {
        api.close();
        assertThat(api.violations())
                .as("requests and answers off docs/wallet-api.yaml")
                .isEmpty();
    }
}
