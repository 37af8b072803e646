package io.hotline.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A setting that names servers: {@code name=value,name=value} ({@code HOTLINE_AMI_SERVERS}, {@code HOTLINE_ARI_SERVERS}
 * and their secrets). Names are 1 to 64 letters, digits, '.', '_' or '-', each named once.
 */
public final class ServerList {
    private ServerList() {}

    /** {@code name=value,name=value}; names checked, each once. Values may hold '=' but not ','. */
    public static Map<String, String> pairs(String key, String raw, boolean valuesRequired) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : raw.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq).trim();
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new ConfigException(
                        key + ": server names are 1 to 64 letters, digits, '.', '_' or '-', got '" + name + "'");
            }
            if (eq < 0 || (valuesRequired && value.isEmpty())) {
                throw new ConfigException(key + ": '" + name + "' needs a value (" + name + "=...)");
            }
            if (out.put(name, value) != null) {
                throw new ConfigException(key + ": server '" + name + "' named twice");
            }
        }
        if (valuesRequired && out.isEmpty()) {
            throw new ConfigException(key + ": no server named");
        }
        return out;
    }
}
