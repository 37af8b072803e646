package io.hotline.server;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import io.hotline.tickets.CallSessions;
import io.hotline.tickets.CallerNumbers;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the core, read from {@code HOTLINE_*}.
 *
 * @param nodeId this server's name among the nodes sharing the database ({@code HOTLINE_NODE_ID},
 *               default the host name): calls are recorded with it, and at start the node closes
 *               only the calls it left in progress itself
 */
public record HotlineConfig(
        Path flowsDir,
        String fallbackQueue,
        Duration ticketBudget,
        String nodeId,
        Duration recordingRetention,
        Duration callerNumberRetention) {
    /** How long callers' voice messages are kept by default ({@code HOTLINE_RECORDINGS_RETENTION}). */
    public static final Duration DEFAULT_RECORDING_RETENTION = Duration.ofDays(30);

    public HotlineConfig {
        if (callerNumberRetention == null || callerNumberRetention.isNegative() || callerNumberRetention.isZero()) {
            throw new ConfigException("HOTLINE_CALLER_NUMBER_RETENTION: must be a positive duration like 168h, got "
                    + callerNumberRetention);
        }
        if (recordingRetention == null || recordingRetention.isNegative() || recordingRetention.isZero()) {
            throw new ConfigException(
                    "HOTLINE_RECORDINGS_RETENTION: must be a positive duration like 720h, got " + recordingRetention);
        }
        if (nodeId == null || !nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException(
                    "HOTLINE_NODE_ID: 1 to 64 letters, digits, '.', '_' or '-', got '" + nodeId + "'");
        }
    }

    public HotlineConfig(Path flowsDir, String fallbackQueue, Duration ticketBudget) {
        this(flowsDir, fallbackQueue, ticketBudget, CallSessions.DEFAULT_NODE);
    }

    public HotlineConfig(Path flowsDir, String fallbackQueue, Duration ticketBudget, String nodeId) {
        this(
                flowsDir,
                fallbackQueue,
                ticketBudget,
                nodeId,
                DEFAULT_RECORDING_RETENTION,
                CallerNumbers.DEFAULT_RETENTION);
    }

    public static HotlineConfig from(Settings s) {
        String fallback = s.string("HOTLINE_FALLBACK_QUEUE", "general-support");
        if (fallback.equals("general")) {
            throw new ConfigException("HOTLINE_FALLBACK_QUEUE: 'general' cannot be a queue name in Asterisk");
        }
        return new HotlineConfig(
                s.path("HOTLINE_FLOWS_DIR", "ivr-flows"),
                fallback,
                s.duration("HOTLINE_TICKET_BUDGET", Duration.ofSeconds(3)),
                s.string("HOTLINE_NODE_ID", hostName()),
                s.duration("HOTLINE_RECORDINGS_RETENTION", DEFAULT_RECORDING_RETENTION),
                s.duration("HOTLINE_CALLER_NUMBER_RETENTION", CallerNumbers.DEFAULT_RETENTION));
    }

    private static String hostName() {
        try {
            String host = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return host.isEmpty() ? CallSessions.DEFAULT_NODE : host.substring(0, Math.min(64, host.length()));
        } catch (java.io.IOException e) {
            return CallSessions.DEFAULT_NODE;
        }
    }
}
