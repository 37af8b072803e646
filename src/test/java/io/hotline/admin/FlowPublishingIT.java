package io.hotline.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.call.CallInfo;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.flow.Problem;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimCaller;
import io.hotline.telephony.sim.Transcript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload, publishing under load, refusing broken changes and rolling back, on the shipped flows. */
@DisplayName("Publishing flows")
class FlowPublishingIT {
    static final String OLD_HOLD = "Please hold, an agent will be with you shortly.";
    static final String NEW_HOLD = "Please hold, version two is finding you an agent.";
    static final String MENU = "If a recharge failed, press 1.";
    static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    Path flows;

    Database db;
    Hotline hotline;
    AutoCloseable watcher;

    @BeforeEach
    void start() throws IOException {
        copyFlows(flows);
        db = TestDatabase.fresh();
        hotline = Hotline.onDatabase(db, flows, Clock.systemDefaultZone());
        watcher = hotline.publisher().watch(Duration.ofMillis(150));
    }

    @AfterEach
    void stop() throws Exception {
        watcher.close();
        hotline.close();
        db.close();
    }

    @Test
    @DisplayName("start-up publishes version 1 and records it; a restart with the same files serves it again, "
            + "with changed files numbers on")
    void versionsGoOnAcrossRestarts() throws Exception {
        assertThat(hotline.flows().current().version()).isEqualTo(1);
        StoredVersion v1 = hotline.publisher().versions().latest().orElseThrow();
        assertThat(v1.publishedBy()).isEqualTo("startup");
        assertThat(v1.hash()).isEqualTo(hotline.flows().current().hash());
        assertThat(v1.files()).contains("main.yaml", "stolen.yaml", "verify-identity.yaml");

        try (Hotline again = Hotline.onDatabase(db, flows, Clock.systemDefaultZone())) {
            assertThat(again.flows().current().version()).isEqualTo(1);
        }
        edit("main.yaml", OLD_HOLD, NEW_HOLD);
        try (Hotline again = Hotline.onDatabase(db, flows, Clock.systemDefaultZone())) {
            assertThat(again.flows().current().version()).isEqualTo(2);
            assertThat(call(again, "0").said()).contains(NEW_HOLD);
        }
    }

    @Test
    @DisplayName("a new version published while 200 calls are in progress fails none of them, and each finishes "
            + "on the one version it started on")
    void publishUnderLoad() throws Exception {
        int n = 200;
        var inMenu = new CountDownLatch(n);
        var release = new CountDownLatch(1);
        List<Future<Call>> calls = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                calls.add(threads.submit(() -> call(hotline, new BlockingCaller("0", inMenu, release))));
            }
            assertThat(inMenu.await(120, TimeUnit.SECONDS))
                    .as("all calls reached the main menu")
                    .isTrue();

            edit("main.yaml", OLD_HOLD, NEW_HOLD);
            awaitTrue(() -> hotline.flows().current().version() == 2, "the watcher published version 2");
            Call fresh = call(hotline, "0");
            assertThat(fresh.said()).contains(NEW_HOLD);

            release.countDown();
            for (Future<Call> f : calls) {
                Call c = f.get(120, TimeUnit.SECONDS);
                assertThat(c.ending().reason()).as(c.said()).isEqualTo(CallEnding.Reason.QUEUED);
                assertThat(c.said()).contains(OLD_HOLD).doesNotContain(NEW_HOLD);
            }
        }
        List<String> ids = calls.stream().map(f -> f.resultNow().id()).toList();
        assertThat(versionsOf("call_sessions", ids)).containsOnlyKeys(1L).containsEntry(1L, n);
        assertThat(versionsOf("tickets", ids)).containsOnlyKeys(1L);
        assertThat(versionsOf("call_sessions", List.of(call(hotline, "0").id())))
                .containsOnlyKeys(2L);

        StoredVersion v2 = hotline.publisher().versions().latest().orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.publishedBy()).isEqualTo("file-watcher");
        assertThat(single("select count(*) from audit_log where action = 'flows.publish' and subject = 'flows v2' "
                        + "and actor = 'file-watcher' and detail->'changed' = '[\"main.yaml\"]'::jsonb"))
                .isEqualTo("1");
    }

    @Test
    @DisplayName("two nodes on one database that see the same change serve it as the same version")
    void twoNodesAgreeOnTheVersion() throws Exception {
        try (Hotline other = Hotline.onDatabase(db, flows, Clock.systemDefaultZone())) {
            edit("main.yaml", OLD_HOLD, NEW_HOLD);
            awaitTrue(() -> hotline.flows().current().version() == 2, "the watcher published version 2");
            assertThat(other.publisher().publishDirectory("file-watcher"))
                    .isInstanceOf(FlowPublisher.Outcome.Published.class);
            assertThat(other.flows().current().version()).isEqualTo(2);
            assertThat(other.flows().current().hash())
                    .isEqualTo(hotline.flows().current().hash());
            assertThat(hotline.publisher().versions().list(10)).hasSize(2);
        }
    }

    @Test
    @DisplayName("a broken change is refused with file:line problems and the old version keeps answering")
    void brokenChangeIsRefused() throws Exception {
        edit("main.yaml", "\"1\": recharge", "\"1\": rechrge");
        awaitTrue(() -> hotline.publisher().lastRefusal().isPresent(), "the watcher refused the change");

        assertThat(hotline.publisher().lastRefusal().orElseThrow().problems())
                .extracting(Problem::toString)
                .anySatisfy(p -> assertThat(p)
                        .matches(".*main\\.yaml:\\d+: node 'main_menu': option '1' goes to "
                                + "unknown node 'rechrge'.*"));
        assertThat(hotline.flows().current().version()).isEqualTo(1);
        assertThat(hotline.publisher().versions().latest().orElseThrow().version())
                .isEqualTo(1);
        Call c = call(hotline, "1 2468#");
        assertThat(c.said()).contains("Here are your most recent failed recharges.");
    }

    @Test
    @DisplayName("a rollback publishes an earlier version's files again, in the directory too, and restores behaviour")
    void rollbackRestoresBehaviour() throws Exception {
        String v1Main = Files.readString(flows.resolve("main.yaml"));
        var edited = new java.util.TreeMap<>(hotline.publisher().publishedFiles());
        edited.put("main.yaml", v1Main.replace(OLD_HOLD, NEW_HOLD).getBytes(StandardCharsets.UTF_8));
        assertThat(hotline.publisher().publishFiles(edited, "ann")).isInstanceOf(FlowPublisher.Outcome.Published.class);
        assertThat(call(hotline, "0").said()).contains(NEW_HOLD);
        assertThat(Files.readString(flows.resolve("main.yaml"))).contains(NEW_HOLD);

        var outcome = hotline.publisher().rollback(1, "ann");

        assertThat(outcome).isInstanceOf(FlowPublisher.Outcome.Published.class);
        assertThat(hotline.flows().current().version()).isEqualTo(3);
        assertThat(call(hotline, "0").said()).contains(OLD_HOLD).doesNotContain(NEW_HOLD);
        assertThat(Files.readString(flows.resolve("main.yaml"))).isEqualTo(v1Main);
        StoredVersion v3 = hotline.publisher().versions().latest().orElseThrow();
        assertThat(v3.kind()).isEqualTo("rollback");
        assertThat(v3.restoredFrom()).isEqualTo(1L);
        assertThat(v3.publishedBy()).isEqualTo("ann");
        assertThat(single("select string_agg(actor || ' ' || action || ' ' || subject, ', ' order by id) "
                        + "from audit_log where action like 'flows.%'"))
                .isEqualTo("startup flows.publish flows v1, ann flows.publish flows v2, ann flows.rollback flows v3");
        assertThat(new AuditLogCheck(db).intact()).isTrue();
    }

    @Test
    @DisplayName("an admin's broken edit is refused before anything is written")
    void brokenEditWritesNothing() throws Exception {
        String before = Files.readString(flows.resolve("main.yaml"));
        var edited = new java.util.TreeMap<>(hotline.publisher().publishedFiles());
        edited.put(
                "main.yaml", before.replace("start: welcome", "start: welcom").getBytes(StandardCharsets.UTF_8));

        var outcome = hotline.publisher().publishFiles(edited, "ann");

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        FlowPublisher.Outcome.Refused.class,
                        r -> assertThat(r.problems())
                                .extracting(Problem::toString)
                                .anySatisfy(p ->
                                        assertThat(p).contains("main.yaml:").contains("welcom")));
        assertThat(Files.readString(flows.resolve("main.yaml"))).isEqualTo(before);
        assertThat(hotline.flows().current().version()).isEqualTo(1);
    }

    // ---- helpers ----------------------------------------------------------------------------

    record Call(String id, Transcript transcript, CallEnding ending) {
        String said() {
            return String.join("\n", transcript.prompts());
        }
    }

    /** Presses its keys like a scripted caller, but waits at the main menu until released. */
    static final class BlockingCaller implements SimCaller {
        private final ScriptedCaller keys;
        private final CountDownLatch arrived;
        private final CountDownLatch release;
        private boolean waited;

        BlockingCaller(String keys, CountDownLatch arrived, CountDownLatch release) {
            this.keys = new ScriptedCaller(keys);
            this.arrived = arrived;
            this.release = release;
        }

        @Override
        public Key hear(List<PromptPart> parts, String language, String interruptKeys) {
            if (!waited && Transcript.text(parts).startsWith(MENU)) {
                waited = true;
                arrived.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new io.hotline.call.CallEnded("interrupted");
                }
            }
            return keys.hear(parts, language, interruptKeys);
        }

        @Override
        public Key nextKey(Duration timeout) {
            return keys.nextKey(timeout);
        }
    }

    static Call call(Hotline h, String keys) {
        return call(h, new ScriptedCaller(keys));
    }

    static Call call(Hotline h, SimCaller caller) {
        String id = "pub-" + SEQ.incrementAndGet();
        var transcript = new Transcript();
        var info = new CallInfo(id, "13800138000", "", "en", "main", "sim", Map.of());
        CallEnding ending = h.engine().run(new SimCall(info, caller, null), transcript);
        return new Call(id, transcript, ending);
    }

    /** flow_version → rows, for the given call ids. */
    Map<Long, Integer> versionsOf(String table, List<String> callIds) throws Exception {
        Map<Long, Integer> out = new java.util.TreeMap<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select flow_version, count(*) from " + table
                        + " where call_id = any(?) group by flow_version")) {
            ps.setArray(1, c.createArrayOf("text", callIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    String single(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    void edit(String file, String from, String to) throws IOException {
        Path p = flows.resolve(file);
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        // the watcher has no event to wait on: poll the condition
        await(what).atMost(java.time.Duration.ofSeconds(15)).until(condition::getAsBoolean);
    }

    /** The audit chain still verifies. */
    record AuditLogCheck(Database db) {
        boolean intact() {
            return new io.hotline.db.AuditLog(db.dataSource()).verifyChain();
        }
    }

    static void copyFlows(Path to) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("ivr-flows"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(p, to.resolve(p.getFileName().toString()));
            }
        }
    }
}
