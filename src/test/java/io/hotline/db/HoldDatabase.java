package io.hotline.db;

import java.nio.file.Path;

/**
 * A second process for tests: starts the embedded database in the data directory given as
 * argument, prints {@code ready}, and runs until its standard input closes.
 */
public final class HoldDatabase {
    private HoldDatabase() {}

    public static void main(String[] args) throws Exception {
        try (Database db = Database.start(DbConfig.embedded(Path.of(args[0])))) {
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our stdin
            }
        }
    }
}
