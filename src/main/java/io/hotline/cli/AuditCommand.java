package io.hotline.cli;

import io.hotline.config.Settings;
import io.hotline.db.AuditLog;
import io.hotline.db.Database;
import io.hotline.db.DbConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hotline audit verify}: walks the audit log's hash chain in the configured database
 * ({@code HOTLINE_DB_*}, as {@code serve}) and prints {@code ok: N entries} with the last hash (exit 0),
 * or the first broken link (exit 1). Keep the printed hash somewhere else: comparing it later also
 * catches someone who rewrote the whole chain.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Audit log tools.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code hotline audit verify}. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description =
                    "Verify the audit log's hash chain: 'ok: N entries' (exit 0) or the first broken link (exit 1).")
    public static final class Verify implements Callable<Integer> {
        private final Settings settings;

        @Spec
        CommandSpec spec;

        public Verify() {
            this(null);
        }

        /** With given settings instead of the environment (tests). */
        public Verify(Settings settings) {
            this.settings = settings;
        }

        @Override
        public Integer call() {
            Settings s = settings != null ? settings : Settings.fromEnvironment();
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = Database.start(DbConfig.from(s))) {
                AuditLog.Verification v = new AuditLog(db.dataSource()).verify();
                if (v.ok()) {
                    out.println("ok: " + v.entries() + " entries"
                            + (v.headHash().isEmpty() ? "" : ", last hash " + v.headHash()));
                    out.flush();
                    return 0;
                }
                out.println("broken: " + v.problem());
                out.flush();
                return 1;
            }
        }
    }
}
