package io.hotline.cli;

import io.hotline.bench.agi.BareAgiBaseline;
import io.hotline.bench.agi.ReplayHandler;
import io.hotline.telephony.agi.AgiConfig;
import io.hotline.telephony.agi.AgiServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The two yardsticks of {@code hotline bench agi} on the command sequences our server sent: the bare
 * asterisk-java script and our FastAGI layer alone ({@link ReplayHandler}), in this process or, with
 * {@code --apart}, in the servers' own process.
 */
final class Baselines implements AutoCloseable {
    private final int port;
    private final int layerPort;
    private final BareAgiBaseline bare;
    private final AgiServer layer;

    private Baselines(int port, int layerPort, BareAgiBaseline bare, AgiServer layer) {
        this.port = port;
        this.layerPort = layerPort;
        this.bare = bare;
        this.layer = layer;
    }

    /** Starts both, in {@code apart}'s process when there is one, else here. */
    static Baselines start(ApartServers apart, Map<String, List<String>> sequences) throws IOException {
        if (apart != null) {
            int[] ports = apart.startBaselines(sequences);
            return new Baselines(ports[0], ports[1], null, null);
        }
        BareAgiBaseline bare = new BareAgiBaseline(sequences);
        AgiServer layer = new AgiServer(AgiConfig.loopback(), new ReplayHandler(sequences)).start();
        return new Baselines(bare.port(), layer.port(), bare, layer);
    }

    /** The bare asterisk-java script's port. */
    int port() {
        return port;
    }

    /** Our FastAGI layer's port. */
    int layerPort() {
        return layerPort;
    }

    /** Stops what runs here; the servers' process stops its own when it ends. */
    @Override
    public void close() {
        if (layer != null) {
            layer.close();
        }
        if (bare != null) {
            bare.close();
        }
    }
}
