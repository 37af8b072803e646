package io.hotline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code hotline serve}: being built (see the issue tracker); exits 3 until it is. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("hotline serve: not built yet");
        return 3;
    }
}
