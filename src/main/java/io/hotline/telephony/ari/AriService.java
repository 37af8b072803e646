package io.hotline.telephony.ari;

import io.hotline.call.CallHandler;
import io.hotline.config.Settings;
import io.hotline.telephony.queue.LinkLease;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ARI adapter as {@code serve} runs it: an {@link AriClient} on its own Vert.x
 * instance (or a shared one), configured from {@code HOTLINE_ARI_*}. Starting never waits
 * for Asterisk: the client keeps reconnecting in the background and {@link #client()}
 * tells the health endpoint whether it is connected.
 */
public final class AriService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AriService.class);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final List<AriClient> clients;

    private AriService(Vertx vertx, boolean ownsVertx, List<AriClient> clients) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.clients = List.copyOf(clients);
    }

    /**
     * One client per Asterisk server ({@link AriServer#from}), each registering the application only while this
     * node holds the server's lease ({@code ari:<name>}).
     */
    public static AriService start(Settings settings, CallHandler handler, LinkLease.Source leases) {
        Vertx vertx = Vertx.vertx();
        List<AriClient> clients = new ArrayList<>();
        for (AriServer server : AriServer.from(settings)) {
            AriClient client =
                    new AriClient(vertx, server.config(), handler, server.name(), leases.lease(server.leaseName()));
            client.start()
                    .onSuccess(v -> log.info(
                            "ARI ready: Stasis application '{}' on {} ({})",
                            server.config().app(),
                            server.name(),
                            server.config().baseUrl()));
            clients.add(client);
        }
        return new AriService(vertx, true, clients);
    }

    /** Starts on a Vert.x instance of its own. */
    public static AriService start(Settings settings, CallHandler handler) {
        return start(Vertx.vertx(), true, AriConfig.from(settings), handler);
    }

    /** Starts on a Vert.x instance of its own, from settings already read ({@code hotline doctor}'s test call). */
    public static AriService start(AriConfig config, CallHandler handler) {
        return start(Vertx.vertx(), true, config, handler);
    }

    /** Starts on a shared Vert.x instance, which {@link #close()} leaves running. */
    public static AriService start(Vertx vertx, Settings settings, CallHandler handler) {
        return start(vertx, false, AriConfig.from(settings), handler);
    }

    private static AriService start(Vertx vertx, boolean owns, AriConfig config, CallHandler handler) {
        AriClient client = new AriClient(vertx, config, handler);
        client.start()
                .onSuccess(v -> log.info("ARI ready: Stasis application '{}' on {}", config.app(), config.baseUrl()));
        return new AriService(vertx, owns, List.of(client));
    }

    /** The (first) server's client. */
    public AriClient client() {
        return clients.getFirst();
    }

    /** One client per Asterisk server. */
    public List<AriClient> clients() {
        return clients;
    }

    @Override
    public void close() throws Exception {
        try {
            io.vertx.core.Future.join(clients.stream().map(AriClient::stop).toList())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
        } finally {
            if (ownsVertx) {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        }
    }
}
