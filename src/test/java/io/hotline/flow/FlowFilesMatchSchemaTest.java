package io.hotline.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The editor schemas next to the flows (JSON Schema 2020-12) accept every shipped file and catch mistakes. */
@DisplayName("Flow files against their JSON Schema")
class FlowFilesMatchSchemaTest {
    static final Path FLOWS = Path.of("ivr-flows");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    static final String COMMENT = "# yaml-language-server: $schema=./";

    static Stream<Path> flowFiles() throws IOException {
        try (Stream<Path> s = Files.list(FLOWS)) {
            return s
                    .filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals(Calendar.FILE))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    static Stream<Path> caseFiles() throws IOException {
        try (Stream<Path> s = Files.list(FLOWS.resolve("tests"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flowFiles")
    @DisplayName("every shipped flow names the schema on its first line and matches it")
    void shippedFlowMatches(Path file) throws IOException {
        assertThat(Files.readAllLines(file).getFirst()).isEqualTo(COMMENT + "flow.schema.json");
        assertThat(errors(schema("flow.schema.json"), YAML.readTree(file.toFile())))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseFiles")
    @DisplayName("every shipped case file names its schema on its first line and matches it")
    void shippedCasesMatch(Path file) throws IOException {
        assertThat(Files.readAllLines(file).getFirst()).isEqualTo(COMMENT + "cases.schema.json");
        assertThat(errors(schema("tests/cases.schema.json"), YAML.readTree(file.toFile())))
                .isEmpty();
    }

    @Test
    @DisplayName("the shipped calendar names its schema on its first line and matches it; the schema catches a bad day")
    void shippedCalendarMatches() throws IOException {
        Path file = FLOWS.resolve(Calendar.FILE);
        assertThat(Files.readAllLines(file).getFirst()).isEqualTo(COMMENT + "calendar.schema.json");
        assertThat(errors(schema("calendar.schema.json"), YAML.readTree(file.toFile())))
                .isEmpty();
        JsonNode broken = YAML.readTree("""
                time-zone: Asia/Shanghai
                hours:
                  general-support: { mon-fry: "08:00-20:00" }
                holidays: [{ date: "2026-10-01" }]
                """);
        assertThat(errors(schema("calendar.schema.json"), broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("the schema reports unknown fields, a missing start, a bad duration and an unknown node type")
    void schemaCatchesMistakes() throws IOException {
        JsonNode broken = YAML.readTree("""
                id: main
                languages: [en]
                colour: blue
                nodes:
                  hello:
                    type: menu
                    prompt: { en: "Hi" }
                    options: { "1": bye }
                    timeout: soon
                    invalid: { en: "No" }
                    no-input: { en: "?" }
                    on-fail: bye
                  bye:
                    type: teleport
                """);
        List<String> errors = errors(schema("flow.schema.json"), broken);
        assertThat(errors)
                .anySatisfy(e -> assertThat(e).contains("colour"))
                .anySatisfy(e -> assertThat(e).contains("start"))
                .anySatisfy(e -> assertThat(e).contains("timeout"))
                .anySatisfy(e -> assertThat(e).contains("nodes.bye.type").contains("enumeration"));
    }

    @Test
    @DisplayName("the case schema reports an unknown fixture and an unknown end")
    void caseSchemaCatchesMistakes() throws IOException {
        JsonNode broken = YAML.readTree("""
                cases:
                  - name: x
                    fixture: [account stolen]
                    expect: { end: finished }
                """);
        assertThat(errors(schema("tests/cases.schema.json"), broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    static Schema schema(String name) throws IOException {
        JsonNode node = JSON.readTree(FLOWS.resolve(name).toFile());
        assertThat(node.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        // the relative $id resolves against where the file is, as an editor resolves it
        // (errors name the field as $.nodes.bye.type, as editors do)
        return SchemaRegistry.withDialect(
                        Dialects.getDraft202012(),
                        b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                        .pathType(PathType.LEGACY)
                                        .build())
                                // the schema files and what they refer to, read from disk and nowhere else
                                .schemaLoader(l -> l.fetchRemoteResources()
                                        .allow(iri -> iri.toString().startsWith("file:"))))
                .getSchema(SchemaLocation.of(
                        FLOWS.resolve(name).toAbsolutePath().toUri().toString()));
    }

    static List<String> errors(Schema schema, JsonNode doc) {
        List<Error> messages = schema.validate(doc.toString(), InputFormat.JSON);
        return messages.stream().map(Error::toString).sorted().toList();
    }
}
