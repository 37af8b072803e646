package io.hotline.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The editor schema next to the flows must describe the same fields the loader accepts. */
class FlowSchemaTest {

    @Test
    @DisplayName("ivr-flows/flow.schema.json lists exactly the node types and fields the loader accepts")
    void schemaMatchesTheLoader() throws IOException {
        JsonNode schema = new ObjectMapper()
                .readTree(Path.of("ivr-flows/flow.schema.json").toFile());
        JsonNode defs = schema.get("$defs");

        List<String> types = new ArrayList<>();
        defs.get("node").get("properties").get("type").get("enum").forEach(t -> types.add(t.asText()));
        assertThat(types).containsExactlyElementsOf(NodeParser.TYPES);
        for (String type : NodeParser.TYPES) {
            List<String> fields = new ArrayList<>();
            defs.get(type).get("properties").fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(type).containsExactlyElementsOf(NodeParser.FIELDS.get(type));
        }
    }
}
