package io.hotline.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What the doctor checks against")
class DoctorConfigTest {

    private static DoctorConfig config(Map<String, String> env) {
        return DoctorConfig.from(Settings.from(env), "hotline", "100", "200", false, Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("one HOTLINE_AMI_HOST is one server, paired with HOTLINE_ARI_URL")
    void oneServer() {
        DoctorConfig c = config(Map.of(
                "HOTLINE_AMI_HOST",
                "10.0.0.1",
                "HOTLINE_ARI_URL",
                "http://10.0.0.1:8088",
                "HOTLINE_TELEPHONY",
                "both"));
        assertThat(c.servers()).hasSize(1);
        DoctorConfig.Pbx p = c.servers().get(0);
        assertThat(p.name()).isEqualTo("10.0.0.1");
        assertThat(p.ami().host()).isEqualTo("10.0.0.1");
        assertThat(p.ari().orElseThrow().baseUrl()).hasToString("http://10.0.0.1:8088");
    }

    @Test
    @DisplayName("HOTLINE_AMI_SERVERS is every server, each with its own secret and the ARI server of its name")
    void severalServersPairedByName() {
        DoctorConfig c = config(Map.of(
                "HOTLINE_AMI_SERVERS", "pbx-a=10.0.0.1,pbx-b=ops@10.0.0.2:5039",
                "HOTLINE_AMI_SECRETS", "pbx-a=sa,pbx-b=sb",
                "HOTLINE_ARI_SERVERS", "pbx-b=http://10.0.0.2:8088,pbx-a=http://10.0.0.1:8088",
                "HOTLINE_ARI_PASSWORDS", "pbx-a=pa,pbx-b=pb",
                "HOTLINE_TELEPHONY", "ari"));
        assertThat(c.servers()).extracting(DoctorConfig.Pbx::name).containsExactly("pbx-a", "pbx-b");
        DoctorConfig.Pbx b = c.servers().get(1);
        assertThat(b.ami().host()).isEqualTo("10.0.0.2");
        assertThat(b.ami().port()).isEqualTo(5039);
        assertThat(b.ami().user()).isEqualTo("ops");
        assertThat(b.ami().secret()).isEqualTo("sb");
        assertThat(b.ari().orElseThrow().baseUrl()).hasToString("http://10.0.0.2:8088");
        assertThat(b.ari().orElseThrow().password()).isEqualTo("pb");

        DoctorConfig onB = c.forServer(b);
        assertThat(onB.servers()).containsExactly(b);
        assertThat(onB.ami().orElseThrow().host()).isEqualTo("10.0.0.2");
        assertThat(onB.ari().baseUrl()).hasToString("http://10.0.0.2:8088");
    }

    @Test
    @DisplayName(
            "a server HOTLINE_ARI_SERVERS does not name has no ARI; so has each of several with one HOTLINE_ARI_URL")
    void unpairedAri() {
        Map<String, String> env = new HashMap<>(Map.of(
                "HOTLINE_AMI_SERVERS", "pbx-a=10.0.0.1,pbx-b=10.0.0.2",
                "HOTLINE_ARI_SERVERS", "pbx-a=http://10.0.0.1:8088"));
        assertThat(config(env).servers().get(0).ari()).isPresent();
        assertThat(config(env).servers().get(1).ari()).isEmpty();
        env.remove("HOTLINE_ARI_SERVERS");
        env.put("HOTLINE_ARI_URL", "http://10.0.0.1:8088");
        assertThat(config(env).servers()).allSatisfy(p -> assertThat(p.ari()).isEmpty());
    }

    @Test
    @DisplayName("no AMI setting is no server; a bad list is a configuration error naming the setting")
    void noneAndBad() {
        assertThat(config(Map.of()).servers()).isEmpty();
        assertThatThrownBy(() -> config(Map.of("HOTLINE_AMI_SERVERS", "pbx a=10.0.0.1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOTLINE_AMI_SERVERS");
        assertThatThrownBy(() -> config(Map.of("HOTLINE_AMI_SERVERS", "pbx-a=h", "HOTLINE_AMI_HOST", "h")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not both");
    }

    @Test
    @DisplayName("with several servers each one's findings come under its name, and one unreachable server fails it")
    void everyServerChecked() throws Exception {
        int closedA;
        int closedB;
        try (ServerSocket a = new ServerSocket(0);
                ServerSocket b = new ServerSocket(0)) {
            closedA = a.getLocalPort();
            closedB = b.getLocalPort();
        }
        Report r = new Doctor(config(Map.of(
                        "HOTLINE_AMI_SERVERS",
                        "pbx-a=127.0.0.1:" + closedA + ",pbx-b=127.0.0.1:" + closedB,
                        "HOTLINE_TELEPHONY",
                        "both",
                        "HOTLINE_ARI_SERVERS",
                        "pbx-a=http://127.0.0.1:1")))
                .run();
        assertThat(r.servers()).extracting(Report.Server::name).containsExactly("pbx-a", "pbx-b");
        assertThat(r.find("flows.load").orElseThrow().status()).isEqualTo(Status.OK);
        assertThat(r.find("pbx-a", "ami.reachable").orElseThrow().detail()).contains("127.0.0.1:" + closedA);
        assertThat(r.find("pbx-b", "ami.reachable").orElseThrow().detail()).contains("127.0.0.1:" + closedB);
        assertThat(r.find("pbx-a", "ari.configured")).isEmpty();
        assertThat(r.find("pbx-b", "ari.configured").orElseThrow().fix()).contains("HOTLINE_ARI_SERVERS", "pbx-b=");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.target()).isEqualTo("2 Asterisk servers (pbx-a, pbx-b)");
        assertThat(r.text()).contains("== pbx-a: AMI hotline@127.0.0.1:" + closedA, "== pbx-b: AMI hotline@127.0.0.1:");
    }
}
