package io.hotline.bench.agi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the hypervisor gave to other machines ("steal", the eighth number of {@code /proc/stat}'s
 * {@code cpu} line) as a share of all CPU time between two readings. On a virtual machine whose host
 * is busy it can be a third of the time, and turn times then say more about the neighbours than about
 * the server: the bench prints it next to every run.
 *
 * @param steal jiffies stolen so far, all CPUs
 * @param total jiffies so far, all CPUs, all states
 */
record HostSteal(long steal, long total) {
    private static final Path STAT = Path.of("/proc/stat");

    /** Now, or null where there is no {@code /proc/stat} (not Linux) or it cannot be read. */
    static HostSteal now() {
        try {
            for (String line : Files.readAllLines(STAT)) {
                if (line.startsWith("cpu ")) {
                    return parse(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no figure is better than a wrong one
        }
        return null;
    }

    static HostSteal parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        return new HostSteal(f.length > 8 ? Long.parseLong(f[8]) : 0, total);
    }

    /** The share of CPU time stolen since {@code earlier}, 0..1; -1 when either reading is missing. */
    static double shareSince(HostSteal earlier, HostSteal later) {
        if (earlier == null || later == null || later.total() <= earlier.total()) {
            return -1;
        }
        return (double) (later.steal() - earlier.steal()) / (later.total() - earlier.total());
    }
}
