package io.hotline.telephony.ari;

import io.hotline.config.ConfigException;
import io.hotline.config.ServerList;
import io.hotline.config.Settings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Asterisk server whose Stasis application Hotline registers over ARI, with its name.
 *
 * <p>Several servers: {@code HOTLINE_ARI_SERVERS=pbx-a=http://10.0.0.1:8088,pbx-b=http://hotline@10.0.0.2:8088}
 * (name, then the URL; a user in the URL replaces {@code HOTLINE_ARI_USER}) and
 * {@code HOTLINE_ARI_PASSWORDS=pbx-a=...,pbx-b=...} (a server without one uses {@code HOTLINE_ARI_PASSWORD}); their
 * links are {@code ari:pbx-a}, {@code ari:pbx-b}. The application name, sounds prefix and timeouts are shared.
 * One server: {@code HOTLINE_ARI_URL} as before, named after its host, its link {@code ari}. Use the same names as
 * in {@code HOTLINE_AMI_SERVERS} so that a call's AMI events and its ARI session name the same server.
 *
 * @param name   the server's name
 * @param link   the link's name in {@code /health} and the console's header ({@code ari} or {@code ari:<name>})
 * @param config how to reach it
 */
public record AriServer(String name, String link, AriConfig config) {
    public AriServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(config, "config");
    }

    /** The lease every node competes for to register the application on this server ({@code ari:<name>}). */
    public String leaseName() {
        return "ari:" + name;
    }

    /** The servers the settings name: {@code HOTLINE_ARI_SERVERS}, else the one of {@code HOTLINE_ARI_URL}. */
    public static List<AriServer> from(Settings s) {
        AriConfig base = AriConfig.from(s);
        String listed = s.string("HOTLINE_ARI_SERVERS", "");
        String passwords = s.secret("HOTLINE_ARI_PASSWORDS", "");
        if (listed.isBlank()) {
            if (!passwords.isBlank()) {
                throw new ConfigException("HOTLINE_ARI_PASSWORDS: only with HOTLINE_ARI_SERVERS");
            }
            return List.of(new AriServer(base.host(), "ari", base));
        }
        Map<String, String> where = ServerList.pairs("HOTLINE_ARI_SERVERS", listed, true);
        Map<String, String> passwordOf = ServerList.pairs("HOTLINE_ARI_PASSWORDS", passwords, false);
        for (String n : passwordOf.keySet()) {
            if (!where.containsKey(n)) {
                throw new ConfigException("HOTLINE_ARI_PASSWORDS: no server '" + n + "' in HOTLINE_ARI_SERVERS");
            }
        }
        List<AriServer> out = new ArrayList<>();
        where.forEach((name, url) -> {
            URI uri;
            try {
                uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("HOTLINE_ARI_SERVERS: server '" + name + "': not a URL");
            }
            String user = base.user();
            if (uri.getRawUserInfo() != null) {
                if (uri.getRawUserInfo().contains(":")) {
                    throw new ConfigException("HOTLINE_ARI_SERVERS: server '" + name
                            + "': put the password in HOTLINE_ARI_PASSWORDS, not in the URL");
                }
                user = uri.getUserInfo();
                try {
                    uri = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
                } catch (java.net.URISyntaxException e) {
                    throw new ConfigException("HOTLINE_ARI_SERVERS: server '" + name + "': not a URL");
                }
            }
            var config = new AriConfig(
                    uri,
                    user,
                    passwordOf.getOrDefault(name, base.password()),
                    base.app(),
                    base.soundsPrefix(),
                    base.reconnectMin(),
                    base.reconnectMax(),
                    base.linkLossTimeout(),
                    base.requestTimeout());
            out.add(new AriServer(name, where.size() == 1 ? "ari" : "ari:" + name, config));
        });
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "AriServer[" + name + ", " + config + "]";
    }
}
