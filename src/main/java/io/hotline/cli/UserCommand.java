package io.hotline.cli;

import io.hotline.config.Settings;
import io.hotline.db.Database;
import io.hotline.db.DbConfig;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Role;
import io.hotline.users.Users;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline user}: console users. {@code add} creates one (password from {@code --password-file} or
 * stdin, never from the command line), {@code list} shows them. Works while {@code serve} runs on the
 * embedded database: it then connects to that server's PostgreSQL instead of starting its own.
 */
@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Manage console users.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class})
public final class UserCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("hotline user: say 'add' or 'list' (hotline user --help)");
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Create a console user. The password is read from --password-file, or from stdin",
                "(first line; asked twice when stdin is a terminal). At least 8 characters."
            })
    static final class Add implements Callable<Integer> {
        @Option(names = "--login", required = true, description = "Sign-in name: lower-case letters, digits, . _ -")
        String login;

        @Option(names = "--role", required = true, description = "agent, supervisor or admin")
        String role;

        @Option(
                names = "--queues",
                description = "Comma-separated queues, e.g. fraud,general-support",
                defaultValue = "")
        String queues;

        @Option(
                names = "--interface",
                description = "Asterisk queue-member interface, e.g. PJSIP/1001 or Local/agent1@agents")
        String agentInterface;

        @Option(names = "--name", description = "Name shown on the board (default: the login)")
        String name;

        @Option(names = "--password-file", description = "File whose first line is the password")
        Path passwordFile;

        @Override
        public Integer call() throws IOException {
            Users.NewUser user;
            try {
                user = new Users.NewUser(
                        login,
                        name,
                        Role.parse(role),
                        agentInterface,
                        Arrays.stream(queues.split(","))
                                .map(String::trim)
                                .filter(q -> !q.isEmpty())
                                .toList());
            } catch (IllegalArgumentException e) {
                System.err.println("hotline user add: " + e.getMessage());
                return 2;
            }
            Optional<String> password = password();
            if (password.isEmpty()) {
                return 2;
            }
            try {
                Users.checkPassword(password.get());
            } catch (IllegalArgumentException e) {
                System.err.println("hotline user add: " + e.getMessage());
                return 2;
            }
            try (Database db = Database.start(config(Settings.fromEnvironment()))) {
                ConsoleUser u = new Users(db.dataSource(), Clock.systemUTC()).add(user, password.get());
                System.out.println("created " + u.role().wire() + " " + u.login()
                        + (u.agentInterface().isEmpty() ? "" : " on " + u.agentInterface())
                        + (u.queues().isEmpty() ? "" : ", queues " + String.join(",", u.queues())));
                return 0;
            } catch (Users.UserExists e) {
                System.err.println("hotline user add: " + e.getMessage());
                return 1;
            }
        }

        private Optional<String> password() throws IOException {
            if (passwordFile != null) {
                List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
                return Optional.of(lines.isEmpty() ? "" : lines.get(0));
            }
            @SuppressWarnings("SystemConsoleNull") // null on JDK 21 without a terminal; isTerminal covers 22+
            Console terminal = System.console();
            if (terminal != null && isTerminal(terminal)) {
                char[] a = terminal.readPassword("Password for %s: ", login);
                char[] b = terminal.readPassword("Again: ");
                if (a == null || b == null || !Arrays.equals(a, b)) {
                    System.err.println("hotline user add: the passwords differ");
                    return Optional.empty();
                }
                return Optional.of(new String(a));
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return Optional.of(line == null ? "" : line);
        }
    }

    /** JDK 22+ hands out a Console even when stdin is a pipe; ask it whether it really is a terminal. */
    static boolean isTerminal(Console c) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless interactive
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the console users.")
    static final class ListUsers implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Database db = Database.start(config(Settings.fromEnvironment()))) {
                for (ConsoleUser u : new Users(db.dataSource(), Clock.systemUTC()).all()) {
                    System.out.printf(
                            "%-16s %-10s %-24s %s%n",
                            u.login(),
                            u.role().wire(),
                            u.agentInterface().isEmpty() ? "-" : u.agentInterface(),
                            String.join(",", u.queues()));
                }
                return 0;
            }
        }
    }

    /**
     * The database to use: when {@code serve} already runs the embedded PostgreSQL of this data
     * directory, connect to it (starting a second one on the same files would stop the first).
     */
    static DbConfig config(Settings settings) throws java.io.UncheckedIOException {
        DbConfig config = DbConfig.from(settings);
        if (!config.isEmbedded()) {
            return config;
        }
        Path pid = config.pgDir().resolve("postmaster.pid");
        Path portFile = config.dataDir().resolve("pg.port");
        try {
            if (Files.exists(pid) && Files.exists(portFile)) {
                long p = Long.parseLong(Files.readAllLines(pid).getFirst().trim());
                if (ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)) {
                    String port = Files.readString(portFile).trim();
                    return new DbConfig(
                            "jdbc:postgresql://127.0.0.1:" + port + "/hotline",
                            "postgres",
                            null,
                            config.dataDir(),
                            2,
                            false,
                            config.startWait());
                }
            }
        } catch (IOException | NumberFormatException | java.util.NoSuchElementException e) {
            // no usable running server: start the embedded database ourselves
        }
        return config.withPoolSize(2);
    }
}
