package io.hotline.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The doctor's report")
class ReportTest {
    private static final Finding LOGIN = Finding.ok("ami.login", "logged in as hotline");
    private static final Finding VERSION = Finding.warning("ami.version", "Asterisk 20.1.0", "run Asterisk 22.10.1");
    private static final Finding VARS = Finding.problem(
            "ami.channelvars",
            "queue events carry no HOTLINE_TICKET",
            "manager.conf [general] channelvars lacks HOTLINE_TICKET");

    @Test
    @DisplayName("exits 0 with warnings and 1 as soon as one check is a problem")
    void exitStatus() {
        assertThat(new Report("x", List.of(LOGIN, VERSION)).exitCode()).isZero();
        assertThat(new Report("x", List.of(LOGIN, VERSION, VARS)).exitCode()).isEqualTo(1);
        assertThat(new Report("x", List.of()).exitCode()).isZero();
    }

    @Test
    @DisplayName("prints one line per check with its status, the fix under it, and the counts")
    void text() {
        String text = new Report("AMI hotline@pbx:5038", List.of(LOGIN, VERSION, VARS)).text();
        assertThat(text.lines().toList())
                .contains(
                        "hotline doctor: AMI hotline@pbx:5038",
                        "ok       ami.login                  logged in as hotline",
                        "warning  ami.version                Asterisk 20.1.0",
                        "                                    fix: run Asterisk 22.10.1",
                        "problem  ami.channelvars            queue events carry no HOTLINE_TICKET",
                        "                                    fix: manager.conf [general] channelvars lacks HOTLINE_TICKET",
                        "1 ok, 1 warning, 1 problem");
        assertThat(text).doesNotContain("fix: \n");
    }

    @Test
    @DisplayName("--json carries every check with its status, detail and fix, the counts and an overall ok")
    void json() throws Exception {
        JsonNode n = new ObjectMapper().readTree(new Report("t", List.of(LOGIN, VARS)).json());
        assertThat(n.get("ok").asBoolean()).isFalse();
        assertThat(n.get("target").asText()).isEqualTo("t");
        assertThat(n.at("/counts/ok").asInt()).isEqualTo(1);
        assertThat(n.at("/counts/warning").asInt()).isZero();
        assertThat(n.at("/counts/problem").asInt()).isEqualTo(1);
        assertThat(n.at("/checks/1/check").asText()).isEqualTo("ami.channelvars");
        assertThat(n.at("/checks/1/status").asText()).isEqualTo("problem");
        assertThat(n.at("/checks/1/fix").asText()).contains("channelvars lacks HOTLINE_TICKET");
        assertThat(n.at("/checks/0/fix").asText()).isEmpty();
    }

    @Test
    @DisplayName("with several servers, each server's checks come under its name in the text and the JSON, and one"
            + " server's problem fails the whole")
    void severalServers() throws Exception {
        Finding flows = Finding.ok("flows.load", "9 flows in ivr-flows");
        Report r = new Report(
                "2 Asterisk servers (pbx-a, pbx-b)",
                List.of(flows),
                List.of(
                        new Report.Server("pbx-a", "AMI hotline@10.0.0.1:5038", List.of(LOGIN, VERSION)),
                        new Report.Server("pbx-b", "AMI hotline@10.0.0.2:5038", List.of(LOGIN, VARS))));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.find("pbx-a", "ami.channelvars")).isEmpty();
        assertThat(r.find("pbx-b", "ami.channelvars")).contains(VARS);
        String text = r.text();
        assertThat(text.lines().toList())
                .containsSubsequence(
                        "hotline doctor: 2 Asterisk servers (pbx-a, pbx-b)",
                        "ok       flows.load                 9 flows in ivr-flows",
                        "== pbx-a: AMI hotline@10.0.0.1:5038",
                        "ok       ami.login                  logged in as hotline",
                        "warning  ami.version                Asterisk 20.1.0",
                        "pbx-a: 1 ok, 1 warning, 0 problems",
                        "== pbx-b: AMI hotline@10.0.0.2:5038",
                        "problem  ami.channelvars            queue events carry no HOTLINE_TICKET",
                        "pbx-b: 1 ok, 0 warnings, 1 problem",
                        "all servers: 3 ok, 1 warning, 1 problem");

        JsonNode n = new ObjectMapper().readTree(r.json());
        assertThat(n.get("ok").asBoolean()).isFalse();
        assertThat(n.at("/counts/ok").asInt()).isEqualTo(3);
        assertThat(n.at("/checks/0/check").asText()).isEqualTo("flows.load");
        assertThat(n.at("/servers/pbx-a/ok").asBoolean()).isTrue();
        assertThat(n.at("/servers/pbx-a/target").asText()).isEqualTo("AMI hotline@10.0.0.1:5038");
        assertThat(n.at("/servers/pbx-a/counts/warning").asInt()).isEqualTo(1);
        assertThat(n.at("/servers/pbx-b/ok").asBoolean()).isFalse();
        assertThat(n.at("/servers/pbx-b/checks/1/check").asText()).isEqualTo("ami.channelvars");
        assertThat(n.at("/servers/pbx-b/checks/1/status").asText()).isEqualTo("problem");
    }

    @Test
    @DisplayName("one server's report has no servers section")
    void oneServerJson() throws Exception {
        JsonNode n = new ObjectMapper().readTree(new Report("t", List.of(LOGIN)).json());
        assertThat(n.has("servers")).isFalse();
    }

    @Test
    @DisplayName("a check id is <area>.<what>")
    void checkIds() {
        assertThat(VARS.area()).isEqualTo("ami");
        assertThatThrownBy(() -> Finding.ok("login", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Finding.ok("AMI.Login", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
