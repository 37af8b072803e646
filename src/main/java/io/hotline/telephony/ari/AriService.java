package io.hotline.telephony.ari;

import io.hotline.call.CallHandler;
import io.hotline.config.Settings;
import io.vertx.core.Vertx;
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
    private final AriClient client;

    private AriService(Vertx vertx, boolean ownsVertx, AriClient client) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.client = client;
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
        return new AriService(vertx, owns, client);
    }

    public AriClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        try {
            client.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } finally {
            if (ownsVertx) {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        }
    }
}
