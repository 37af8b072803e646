package io.hotline.telephony.agi;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the FastAGI listener, validated at start.
 *
 * @param port          TCP port ({@code HOTLINE_AGI_PORT}, default 4573; 0 = any free port)
 * @param bind          address to listen on ({@code HOTLINE_AGI_BIND}, default 127.0.0.1)
 * @param allow         peers allowed to connect ({@code HOTLINE_AGI_ALLOW}, comma list of
 *                      addresses; empty = anyone who can reach {@code bind}); a refused peer
 *                      is logged and closed before a byte is read
 * @param soundsPrefix  directory of our prompts as Asterisk sees it ({@code HOTLINE_SOUNDS_PREFIX},
 *                      default {@code hotline}: relative to Asterisk's sounds directory, so
 *                      prompt {@code welcome} in English is {@code STREAM FILE hotline/en/welcome})
 * @param requestTimeout how long a new connection may take to send its {@code agi_} block
 *                      ({@code HOTLINE_AGI_REQUEST_TIMEOUT}, default 10s)
 * @param replyTimeout  how long we wait for any one reply before calling the link dead
 *                      ({@code HOTLINE_AGI_REPLY_TIMEOUT}, default 5m; a reply takes as long as
 *                      the prompt or the digit wait it answers)
 * @param hangupGrace   after a {@code result=-1} reply to a playback with nothing played, how
 *                      long we wait for the {@code HANGUP} line that tells a hang-up from a
 *                      missing sound file ({@code HOTLINE_AGI_HANGUP_GRACE}, default 250ms)
 * @param recordingsDir where Asterisk writes callers' voice messages ({@code RECORD FILE}), as Asterisk sees it
 *                      ({@code HOTLINE_AGI_RECORDINGS_DIR}, default {@code /var/spool/asterisk/recording})
 * @param recordingsLocal the same directory as Hotline sees it: a directory both share (a volume in
 *                      {@code docker/}); Hotline reads each message from it and deletes it
 *                      ({@code HOTLINE_AGI_RECORDINGS_LOCAL}, default the same path)
 */
public record AgiConfig(
        int port,
        InetAddress bind,
        Set<InetAddress> allow,
        String soundsPrefix,
        Duration requestTimeout,
        Duration replyTimeout,
        Duration hangupGrace,
        String recordingsDir,
        java.nio.file.Path recordingsLocal) {
    /** Where Asterisk keeps recordings by default (its {@code astspooldir}/recording). */
    public static final String DEFAULT_RECORDINGS_DIR = "/var/spool/asterisk/recording";

    /** As before voice messages: recordings in Asterisk's default directory, on the same host. */
    @SuppressFBWarnings(
            value = "DMI_HARDCODED_ABSOLUTE_FILENAME",
            justification = "Asterisk's own recording directory, the default both sides share")
    public AgiConfig(
            int port,
            InetAddress bind,
            Set<InetAddress> allow,
            String soundsPrefix,
            Duration requestTimeout,
            Duration replyTimeout,
            Duration hangupGrace) {
        this(
                port,
                bind,
                allow,
                soundsPrefix,
                requestTimeout,
                replyTimeout,
                hangupGrace,
                DEFAULT_RECORDINGS_DIR,
                java.nio.file.Path.of(DEFAULT_RECORDINGS_DIR));
    }

    public AgiConfig {
        if (port < 0 || port > 65535) {
            throw new ConfigException("HOTLINE_AGI_PORT: must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(bind, "bind");
        allow = Set.copyOf(allow);
        Objects.requireNonNull(soundsPrefix, "soundsPrefix");
        if (soundsPrefix.isBlank() || soundsPrefix.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(
                    "HOTLINE_SOUNDS_PREFIX: must be a path without spaces, got '" + soundsPrefix + "'");
        }
        soundsPrefix = soundsPrefix.endsWith("/") ? soundsPrefix.substring(0, soundsPrefix.length() - 1) : soundsPrefix;
        positive("HOTLINE_AGI_REQUEST_TIMEOUT", requestTimeout);
        positive("HOTLINE_AGI_REPLY_TIMEOUT", replyTimeout);
        positive("HOTLINE_AGI_HANGUP_GRACE", hangupGrace);
        Objects.requireNonNull(recordingsDir, "recordingsDir");
        if (!recordingsDir.startsWith("/") || recordingsDir.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(
                    "HOTLINE_AGI_RECORDINGS_DIR: must be an absolute path without spaces, got '" + recordingsDir + "'");
        }
        recordingsDir =
                recordingsDir.endsWith("/") ? recordingsDir.substring(0, recordingsDir.length() - 1) : recordingsDir;
        Objects.requireNonNull(recordingsLocal, "recordingsLocal");
    }

    /** Reads the {@code HOTLINE_AGI_*} keys and {@code HOTLINE_SOUNDS_PREFIX}. */
    public static AgiConfig from(Settings settings) {
        int port = settings.integer("HOTLINE_AGI_PORT", 4573, 0, 65535);
        InetAddress bind = address("HOTLINE_AGI_BIND", settings.string("HOTLINE_AGI_BIND", "127.0.0.1"));
        Set<InetAddress> allow = new LinkedHashSet<>();
        String allowList = settings.string("HOTLINE_AGI_ALLOW", "");
        for (String a : allowList.split(",")) {
            if (!a.isBlank()) {
                allow.add(address("HOTLINE_AGI_ALLOW", a.trim()));
            }
        }
        return new AgiConfig(
                port,
                bind,
                allow,
                settings.string("HOTLINE_SOUNDS_PREFIX", "hotline"),
                settings.duration("HOTLINE_AGI_REQUEST_TIMEOUT", Duration.ofSeconds(10)),
                settings.duration("HOTLINE_AGI_REPLY_TIMEOUT", Duration.ofMinutes(5)),
                settings.duration("HOTLINE_AGI_HANGUP_GRACE", Duration.ofMillis(250)),
                settings.string("HOTLINE_AGI_RECORDINGS_DIR", DEFAULT_RECORDINGS_DIR),
                settings.path(
                        "HOTLINE_AGI_RECORDINGS_LOCAL",
                        settings.string("HOTLINE_AGI_RECORDINGS_DIR", DEFAULT_RECORDINGS_DIR)));
    }

    /** A copy whose voice messages Asterisk writes to {@code asterisk} and Hotline reads from {@code local}. */
    public AgiConfig withRecordings(String asterisk, java.nio.file.Path local) {
        return new AgiConfig(
                port, bind, allow, soundsPrefix, requestTimeout, replyTimeout, hangupGrace, asterisk, local);
    }

    /** Defaults on the loopback address, any free port: for tests and the benchmark. */
    public static AgiConfig loopback() {
        return new AgiConfig(
                0,
                InetAddress.getLoopbackAddress(),
                Set.of(),
                "hotline",
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                Duration.ofMillis(250));
    }

    /** A copy that only lets these peers in. */
    public AgiConfig withAllow(Set<InetAddress> peers) {
        return new AgiConfig(
                port,
                bind,
                peers,
                soundsPrefix,
                requestTimeout,
                replyTimeout,
                hangupGrace,
                recordingsDir,
                recordingsLocal);
    }

    /** A copy with other timeouts. */
    public AgiConfig withTimeouts(Duration request, Duration reply, Duration grace) {
        return new AgiConfig(port, bind, allow, soundsPrefix, request, reply, grace, recordingsDir, recordingsLocal);
    }

    /** Whether a peer may connect. */
    public boolean allows(InetAddress peer) {
        return allow.isEmpty() || allow.contains(peer);
    }

    private static InetAddress address(String key, String value) {
        // only literal addresses: a host name would make start-up depend on DNS
        if (!value.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            throw new ConfigException(key + ": must be an IP address (no host names), got '" + value + "'");
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new ConfigException(key + ": not an IP address: '" + value + "'");
        }
    }

    private static void positive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(key + ": must be positive, got " + d);
        }
    }
}
