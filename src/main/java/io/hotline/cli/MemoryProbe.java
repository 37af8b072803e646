package io.hotline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntConsumer;

/**
 * {@code hotline bench agi --apart --memory}: the server process's memory idle (read when made, after the
 * warm-up, no call in progress) and once with the calls in ({@link #accept}, from the bench's probe), as growth
 * per call in progress: heap after a full collection, and resident set.
 */
final class MemoryProbe implements IntConsumer {
    private final ApartServers servers;
    private final ApartServers.Memory idle;
    private volatile ApartServers.Memory full;
    private volatile int callsInProgress;

    MemoryProbe(ApartServers servers) throws IOException {
        this.servers = servers;
        this.idle = servers.memory();
    }

    @Override
    public void accept(int inProgress) {
        try {
            full = servers.memory();
            callsInProgress = inProgress;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String render() {
        ApartServers.Memory m = full;
        int n = callsInProgress;
        if (m == null || n == 0) {
            return "  memory            not measured: no call was in progress when the probe ran\n";
        }
        return String.format(
                "  server process    idle: heap after GC %.1f MiB, RSS %.1f MiB; with %d calls in progress:"
                        + " heap after GC %.1f MiB, RSS %.1f MiB%n"
                        + "  per call          heap %.1f KiB, RSS %.1f KiB (growth over idle / calls in progress)%n",
                idle.heapBytes() / 1048576.0,
                idle.residentBytes() / 1048576.0,
                n,
                m.heapBytes() / 1048576.0,
                m.residentBytes() / 1048576.0,
                (m.heapBytes() - idle.heapBytes()) / 1024.0 / n,
                (m.residentBytes() - idle.residentBytes()) / 1024.0 / n);
    }
}
