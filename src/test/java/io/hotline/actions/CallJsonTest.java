package io.hotline.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.call.CallInfo;
import io.hotline.engine.ActionRecord;
import io.hotline.engine.CallSnapshot;
import io.hotline.engine.PathStep;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The JSON a call leaves behind")
class CallJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String written(Instant at) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            CallJson.writeInstant(g, "at", at);
            g.writeEndObject();
        }
        return JSON.readTree(out.toString()).get("at").asText();
    }

    @Test
    @DisplayName("times read exactly as Instant.toString writes them, whatever their fraction, in any year")
    void instantsAsJavaWritesThem() throws IOException {
        List<Instant> edges = List.of(
                Instant.EPOCH,
                Instant.parse("2026-11-23T14:32:06Z"),
                Instant.parse("2026-11-23T14:32:06.100Z"),
                Instant.parse("2026-11-23T14:32:06.000100Z"),
                Instant.parse("2026-11-23T14:32:06.000000001Z"),
                Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.5Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.123Z"),
                Instant.MIN,
                Instant.MAX);
        for (Instant at : edges) {
            assertThat(written(at)).isEqualTo(at.toString());
        }
        Random random = new Random(23);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(0, 253_402_300_800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            assertThat(written(at)).isEqualTo(at.toString());
        }
    }

    @Test
    @DisplayName("a ticket's context keeps the records the actions referred to, each with its type and fields")
    void contextRecords() throws IOException {
        Instant at = Instant.parse("2026-11-23T14:32:06.123456Z");
        var recharge = new ActionFinding.FailedRecharge("R-1", 150_000L, at, "bank_card", "debited_not_credited");
        var freeze = new ActionFinding.AccountFrozen("F-2", at, true);
        var snapshot = new CallSnapshot(
                new CallInfo("c-1", "13800138000", "", "en", "main", "agi", Map.of()),
                "main",
                3,
                "en",
                Map.of("account.id", "7", "caller.verified", "yes", "caller.verified_by", "pin"),
                List.of(new PathStep("main", "welcome", "say", "", "identify", at)),
                List.of(new ActionRecord("failed_recharges", "found", "", List.of(recharge, freeze), at, 4, Map.of())));

        String written = CallJson.context(snapshot, "recharge");
        var context = JSON.readTree(written);

        assertThat(written)
                .contains("\"records\":[{\"type\":\"recharge\",\"reference\":\"R-1\",\"amount_fen\":150000,"
                        + "\"at\":\"2026-11-23T14:32:06.123456Z\",\"channel\":\"bank_card\",\"reason\":\"debited_not_credited\"},"
                        + "{\"type\":\"freeze\",\"reference\":\"F-2\",\"at\":\"2026-11-23T14:32:06.123456Z\","
                        + "\"already_frozen\":true}]");
        assertThat(context.get("actions").get(0).get("at").asText()).isEqualTo("2026-11-23T14:32:06.123456Z");
        assertThat(context.get("path").get(0).get("at").asText()).isEqualTo("2026-11-23T14:32:06.123456Z");
        assertThat(context.get("account").get("id").asText()).isEqualTo("7");
        assertThat(context.get("verified").asBoolean()).isTrue();
    }
}
