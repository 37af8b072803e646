package io.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("hotline doctor on the command line")
class DoctorCommandTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private PrintStream original;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        assumeTrue(System.getenv("HOTLINE_AMI_HOST") == null, "this test runs without an Asterisk configured");
        original = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        if (original != null) {
            System.setOut(original);
            System.setErr(originalErr);
        }
    }

    @Test
    @DisplayName("without HOTLINE_AMI_HOST it reports the problem in JSON and exits 1")
    void noAmiJson() throws Exception {
        int code = Main.run("doctor", "--json", "--no-call");
        assertThat(code).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.at("/checks/0/check").asText()).isEqualTo("flows.load");
        assertThat(report.at("/checks/1/check").asText()).isEqualTo("ami.configured");
        assertThat(report.at("/checks/1/fix").asText()).contains("HOTLINE_AMI_HOST");
    }

    @Test
    @DisplayName("a bad option value is a configuration error naming it, exit 2")
    void badTimeout() {
        assertThat(Main.run("doctor", "--timeout", "soon")).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("--timeout");
    }
}
