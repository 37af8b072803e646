package io.hotline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the boundaries drawn in DESIGN.md. */
@DisplayName("Package boundaries")
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.hotline");
    }

    @Test
    @DisplayName("the engine, flows, wallet and tickets know nothing of Asterisk, Vert.x web or telephony")
    void coreIsProtocolFree() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.hotline.engine..",
                        "io.hotline.flow..",
                        "io.hotline.wallet..",
                        "io.hotline.tickets..",
                        "io.hotline.call..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.asteriskjava..", "io.vertx..", "io.hotline.telephony..", "io.hotline.console..")
                .check(classes);
    }

    @Test
    @DisplayName("the engine and flows run no SQL and know nothing of the wallet or tickets")
    void engineHasNoData() {
        noClasses()
                .that()
                .resideInAnyPackage("io.hotline.engine..", "io.hotline.flow..", "io.hotline.call..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "io.hotline.db..",
                        "io.hotline.wallet..",
                        "io.hotline.tickets..",
                        "io.hotline.actions..")
                .check(classes);
    }

    @Test
    @DisplayName("protocol adapters run no SQL")
    void adaptersRunNoSql() {
        noClasses()
                .that()
                .resideInAnyPackage("io.hotline.telephony..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "io.hotline.db..", "io.hotline.wallet..")
                .check(classes);
    }

    /**
     * The packages that own data, each with what it owns: only they may use JDBC ({@code java.sql},
     * {@code javax.sql}) or PostgreSQL's driver. Everyone else (the console, admin's policy, the commands, the
     * composition root, which only hands the pool over) goes through one of them.
     */
    private static final java.util.Map<String, String> DATA_OWNERS = java.util.Map.ofEntries(
            java.util.Map.entry(
                    "io.hotline.db..", "the database itself: pool, migrations, transactions, audit log, demo data"),
            java.util.Map.entry(
                    "io.hotline.wallet..",
                    "accounts, recharges, transactions, transfers, freezes, PIN checks, reset codes, SMS outbox"),
            java.util.Map.entry(
                    "io.hotline.tickets..", "tickets, call sessions, voice messages, agents' ticket work, screen pops"),
            java.util.Map.entry("io.hotline.users..", "the console's users and their password hashes"),
            java.util.Map.entry("io.hotline.agents..", "agent states and their history"),
            java.util.Map.entry(
                    "io.hotline.reports..", "queue_log (Asterisk's and the simulator's) and the reports over it"),
            java.util.Map.entry("io.hotline.cluster..", "cluster_messages and the LISTEN/NOTIFY link between nodes"),
            java.util.Map.entry(
                    "io.hotline.contact..", "queued callbacks: their places, sealed numbers, attempts and leases"),
            java.util.Map.entry(
                    "io.hotline.analytics..",
                    "reads the recorded call sessions (read only) for replay and flow statistics"),
            java.util.Map.entry(
                    "io.hotline.flowtest..", "a flow test case's fixtures, written into its own scratch database"),
            java.util.Map.entry("io.hotline.announcements..", "the announcements admins switch on and off"));

    /** The one class outside {@link #DATA_OWNERS} that owns a table: the published flow versions. */
    private static final String FLOW_VERSIONS = "io.hotline.admin.FlowVersions";

    @Test
    @DisplayName("SQL only in the packages that own data; HikariCP and Flyway only in db")
    void sqlOnlyInOwners() {
        noClasses()
                .that()
                .resideOutsideOfPackages(DATA_OWNERS.keySet().toArray(String[]::new))
                .and()
                .doNotHaveFullyQualifiedName(FLOW_VERSIONS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("io.hotline.db..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.zaxxer.hikari..", "org.flywaydb..")
                .check(classes);
    }

    @Test
    @DisplayName("the wallet and tickets never touch a socket or the engine")
    void dataKnowsNoSockets() {
        noClasses()
                .that()
                .resideInAnyPackage("io.hotline.wallet..", "io.hotline.tickets..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.net..",
                        "io.netty..",
                        "io.hotline.engine..",
                        "io.hotline.telephony..",
                        "io.hotline.actions..")
                .check(classes);
    }

    @Test
    @DisplayName("the SMS connectors depend on the wallet and db only, and the wallet never on them")
    void connectorsSitOnTheWallet() {
        noClasses()
                .that()
                .resideInAPackage("io.hotline.connectors..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.hotline.engine..",
                        "io.hotline.flow..",
                        "io.hotline.actions..",
                        "io.hotline.tickets..",
                        "io.hotline.console..",
                        "io.hotline.telephony..",
                        "io.vertx..",
                        "org.asteriskjava..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage("io.hotline.wallet..", "io.hotline.actions..", "io.hotline.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.hotline.connectors..", "org.jsmpp..")
                .check(classes);
    }

    @Test
    @DisplayName("the actions never depend on a connector")
    void actionsKnowNoConnectors() {
        noClasses()
                .that()
                .resideInAPackage("io.hotline.actions..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.hotline.connectors..", "java.net..", "java.sql..", "javax.sql..", "io.hotline.db..")
                .check(classes);
    }

    @Test
    @DisplayName("the actions reach the wallet only through its port, never the built-in wallet's classes")
    void actionsGoThroughTheWalletPort() {
        noClasses()
                .that()
                .resideInAPackage("io.hotline.actions..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.hotline.wallet.Wallet")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.hotline.wallet.BuiltinWallet")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.hotline.wallet.SmsDispatch")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.hotline.wallet.SmsOutbox")
                .check(classes);
    }

    @Test
    @DisplayName(
            "no package depends on itself through others: configuration at the bottom, the composition root and Main at the top")
    void noCycles() {
        slices().matching("io.hotline.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("the root package holds only Main, and nothing imports it")
    void rootIsTheTop() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.hotline")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.hotline")
                .check(classes);
    }

    @Test
    @DisplayName("the composition root is imported only by the commands and the benchmarks")
    void compositionAtTheTop() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.hotline", "io.hotline.server..", "io.hotline.cli..", "io.hotline.bench..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.hotline.server..")
                .check(classes);
    }

    @Test
    @DisplayName("the benchmarks are reachable only from the commands")
    void benchOnlyFromCli() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.hotline.cli..", "io.hotline.bench..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.hotline.bench..")
                .check(classes);
    }

    @Test
    @DisplayName(
            "the Asterisk emulators speak only the wire: reachable from the benchmarks, knowing no other Hotline part")
    void emulatorsOnlyForBenchmarks() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.hotline.bench..", "io.hotline.emulator..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.hotline.emulator..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.hotline.emulator..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.hotline..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("io.hotline.emulator..")))
                .check(classes);
    }

    @Test
    @DisplayName(
            "the protocol emulators (FastAGI, AMI, ARI) do not depend on one another; what they share is in emulator.asterisk")
    void emulatorsApart() {
        String[] emulators = {"agi", "ami", "ari"};
        for (String a : emulators) {
            noClasses()
                    .that()
                    .resideInAPackage("io.hotline.emulator." + a + "..")
                    .should()
                    .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.hotline.emulator..")
                            .and(JavaClass.Predicates.resideOutsideOfPackages(
                                    "io.hotline.emulator." + a + "..", "io.hotline.emulator.asterisk..")))
                    .check(classes);
        }
        noClasses()
                .that()
                .resideInAPackage("io.hotline.emulator.asterisk..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.hotline.emulator..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("io.hotline.emulator.asterisk..")))
                .check(classes);
    }

    @Test
    @DisplayName("the telephony adapters (FastAGI, ARI, AMI, simulator) do not depend on one another")
    void adaptersApart() {
        String[] adapters = {"agi", "ari", "ami", "sim"};
        for (String a : adapters) {
            for (String b : adapters) {
                if (!a.equals(b)) {
                    noClasses()
                            .that()
                            .resideInAPackage("io.hotline.telephony." + a + "..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAPackage("io.hotline.telephony." + b + "..")
                            .check(classes);
                }
            }
        }
    }

    /** Main classes allowed over {@link #MAX_LINES}, each with its reason; keep this list short. */
    private static final java.util.Map<String, String> LONG_CLASSES = java.util.Map.of(
            "io/hotline/wallet/SmsOutbox.java",
            "the outbox's claim, send, retry and receipt transitions share one lock protocol and read best in one"
                    + " place",
            "io/hotline/flow/NodeParser.java",
            "one reader per node type of the flow-file grammar, side by side so the grammar is read in one place");

    private static final int MAX_LINES = 400;

    @Test
    @DisplayName(
            "no main class has over 400 lines of code (blank and comment lines aside), except a short list with reasons")
    void smallClasses() throws java.io.IOException {
        var root = java.nio.file.Path.of("src/main/java");
        try (var files = java.nio.file.Files.walk(root)) {
            var tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !LONG_CLASSES.containsKey(
                            root.relativize(f).toString().replace('\\', '/')))
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> root.relativize(f) + " (" + lines(f) + " lines of code)")
                    .toList();
            org.assertj.core.api.Assertions.assertThat(tooLong)
                    .as("split these, or add them to LONG_CLASSES with a reason")
                    .isEmpty();
        }
    }

    private static long lines(java.nio.file.Path f) {
        try (var l = java.nio.file.Files.lines(f)) {
            return l.map(String::strip)
                    .filter(line -> !line.isEmpty()
                            && !line.startsWith("//")
                            && !line.startsWith("/*")
                            && !line.startsWith("*"))
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
