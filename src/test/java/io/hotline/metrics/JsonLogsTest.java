package io.hotline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The server's logback.xml with HOTLINE_LOG_FORMAT=json: one JSON object a line, with the call id. */
@DisplayName("JSON logs")
class JsonLogsTest {

    @Test
    @DisplayName(
            "HOTLINE_LOG_FORMAT=json writes one JSON object per line carrying level, logger, message and the call id")
    void jsonLines() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream err = System.err;
        var captured = new ByteArrayOutputStream();
        System.setProperty("HOTLINE_LOG_FORMAT", "json");
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            configure(ctx, "/logback.xml");
            MDC.put("call", "call-42");
            LoggerFactory.getLogger("io.hotline.engine.CallRun").info("action {} -> {}", "freeze_account", "frozen");
            MDC.remove("call");
        } finally {
            System.setErr(err);
            System.clearProperty("HOTLINE_LOG_FORMAT");
            configure(ctx, "/logback-test.xml");
        }
        String line = captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("freeze_account"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line in: " + captured.toString(StandardCharsets.UTF_8)
                        + " status: " + ctx.getStatusManager().getCopyOfStatusList()));
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("loggerName").asText()).isEqualTo("io.hotline.engine.CallRun");
        assertThat(json.path("formattedMessage").asText()).isEqualTo("action freeze_account -> frozen");
        assertThat(json.path("mdc").path("call").asText()).isEqualTo("call-42");
    }

    private static void configure(LoggerContext ctx, String resource) throws Exception {
        ctx.reset();
        var configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(JsonLogsTest.class.getResource(resource));
    }
}
