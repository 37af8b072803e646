package io.hotline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code hotline lint}: being built (see the issue tracker); exits 3 until it is. */
@Command(name = "lint", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class LintCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("hotline lint: not built yet");
        return 3;
    }
}
