package io.hotline.doctor;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import io.hotline.db.DbConfig;
import io.hotline.telephony.agi.AgiConfig;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.ami.AmiServer;
import io.hotline.telephony.ari.AriConfig;
import io.hotline.telephony.ari.AriServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code hotline doctor} checks against: the same {@code HOTLINE_*} settings as {@code serve}
 * (AMI, ARI, FastAGI, sounds prefix, fallback queue, flows) plus where the shipped dialplan's hotline
 * extensions are, which the settings do not say.
 *
 * @param servers       the Asterisk servers to check, in the order of {@code HOTLINE_AMI_SERVERS} (or the one of
 *                      {@code HOTLINE_AMI_HOST}); empty when neither is set (nothing can be checked)
 * @param ari           {@code HOTLINE_ARI_*}, checked when {@code HOTLINE_TELEPHONY} is {@code ari} or {@code both}: the
 *                      shared settings, or in a {@link #forServer} config that server's own
 * @param agi           {@code HOTLINE_AGI_*} and {@code HOTLINE_SOUNDS_PREFIX}
 * @param telephony     {@code HOTLINE_TELEPHONY}: {@code agi}, {@code ari} or {@code both}
 * @param fallbackQueue {@code HOTLINE_FALLBACK_QUEUE}
 * @param testQueue     {@code HOTLINE_DOCTOR_QUEUE}, default {@code hotline-doctor}: the member-less queue the
 *                      test call is handed to
 * @param flowsDir      {@code HOTLINE_FLOWS_DIR}: the flows whose queues and prompts must exist
 * @param context       the dialplan context callers land in ({@code --context}, default {@code hotline})
 * @param agiExten      its FastAGI extension ({@code --agi-exten}, default {@code 100})
 * @param ariExten      its ARI extension ({@code --ari-exten}, default {@code 200})
 * @param db            the database of the console users ({@code HOTLINE_DB_*}), when {@code HOTLINE_DB_URL} names
 *                      one; the doctor never starts an embedded database of its own
 * @param testCall      whether to place the test call ({@code --no-call} turns it off)
 * @param timeout       how long each hop of the test call may take ({@code --timeout}, default 10s)
 */
public record DoctorConfig(
        List<Pbx> servers,
        AriConfig ari,
        AgiConfig agi,
        String telephony,
        String fallbackQueue,
        String testQueue,
        Path flowsDir,
        String context,
        String agiExten,
        String ariExten,
        Optional<DbConfig> db,
        boolean testCall,
        Duration timeout) {

    /** The expected Asterisk version: the one the real-PBX test tier runs. */
    public static final String TESTED_VERSION = "22.10.1";

    /**
     * One Asterisk server the doctor checks.
     *
     * @param name its name ({@code HOTLINE_AMI_SERVERS}; the host with {@code HOTLINE_AMI_HOST})
     * @param ami  how to reach its AMI
     * @param ari  its ARI: the server of the same name in {@code HOTLINE_ARI_SERVERS}, or {@code HOTLINE_ARI_URL}
     *             when that list is unset and there is one AMI server; empty when none is paired with it
     */
    public record Pbx(String name, AmiConfig ami, Optional<AriConfig> ari) {
        public Pbx {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ami, "ami");
            Objects.requireNonNull(ari, "ari");
        }
    }

    public DoctorConfig {
        servers = List.copyOf(servers);
        if (!context.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException("--context: letters, digits, '_' and '-' only, got '" + context + "'");
        }
        if (!agiExten.matches("[A-Za-z0-9_+*#-]+") || !ariExten.matches("[A-Za-z0-9_+*#-]+")) {
            throw new ConfigException(
                    "--agi-exten / --ari-exten: an extension, got '" + agiExten + "' / '" + ariExten + "'");
        }
        if (!testQueue.matches("[a-z][A-Za-z0-9_-]*") || testQueue.equals("general")) {
            throw new ConfigException("HOTLINE_DOCTOR_QUEUE: a queue name starting with a lower-case letter (as the"
                    + " [queues] context's pattern wants), not 'general', got '" + testQueue + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException("--timeout: must be positive");
        }
    }

    public static DoctorConfig from(
            Settings s, String context, String agiExten, String ariExten, boolean testCall, Duration timeout) {
        String telephony = s.string("HOTLINE_TELEPHONY", "agi").toLowerCase(Locale.ROOT);
        if (!telephony.equals("agi") && !telephony.equals("ari") && !telephony.equals("both")) {
            throw new ConfigException("HOTLINE_TELEPHONY: must be agi, ari or both, got '" + telephony + "'");
        }
        return new DoctorConfig(
                servers(s),
                AriConfig.from(s),
                AgiConfig.from(s),
                telephony,
                s.string("HOTLINE_FALLBACK_QUEUE", "general-support"),
                testQueue(s),
                s.path("HOTLINE_FLOWS_DIR", "ivr-flows"),
                context,
                agiExten,
                ariExten,
                s.string("HOTLINE_DB_URL", "").isBlank() ? Optional.empty() : Optional.of(DbConfig.from(s)),
                testCall,
                timeout);
    }

    /** Each AMI server with the ARI server of its name, or the one unlisted ARI server when there is one AMI server. */
    static List<Pbx> servers(Settings s) {
        List<AmiServer> ami = AmiServer.from(s);
        List<AriServer> ari = AriServer.from(s);
        boolean listed = !s.string("HOTLINE_ARI_SERVERS", "").isBlank();
        Map<String, AriConfig> byName =
                ari.stream().collect(Collectors.toMap(AriServer::name, AriServer::config, (a, b) -> a));
        Function<AmiServer, Optional<AriConfig>> pair = listed
                ? a -> Optional.ofNullable(byName.get(a.name()))
                : a -> ami.size() == 1 ? Optional.of(ari.get(0).config()) : Optional.empty();
        return ami.stream()
                .map(a -> new Pbx(a.name(), a.config(), pair.apply(a)))
                .toList();
    }

    /** The same checks against one of {@link #servers} only, with its ARI (the shared settings when it has none). */
    public DoctorConfig forServer(Pbx server) {
        return new DoctorConfig(
                List.of(server),
                server.ari().orElse(ari),
                agi,
                telephony,
                fallbackQueue,
                testQueue,
                flowsDir,
                context,
                agiExten,
                ariExten,
                db,
                testCall,
                timeout);
    }

    /** The AMI of the first (in a {@link #forServer} config, the only) server. */
    public Optional<AmiConfig> ami() {
        return servers.stream().findFirst().map(Pbx::ami);
    }

    /** {@code HOTLINE_DOCTOR_QUEUE}: read by {@code serve} too, whose test-call flow hands off to it. */
    public static String testQueue(Settings s) {
        return s.string("HOTLINE_DOCTOR_QUEUE", "hotline-doctor");
    }

    public boolean usesAgi() {
        return !telephony.equals("ari");
    }

    public boolean usesAri() {
        return !telephony.equals("agi");
    }
}
