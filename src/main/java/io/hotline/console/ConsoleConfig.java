package io.hotline.console;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The console's settings, read once at start; a bad value throws {@link ConfigException} naming the key.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code HOTLINE_HTTP_PORT}</td><td>8080</td><td>console port (0 = any free port)</td></tr>
 *   <tr><td>{@code HOTLINE_HTTP_BIND}</td><td>127.0.0.1</td><td>address the console listens on</td></tr>
 *   <tr><td>{@code HOTLINE_HTTP_SECURE_COOKIE}</td><td>auto</td><td>{@code Secure} flag on the session cookie:
 *       {@code auto} = on unless the console listens on a loopback address over plain HTTP (local demo);
 *       set {@code true} behind a TLS proxy</td></tr>
 *   <tr><td>{@code HOTLINE_SESSION_IDLE}</td><td>8h</td><td>a session unused this long is signed out</td></tr>
 *   <tr><td>{@code HOTLINE_SIGNIN_PER_MINUTE}</td><td>10</td><td>sign-in attempts per minute from one address</td></tr>
 *   <tr><td>{@code HOTLINE_SOFTPHONE}</td><td>true</td><td>serve the softphone page (simulated callers)</td></tr>
 *   <tr><td>{@code HOTLINE_QUEUES}</td><td>fraud,recharge,account,general-support</td><td>queues on the board
 *       even while empty</td></tr>
 *   <tr><td>{@code HOTLINE_SIM_RING}</td><td>20s</td><td>how long a simulated call rings an agent</td></tr>
 *   <tr><td>{@code HOTLINE_TIME_ZONE}</td><td>the system's</td><td>zone for times on screen</td></tr>
 * </table>
 * and the agent-state keys of {@link io.hotline.agents.AgentsConfig}.
 */
public record ConsoleConfig(
        String bind,
        int port,
        boolean secureCookie,
        Duration sessionIdle,
        int signInPerMinute,
        boolean softphone,
        List<String> queues,
        Duration simRing,
        ZoneId zone,
        io.hotline.agents.AgentsConfig agents,
        io.hotline.reports.LiveSettings live) {

    /** The same with other real-time and wallboard settings. */
    public ConsoleConfig withLive(io.hotline.reports.LiveSettings newLive) {
        return new ConsoleConfig(
                bind,
                port,
                secureCookie,
                sessionIdle,
                signInPerMinute,
                softphone,
                queues,
                simRing,
                zone,
                agents,
                newLive);
    }

    public ConsoleConfig {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        queues = List.copyOf(queues);
        Objects.requireNonNull(simRing, "simRing");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(agents, "agents");
        if (queues.contains("general")) {
            throw new ConfigException("HOTLINE_QUEUES: 'general' cannot be a queue name in Asterisk");
        }
    }

    /** With the default agent-state settings. */
    public ConsoleConfig(
            String bind,
            int port,
            boolean secureCookie,
            Duration sessionIdle,
            int signInPerMinute,
            boolean softphone,
            List<String> queues,
            Duration simRing,
            ZoneId zone) {
        this(
                bind,
                port,
                secureCookie,
                sessionIdle,
                signInPerMinute,
                softphone,
                queues,
                simRing,
                zone,
                io.hotline.agents.AgentsConfig.defaults(),
                io.hotline.reports.LiveSettings.DEFAULTS);
    }

    /** The same console with other agent-state settings. */
    public ConsoleConfig withAgents(io.hotline.agents.AgentsConfig a) {
        return new ConsoleConfig(
                bind, port, secureCookie, sessionIdle, signInPerMinute, softphone, queues, simRing, zone, a, live);
    }

    public static ConsoleConfig from(Settings s) {
        String bind = s.string("HOTLINE_HTTP_BIND", "127.0.0.1");
        int port = s.integer("HOTLINE_HTTP_PORT", 8080, 0, 65535);
        String secure = s.string("HOTLINE_HTTP_SECURE_COOKIE", "auto").toLowerCase(java.util.Locale.ROOT);
        boolean secureCookie = switch (secure) {
            case "auto" -> !isLoopback(bind);
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default ->
                throw new ConfigException(
                        "HOTLINE_HTTP_SECURE_COOKIE: must be auto, true or false, got '" + secure + "'");
        };
        Duration idle = s.duration("HOTLINE_SESSION_IDLE", Duration.ofHours(8));
        int perMinute = s.integer("HOTLINE_SIGNIN_PER_MINUTE", 10, 1, 10_000);
        boolean softphone = s.bool("HOTLINE_SOFTPHONE", true);
        List<String> queues = Arrays.stream(s.string("HOTLINE_QUEUES", "fraud,recharge,account,general-support")
                        .split(","))
                .map(String::trim)
                .filter(q -> !q.isEmpty())
                .toList();
        Duration ring = s.duration("HOTLINE_SIM_RING", Duration.ofSeconds(20));
        String zoneName = s.string("HOTLINE_TIME_ZONE", ZoneId.systemDefault().getId());
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new ConfigException("HOTLINE_TIME_ZONE: not a time zone: '" + zoneName + "'");
        }
        return new ConsoleConfig(
                bind,
                port,
                secureCookie,
                idle,
                perMinute,
                softphone,
                queues,
                ring,
                zone,
                io.hotline.agents.AgentsConfig.from(s),
                io.hotline.reports.LiveSettings.from(s));
    }

    /** For tests: any free port on loopback, plain-HTTP cookies, the given sign-in rate. */
    public static ConsoleConfig forTests(int signInPerMinute, Duration simRing) {
        // no after-call work and no pause after a missed call unless a test asks for them (withAgents)
        return new ConsoleConfig(
                "127.0.0.1",
                0,
                false,
                Duration.ofHours(1),
                signInPerMinute,
                true,
                List.of("fraud", "recharge", "account", "general-support"),
                simRing,
                ZoneId.systemDefault(),
                io.hotline.agents.AgentsConfig.defaults()
                        .withWrapUp(Duration.ZERO)
                        .withPauseOnMissed(false),
                io.hotline.reports.LiveSettings.DEFAULTS);
    }

    static boolean isLoopback(String bind) {
        if (bind.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("HOTLINE_HTTP_BIND: unknown address '" + bind + "'");
        }
    }
}
