package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.connectors.TestWalletApi;
import io.hotline.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/**
 * Every journey of the shipped flows ({@link JourneyContract}) through the simulator, the wallet behind the HTTP
 * adapter: the actions call the wallet company's API ({@code docs/wallet-api.yaml}), here {@link TestWalletApi}
 * over the same demo data, which checks every request against the document.
 */
@DisplayName("Journeys through the simulator, the wallet behind its HTTP API")
class SimHttpWalletJourneysIT extends JourneyContract<SimHarness.Result> {
    private TestWalletApi api;

    @Override
    protected Dialer<SimHarness.Result> connect(Database db) throws Exception {
        api = new TestWalletApi();
        return HttpWalletSim.connect(db, api);
    }

    @AfterAll
    void everyRequestWasOnTheDocument() {
        api.close(); // after the class's calls; the Hotline is closed with the harness
        assertThat(api.violations())
                .as("requests and answers off docs/wallet-api.yaml")
                .isEmpty();
        assertThat(api.exercised())
                .contains(
                        "lookupAccount",
                        "checkPin",
                        "listFailedRecharges",
                        "listTransactionsSinceTrustedLogin",
                        "freezeAccount",
                        "sendResetCode",
                        "unlockLogin");
    }
}
