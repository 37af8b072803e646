package io.hotline.cli;

import io.hotline.config.Settings;
import io.hotline.server.Server;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code hotline serve}: the server ({@link Server}: database, flows, telephony adapters, console); runs until
 * stopped (Ctrl-C / SIGTERM), then shuts down in reverse order.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Start the hotline server (database, flows, FastAGI, console).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.fromEnvironment();
        Server server = Server.start(settings);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("shutting down");
                            server.close();
                            stopped.countDown();
                        },
                        "hotline-shutdown"));
        log.info("configuration: {}", settings.describe());
        log.info(
                "hotline ready: flows v{} ({} flows), database {}",
                server.hotline().flows().current().version(),
                server.hotline().flows().current().flows().size(),
                server.hotline().database().isEmbedded() ? "embedded" : "external");
        stopped.await();
        return 0;
    }
}
