package io.hotline.doctor;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.actions.HotlineActions;
import io.hotline.db.Database;
import io.hotline.flow.Flow;
import io.hotline.flow.FlowLoader;
import io.hotline.flow.FlowSet;
import io.hotline.flow.LoadResult;
import io.hotline.flow.Node;
import io.hotline.prompts.PromptCatalog;
import io.hotline.telephony.agi.AgiServer;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.ari.AriService;
import io.hotline.users.ConsoleUser;
import io.hotline.users.Users;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hotline doctor}: checks a running Asterisk against what Hotline needs, through Asterisk's own
 * interfaces only (AMI, ARI, a test call), in this order: AMI (reachable, login, write classes, version),
 * the flows' queues and their members, the dialplan's entry points and globals, ARI, then the test call
 * (which also looks at the sounds and at {@code channelvars}). A check that cannot run because an earlier
 * one failed is left out rather than reported twice.
 *
 * <p>The test call goes to the running {@code serve} when one holds the FastAGI port; otherwise the doctor
 * listens there itself for the moment of the call, answering only its own test call (any other call that
 * arrives meanwhile is let go at once, so the dialplan sends it to the fallback queue as when Hotline is down).
 */
public final class Doctor {
    private static final Logger log = LoggerFactory.getLogger(Doctor.class);

    private final DoctorConfig config;

    public Doctor(DoctorConfig config) {
        this.config = config;
    }

    /**
     * Every check against every Asterisk server of the settings: with one, a report as it always was; with several
     * ({@code HOTLINE_AMI_SERVERS}), each server's checks under its name, one after the other.
     */
    public Report run() {
        List<Finding> out = new ArrayList<>();
        Optional<FlowSet> flows = flows(out);
        List<DoctorConfig.Pbx> servers = config.servers();
        if (servers.isEmpty()) {
            out.add(Finding.problem(
                    "ami.configured",
                    "neither HOTLINE_AMI_HOST nor HOTLINE_AMI_SERVERS is set: Hotline has no AMI link, so no screen"
                            + " pops, and the doctor cannot reach Asterisk",
                    "set HOTLINE_AMI_HOST, HOTLINE_AMI_PORT,"
                            + " HOTLINE_AMI_USER and HOTLINE_AMI_SECRET (or HOTLINE_AMI_SERVERS and"
                            + " HOTLINE_AMI_SECRETS) as for serve"));
            return new Report(target(), out);
        }
        if (servers.size() == 1) {
            Doctor one = new Doctor(config.forServer(servers.get(0)));
            out.addAll(one.server(flows));
            return new Report(one.target(), out);
        }
        List<Report.Server> each = new ArrayList<>();
        for (DoctorConfig.Pbx p : servers) {
            Doctor one = new Doctor(config.forServer(p));
            each.add(new Report.Server(p.name(), one.target(), one.server(flows)));
        }
        String names = servers.stream().map(DoctorConfig.Pbx::name).collect(Collectors.joining(", "));
        return new Report(servers.size() + " Asterisk servers (" + names + ")", out, each);
    }

    /** The checks of the one server of this (a {@link DoctorConfig#forServer}) config. */
    private List<Finding> server(Optional<FlowSet> flows) {
        List<Finding> out = new ArrayList<>();
        DoctorConfig.Pbx pbx = config.servers().get(0);
        if (config.usesAri() && pbx.ari().isEmpty()) {
            out.add(Finding.problem(
                    "ari.configured",
                    "no ARI server is paired with Asterisk server " + pbx.name() + " (HOTLINE_TELEPHONY="
                            + config.telephony() + ")",
                    "name it in HOTLINE_ARI_SERVERS with the name it has in HOTLINE_AMI_SERVERS (" + pbx.name()
                            + "=http://...)"));
        }
        AmiConfig a = pbx.ami();
        try (DoctorAmi ami = DoctorAmi.connect(a.host(), a.port(), a.timeout())) {
            out.add(Finding.ok("ami.reachable", a.host() + ":" + a.port() + " answers (" + ami.banner() + ")"));
            Map<String, String> login = ami.login(a.user(), a.secret(), "on");
            if (!"Success".equals(login.get("Response"))) {
                out.add(
                        Finding.problem(
                                "ami.login",
                                "Asterisk refused the login of " + a.user() + ": "
                                        + login.getOrDefault("Message", login.toString()),
                                "HOTLINE_AMI_SECRET must equal manager.conf [" + a.user()
                                        + "] secret (HOTLINE_AMI_USER names"
                                        + " the section), and its deny/permit lines must let this host in; then 'manager reload'"));
                return out;
            }
            out.add(Finding.ok("ami.login", "logged in as " + a.user()));
            checks(ami, flows, out);
        } catch (IOException e) {
            out.add(Finding.problem(
                    "ami.reachable",
                    "cannot reach AMI at " + a.host() + ":" + a.port() + ": " + e.getMessage(),
                    "start Asterisk; manager.conf [general] enabled = yes, port = " + a.port()
                            + ", bindaddr reachable from this host; HOTLINE_AMI_HOST / HOTLINE_AMI_PORT"
                            + " (or HOTLINE_AMI_SERVERS) name it"));
        } catch (DoctorAmi.AmiFailure e) {
            out.add(Finding.problem("ami.reachable", e.getMessage(), "check Asterisk's log; the AMI connection broke"));
        }
        return out;
    }

    /** Whether this server has an ARI to check (always, when there is one server and HOTLINE_ARI_URL). */
    private boolean ariPaired() {
        return config.usesAri()
                && config.servers().stream()
                        .findFirst()
                        .flatMap(DoctorConfig.Pbx::ari)
                        .isPresent();
    }

    private void checks(DoctorAmi ami, Optional<FlowSet> flows, List<Finding> out) {
        var amiChecks = new AmiChecks(ami, config);
        Finding write = amiChecks.privileges();
        out.add(write);
        out.add(amiChecks.version());
        Map<String, String> queues = expectedQueues(flows);
        Map<String, AmiChecks.Queue> found = amiChecks.queues();
        out.addAll(AmiChecks.queues(queues, found, amiChecks::memberExists));
        out.addAll(users(amiChecks, queues, found));
        out.addAll(amiChecks.dialplan(queues.keySet()));
        out.addAll(amiChecks.oneAgent(found));
        boolean serveOnAri = false;
        if (ariPaired()) {
            List<Finding> ari = new AriChecks(config.ari(), config.timeout()).run(false);
            out.addAll(ari);
            serveOnAri = ari.stream()
                    .anyMatch(f -> f.check().equals("ari.app") && f.detail().contains("is registered"));
        }
        if (!config.testCall()) {
            out.add(Finding.warning(
                    "call.skipped",
                    "no test call (--no-call): sounds, channelvars and the dialplan's"
                            + " path into Hotline are unchecked",
                    "run without --no-call"));
            return;
        }
        if (write.status() == Status.PROBLEM) {
            out.add(Finding.warning(
                    "call.skipped",
                    "no test call: the AMI user may not originate it (see ami.write)",
                    "fix ami.write"));
            return;
        }
        if (config.usesAgi()) {
            out.addAll(agiCall(ami, flows));
        } else {
            out.add(Finding.warning(
                    "sounds.checked",
                    "sounds not checked: only a FastAGI call may ask Asterisk for"
                            + " files (AMI and ARI may not evaluate STAT)",
                    "run the doctor once with HOTLINE_TELEPHONY=both" + " (its own FastAGI listener answers extension "
                            + config.agiExten() + ")"));
        }
        if (ariPaired()) {
            out.addAll(serveOnAri ? new TestCall(ami, config, "ari").run() : ariCall(ami, flows));
        }
    }

    /** The console users' interfaces and who answers each queue; only with an external database (HOTLINE_DB_URL). */
    private List<Finding> users(AmiChecks amiChecks, Map<String, String> expected, Map<String, AmiChecks.Queue> found) {
        if (config.db().isEmpty()) {
            return List.of(Finding.warning(
                    "ami.user-interfaces",
                    "console users' interfaces not checked: HOTLINE_DB_URL"
                            + " is unset and the doctor does not open an embedded database",
                    "run the doctor with serve's" + " HOTLINE_DB_URL / HOTLINE_DB_USER / HOTLINE_DB_PASSWORD"));
        }
        Map<String, AmiChecks.Queue> flowQueues = new TreeMap<>();
        expected.forEach((q, by) -> {
            if (found.containsKey(q) && !by.startsWith("HOTLINE_DOCTOR_QUEUE")) {
                flowQueues.put(q, found.get(q));
            }
        });
        try (Database db = Database.start(config.db().get())) {
            List<ConsoleUser> users = new Users(db.dataSource(), Clock.systemUTC()).all();
            return UserChecks.check(users, flowQueues, amiChecks::memberExists);
        } catch (RuntimeException e) {
            return List.of(Finding.problem(
                    "ami.user-interfaces",
                    "cannot read the console users: " + e.getMessage(),
                    "HOTLINE_DB_URL / HOTLINE_DB_USER / HOTLINE_DB_PASSWORD must be serve's"));
        }
    }

    /** The FastAGI test call: to the running serve, or to the doctor's own listener on the same port. */
    private List<Finding> agiCall(DoctorAmi ami, Optional<FlowSet> flows) {
        List<Finding> out = new ArrayList<>();
        PromptCatalog catalog = PromptCatalog.from(flows.orElse(new FlowSet(0, "", Map.of())));
        var flow = new TestCallFlow(() -> catalog, config.agi().soundsPrefix(), config.testQueue());
        AgiServer own = new AgiServer(
                config.agi(),
                flow.around(call -> log.warn(
                        "call {} reached the doctor's FastAGI listener: let go (the dialplan's fallback takes it)",
                        call.info().callId()))::accept);
        boolean listening;
        String where = config.agi().bind().getHostAddress() + ":" + config.agi().port();
        try {
            own.start();
            listening = true;
        } catch (IOException e) {
            listening = false;
            if (!answers(config.agi().bind(), config.agi().port())) {
                out.add(Finding.problem(
                        "call.server",
                        "no Hotline server answers FastAGI " + where + " and the doctor" + " cannot listen there: "
                                + e.getMessage(),
                        "set HOTLINE_AGI_BIND / HOTLINE_AGI_PORT as for" + " serve"));
                return out;
            }
        }
        out.add(Finding.ok(
                "call.server",
                listening
                        ? "no Hotline server holds FastAGI " + where + ": the doctor"
                                + " answers its test call there itself"
                        : "a Hotline server holds FastAGI " + where + ": it answers the" + " test call"));
        try {
            out.addAll(new TestCall(ami, config, "agi").run());
        } finally {
            if (listening) {
                own.close();
            }
        }
        return out;
    }

    /** The ARI test call with no Hotline server: the doctor registers the Stasis application for it itself. */
    private List<Finding> ariCall(DoctorAmi ami, Optional<FlowSet> flows) {
        List<Finding> out = new ArrayList<>();
        PromptCatalog catalog = PromptCatalog.from(flows.orElse(new FlowSet(0, "", Map.of())));
        var flow = new TestCallFlow(() -> catalog, config.ari().soundsPrefix(), config.testQueue());
        AriService ari = AriService.start(
                config.ari(),
                flow.around(call -> log.warn(
                        "call {} reached the doctor's Stasis application: let go",
                        call.info().callId()))::accept);
        try {
            long deadline = System.nanoTime() + config.timeout().toNanos();
            while (!ari.client().isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (!ari.client().isConnected()) {
                out.add(Finding.problem(
                        "call.ari-server",
                        "the doctor could not register Stasis application "
                                + config.ari().app() + " for the ARI test call",
                        "see ari.app"));
                return out;
            }
            out.add(Finding.ok(
                    "call.ari-server",
                    "no Hotline server has Stasis application " + config.ari().app()
                            + ": the doctor registered it for its ARI test call"));
            out.addAll(new TestCall(ami, config, "ari").run());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                ari.close();
            } catch (Exception e) {
                log.warn("stopping the doctor's ARI link: {}", e.getMessage());
            }
        }
        return out;
    }

    /** Whether something accepts connections on the FastAGI port (a running serve, when the doctor cannot bind it). */
    @SuppressFBWarnings(value = "UNENCRYPTED_SOCKET", justification = "probes the FastAGI port, which is plain TCP")
    private boolean answers(java.net.InetAddress bind, int port) {
        java.net.InetAddress to = bind.isAnyLocalAddress() ? java.net.InetAddress.getLoopbackAddress() : bind;
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(to, port), (int)
                    config.timeout().toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<FlowSet> flows(List<Finding> out) {
        LoadResult loaded = new FlowLoader().load(config.flowsDir(), HotlineActions.CATALOG);
        if (!loaded.ok() || loaded.flowSet().isEmpty()) {
            out.add(Finding.problem(
                    "flows.load",
                    "the flows in " + config.flowsDir() + " do not load: "
                            + loaded.problems().stream()
                                    .limit(3)
                                    .map(Object::toString)
                                    .toList(),
                    "run 'hotline lint' and fix the flows (HOTLINE_FLOWS_DIR names their directory)"));
            return Optional.empty();
        }
        out.add(Finding.ok("flows.load", loaded.flowSet().get().flows().size() + " flows in " + config.flowsDir()));
        return loaded.flowSet();
    }

    /** The flows' {@code queue:} nodes' queues, the fallback and the test queue, each with who names it. */
    Map<String, String> expectedQueues(Optional<FlowSet> flows) {
        Map<String, String> out = new TreeMap<>();
        flows.ifPresent(set -> {
            for (Flow f : set.flows().values()) {
                for (Node n : f.nodes().values()) {
                    if (n instanceof Node.Queue q) {
                        out.putIfAbsent(q.queue(), q.source().file());
                    }
                }
            }
        });
        out.putIfAbsent(config.fallbackQueue(), "HOTLINE_FALLBACK_QUEUE");
        Map<String, String> ordered = new LinkedHashMap<>(out);
        ordered.put(config.testQueue(), "HOTLINE_DOCTOR_QUEUE, the test call's");
        return ordered;
    }

    private String target() {
        String ami = config.ami()
                .map(a -> "AMI " + a.user() + "@" + a.host() + ":" + a.port())
                .orElse("no AMI");
        return ami + (ariPaired() ? ", ARI " + config.ari().baseUrl() : "") + ", dialplan [" + config.context()
                + "] " + (config.usesAgi() ? config.agiExten() : "")
                + (config.telephony().equals("both") ? "/" : "")
                + (config.usesAri() ? config.ariExten() : "");
    }
}
