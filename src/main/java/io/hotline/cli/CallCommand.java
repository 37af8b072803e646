package io.hotline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code hotline call}: being built (see the issue tracker); exits 3 until it is. */
@Command(name = "call", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class CallCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("hotline call: not built yet");
        return 3;
    }
}
