package io.hotline.db;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hotline call} next to a running {@code hotline serve}: both on one embedded database. */
@DisplayName("A second Hotline process on the same data directory")
class SharedDataDirIT {

    @Test
    @DisplayName("uses the running server's embedded database instead of stopping or refusing it")
    void sharesRunningDatabase(@TempDir Path dataDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldDatabase.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            var out = new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // start-up log lines
            }
            assertThat(line).as("the other process started its database").isEqualTo("ready");

            try (Database second = Database.start(DbConfig.embedded(dataDir))) {
                assertThat(second.isEmbedded()).isFalse();
                exec(second, "UPDATE accounts SET holder_name = 'Li Wei (seen by both)' WHERE msisdn = '13800138000'");
            }
            assertThat(server.isAlive())
                    .as("the running server's database was left alone")
                    .isTrue();
            try (Database third = Database.start(DbConfig.embedded(dataDir));
                    Connection c = third.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT holder_name FROM accounts WHERE msisdn = '13800138000'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("Li Wei (seen by both)");
            }
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static void exec(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
