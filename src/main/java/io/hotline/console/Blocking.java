package io.hotline.console;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs blocking work (JDBC, password hashing) on a virtual thread and completes the returned future
 * back on the console's event-loop context, so callbacks run where the console's state lives.
 * The event loop itself never blocks.
 */
final class Blocking implements AutoCloseable {
    private final Context context;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("console-io-", 0).factory());

    Blocking(Context context) {
        this.context = context;
    }

    <T> Future<T> run(Callable<T> work) {
        Promise<T> promise = Promise.promise();
        try {
            threads.execute(() -> {
                try {
                    T value = work.call();
                    context.runOnContext(v -> promise.complete(value));
                } catch (Exception | Error e) {
                    context.runOnContext(v -> promise.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            promise.fail(e);
        }
        return promise.future();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
