package io.hotline.db;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Database settings, read once at start and validated; a bad value throws {@link ConfigException}
 * naming the key.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code HOTLINE_DB_URL}</td><td>(none)</td><td>JDBC URL of an external PostgreSQL
 *       ({@code jdbc:postgresql://host:5432/db}); none = embedded PostgreSQL in the data dir</td></tr>
 *   <tr><td>{@code HOTLINE_DB_USER}</td><td>(none)</td><td>user for the external database</td></tr>
 *   <tr><td>{@code HOTLINE_DB_PASSWORD}</td><td>(none)</td><td>its password (secret, masked in logs)</td></tr>
 *   <tr><td>{@code HOTLINE_DATA_DIR}</td><td>{@code ./data}</td><td>where the embedded database lives
 *       ({@code <dir>/pg}), kept between runs</td></tr>
 *   <tr><td>{@code HOTLINE_DB_POOL_SIZE}</td><td>20</td><td>maximum pooled connections (1..500)</td></tr>
 *   <tr><td>{@code HOTLINE_DB_DEMO}</td><td>false</td><td>load the demo accounts into an existing or external
 *       database; a freshly created embedded database always gets them</td></tr>
 *   <tr><td>{@code HOTLINE_DB_START_WAIT}</td><td>10s</td><td>how long start-up waits for an external database
 *       to accept connections before giving up</td></tr>
 * </table>
 *
 * @param url       JDBC URL, or null for the embedded database
 * @param user      user name for {@code url}, or null (then the URL's own or the driver default)
 * @param password  password for {@code url}, or null; never shown by {@link #toString()}
 * @param dataDir   the data directory; the embedded cluster lives in {@code dataDir/pg}
 * @param poolSize  maximum pool size
 * @param demo      whether to load demo data even into a database that was not just created
 * @param startWait how long to wait for the database at start
 */
public record DbConfig(
        String url, String user, String password, Path dataDir, int poolSize, boolean demo, Duration startWait) {

    public DbConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(startWait, "startWait");
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("HOTLINE_DB_URL: must be a PostgreSQL JDBC URL starting with "
                    + "'jdbc:postgresql:', got '" + url.replaceAll("password=[^&]*", "password=****") + "'");
        }
        if (poolSize < 1 || poolSize > 500) {
            throw new ConfigException("HOTLINE_DB_POOL_SIZE: must be between 1 and 500, got " + poolSize);
        }
        if (startWait.isNegative()) {
            throw new ConfigException("HOTLINE_DB_START_WAIT: must not be negative, got " + startWait);
        }
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new ConfigException("HOTLINE_DATA_DIR: " + dataDir + " exists and is not a directory");
        }
    }

    /** Reads and validates the {@code HOTLINE_DB_*} keys and {@code HOTLINE_DATA_DIR}. */
    public static DbConfig from(Settings settings) {
        String url = settings.string("HOTLINE_DB_URL", null);
        String user = settings.string("HOTLINE_DB_USER", null);
        String password = settings.secret("HOTLINE_DB_PASSWORD", null);
        Path dir;
        String rawDir = settings.string("HOTLINE_DATA_DIR", "./data");
        try {
            dir = Path.of(rawDir);
        } catch (InvalidPathException e) {
            throw new ConfigException("HOTLINE_DATA_DIR: not a valid path: " + e.getMessage());
        }
        int pool = settings.integer("HOTLINE_DB_POOL_SIZE", 20, 1, 500);
        boolean demo = settings.bool("HOTLINE_DB_DEMO", false);
        Duration wait = settings.duration("HOTLINE_DB_START_WAIT", Duration.ofSeconds(10));
        return new DbConfig(url, user, password, dir, pool, demo, wait);
    }

    /** Embedded database in {@code dataDir}, default pool, for tools and tests. */
    public static DbConfig embedded(Path dataDir) {
        return new DbConfig(null, null, null, dataDir, 20, false, Duration.ofSeconds(10));
    }

    public boolean isEmbedded() {
        return url == null;
    }

    /** The embedded cluster's directory. */
    public Path pgDir() {
        return dataDir.resolve("pg");
    }

    public DbConfig withUrl(String newUrl) {
        return new DbConfig(newUrl, user, password, dataDir, poolSize, demo, startWait);
    }

    public DbConfig withDemo(boolean newDemo) {
        return new DbConfig(url, user, password, dataDir, poolSize, newDemo, startWait);
    }

    public DbConfig withPoolSize(int newPoolSize) {
        return new DbConfig(url, user, password, dataDir, newPoolSize, demo, startWait);
    }

    @Override
    public String toString() {
        return "DbConfig[url=" + (url == null ? "(embedded)" : url.replaceAll("password=[^&]*", "password=****"))
                + ", user=" + user + ", password=" + (password == null ? "" : "****") + ", dataDir=" + dataDir
                + ", poolSize=" + poolSize + ", demo=" + demo + ", startWait=" + startWait + "]";
    }
}
