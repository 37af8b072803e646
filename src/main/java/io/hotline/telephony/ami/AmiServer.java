package io.hotline.telephony.ami;

import io.hotline.config.ConfigException;
import io.hotline.config.ServerList;
import io.hotline.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Asterisk server Hotline keeps an AMI link to, with the name screen pops, the queue board and agent states
 * give it.
 *
 * <p>Several servers: {@code HOTLINE_AMI_SERVERS=pbx-a=10.0.0.1,pbx-b=hotline@10.0.0.2:5039} (name, then
 * {@code [user@]host[:port]}; user and port default to {@code HOTLINE_AMI_USER} and {@code HOTLINE_AMI_PORT}) and
 * {@code HOTLINE_AMI_SECRETS=pbx-a=...,pbx-b=...} (a server without one uses {@code HOTLINE_AMI_SECRET}); their
 * links are called {@code ami:pbx-a}, {@code ami:pbx-b}. One server: {@code HOTLINE_AMI_HOST} as before, named
 * after its host, its link called {@code ami}. The retry and timeout settings are shared.
 *
 * @param name   the server's name (letters, digits, {@code . _ -})
 * @param link   the link's name in {@code /health}, the console's header and the lease ({@code ami} or
 *               {@code ami:<name>})
 * @param config how to reach it
 */
public record AmiServer(String name, String link, AmiConfig config) {

    public AmiServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(config, "config");
    }

    /** The lease every node competes for to hold this server's link ({@code ami:<name>}). */
    public String leaseName() {
        return "ami:" + name;
    }

    /** The servers the settings name: {@code HOTLINE_AMI_SERVERS}, else the one {@code HOTLINE_AMI_HOST}, else none. */
    public static List<AmiServer> from(Settings s) {
        String listed = s.string("HOTLINE_AMI_SERVERS", "");
        String secrets = s.secret("HOTLINE_AMI_SECRETS", "");
        if (listed.isBlank()) {
            if (!secrets.isBlank()) {
                throw new ConfigException("HOTLINE_AMI_SECRETS: only with HOTLINE_AMI_SERVERS");
            }
            return AmiConfig.from(s)
                    .map(c -> List.of(new AmiServer(c.host(), "ami", c)))
                    .orElse(List.of());
        }
        if (!s.string("HOTLINE_AMI_HOST", "").isBlank()) {
            throw new ConfigException("HOTLINE_AMI_HOST: set HOTLINE_AMI_HOST (one server) or HOTLINE_AMI_SERVERS "
                    + "(several), not both");
        }
        AmiConfig base = new AmiConfig(
                "-",
                s.integer("HOTLINE_AMI_PORT", 5038, 1, 65535),
                s.string("HOTLINE_AMI_USER", "hotline"),
                s.secret("HOTLINE_AMI_SECRET", ""),
                s.duration("HOTLINE_AMI_RETRY_MIN", java.time.Duration.ofSeconds(1)),
                s.duration("HOTLINE_AMI_RETRY_MAX", java.time.Duration.ofSeconds(30)),
                s.duration("HOTLINE_AMI_TIMEOUT", java.time.Duration.ofSeconds(5)));
        Map<String, String> secretOf = ServerList.pairs("HOTLINE_AMI_SECRETS", secrets, false);
        Map<String, String> where = ServerList.pairs("HOTLINE_AMI_SERVERS", listed, true);
        for (String n : secretOf.keySet()) {
            if (!where.containsKey(n)) {
                throw new ConfigException("HOTLINE_AMI_SECRETS: no server '" + n + "' in HOTLINE_AMI_SERVERS");
            }
        }
        List<AmiServer> out = new ArrayList<>();
        where.forEach((name, address) -> {
            String user = base.user();
            String hostPort = address;
            int at = address.lastIndexOf('@');
            if (at >= 0) {
                user = address.substring(0, at);
                hostPort = address.substring(at + 1);
            }
            int port = base.port();
            String host = hostPort;
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0 && hostPort.indexOf(':') == colon) {
                host = hostPort.substring(0, colon);
                try {
                    port = Integer.parseInt(hostPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    throw new ConfigException(
                            "HOTLINE_AMI_SERVERS: server '" + name + "': bad port in '" + address + "'");
                }
            }
            if (host.isBlank() || user.isBlank()) {
                throw new ConfigException(
                        "HOTLINE_AMI_SERVERS: server '" + name + "': need [user@]host[:port], got '" + address + "'");
            }
            var config = new AmiConfig(
                    host,
                    port,
                    user,
                    secretOf.getOrDefault(name, base.secret()),
                    base.retryMin(),
                    base.retryMax(),
                    base.timeout());
            out.add(new AmiServer(name, where.size() == 1 ? "ami" : "ami:" + name, config));
        });
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "AmiServer[" + name + ", " + config + "]";
    }
}
