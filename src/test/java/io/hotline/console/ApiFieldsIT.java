package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.db.TestDatabase;
import io.hotline.server.Hotline;
import io.hotline.users.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every field of every route of the console's JSON API, fed missing, null and of the wrong type: each
 * answer is 400 with a message naming the field (and the field in {@code "field"}), never a 5xx; fields
 * the route does not know are ignored.
 */
@DisplayName("Every console API answers 400 naming the field for a missing, null or wrongly typed field")
class ApiFieldsIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static Hotline hotline;
    static Console console;

    /** A field of a route: its name, whether it may be left out, and a value of the right type. */
    record Field(String name, boolean optional, Object good) {}

    /** A route, who may call it, a body that passes validation, and its fields. */
    record Route(String path, String login, boolean baselineSafe, List<Field> fields) {
        JsonObject baseline() {
            JsonObject b = new JsonObject();
            fields.forEach(f -> b.put(f.name(), f.good()));
            return b;
        }
    }

    static List<Route> routes() throws Exception {
        String mainYaml = Files.readString(Path.of("ivr-flows/main.yaml"));
        return List.of(
                new Route("/api/tickets/T-NOPE/notes", "sam", true, List.of(new Field("text", false, "called back"))),
                new Route(
                        "/api/tickets/T-NOPE/close",
                        "sam",
                        true,
                        List.of(new Field("disposition", false, "resolved"), new Field("note", true, "done"))),
                new Route(
                        "/api/accounts/999999/unfreeze",
                        "sam",
                        true,
                        List.of(
                                new Field("reason", false, "identity checked in branch"),
                                new Field("ticket", true, "T-NOPE"))),
                new Route(
                        "/api/admin/check",
                        "admin",
                        true,
                        List.of(new Field("file", false, "main.yaml"), new Field("yaml", false, mainYaml))),
                new Route(
                        "/api/admin/replay",
                        "admin",
                        true,
                        List.of(
                                new Field("file", false, "main.yaml"),
                                new Field("yaml", false, mainYaml),
                                new Field("days", true, 7))),
                // never sent whole: a valid publish would write into ivr-flows/
                new Route(
                        "/api/admin/publish",
                        "admin",
                        false,
                        List.of(new Field("file", false, "main.yaml"), new Field("yaml", false, mainYaml))),
                new Route("/api/admin/rollback", "admin", true, List.of(new Field("version", false, 999_999))));
    }

    @BeforeAll
    static void start() {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        Users users = TestUsers.create(DB.dataSource());
        console = Console.start(hotline.consoleSetup(ConsoleConfig.forTests(1_000_000, Duration.ofSeconds(30)), users));
    }

    @AfterAll
    static void stop() {
        console.close();
        hotline.close();
    }

    /** Values of the wrong type for a field whose right value is {@code good}. */
    static List<Object> wrongTypes(Object good) {
        List<Object> out = new ArrayList<>(List.of(new JsonObject().put("x", 1), new JsonArray().add("x"), true));
        out.add(good instanceof Number ? (Object) "7" : (Object) 42);
        if (good instanceof Number) {
            out.add(7.5);
            out.add(new java.math.BigInteger("123456789012345678901234567890"));
        }
        return out;
    }

    @Test
    @DisplayName("each field of each route: missing (unless optional), null and of the wrong type answer 400 naming it")
    void everyField() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Route r : routes()) {
            try (var c = ConsoleClient.signedIn(console.port(), r.login(), TestUsers.PASSWORD)) {
                if (r.baselineSafe()) {
                    var ok = c.post(r.path(), r.baseline().put("unknown_extra", new JsonObject()));
                    if (ok.status() == 400 || ok.status() >= 500) {
                        wrong.add(r.path() + " with valid fields and an unknown extra one: " + ok);
                    }
                }
                for (Field f : r.fields()) {
                    List<JsonObject> bodies = new ArrayList<>();
                    if (!f.optional()) {
                        JsonObject missing = r.baseline();
                        missing.remove(f.name());
                        bodies.add(missing);
                    }
                    bodies.add(r.baseline().putNull(f.name()));
                    for (Object w : wrongTypes(f.good())) {
                        bodies.add(r.baseline().put(f.name(), w));
                    }
                    for (JsonObject body : bodies) {
                        var a = c.post(r.path(), body);
                        String shown = body.copy()
                                .put("yaml", body.getValue("yaml") instanceof String ? "<yaml>" : body.getValue("yaml"))
                                .encode();
                        if (!body.containsKey("yaml")) {
                            shown = body.encode();
                        }
                        if (a.status() != 400
                                || !f.name().equals(a.body().getString("field"))
                                || !a.body().getString("error", "").contains(f.name())) {
                            wrong.add(r.path() + " " + shown + " -> " + a.status() + " "
                                    + a.body().encode());
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("answers that are not 400 naming the field").isEmpty();
    }

    @Test
    @DisplayName("signing in with a missing, null or wrongly typed login or password answers 400 naming the field")
    void signInFields() {
        List<String> wrong = new ArrayList<>();
        for (String field : List.of("login", "password")) {
            List<JsonObject> bodies = new ArrayList<>();
            JsonObject base = new JsonObject().put("login", "alice").put("password", TestUsers.PASSWORD);
            JsonObject missing = base.copy();
            missing.remove(field);
            bodies.add(missing);
            bodies.add(base.copy().putNull(field));
            for (Object w : wrongTypes("x")) {
                bodies.add(base.copy().put(field, w));
            }
            for (JsonObject body : bodies) {
                try (var c = new ConsoleClient(console.port()).session()) {
                    var a = c.post("/api/signin", body);
                    if (a.status() != 400
                            || !field.equals(a.body().getString("field"))
                            || !a.body().getString("error", "").contains(field)) {
                        wrong.add(body.put("password", "***").encode() + " -> " + a.status() + " "
                                + a.body().encode());
                    }
                }
            }
        }
        assertThat(wrong)
                .as("sign-in answers that are not 400 naming the field")
                .isEmpty();
    }

    @Test
    @DisplayName("a body that is not a JSON object answers 400 naming the body, on every route that reads one")
    void notAnObject() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Route r : routes()) {
            try (var c = ConsoleClient.signedIn(console.port(), r.login(), TestUsers.PASSWORD)) {
                for (String body : List.of("[1,2]", "\"text\"", "null", "{not json", "42")) {
                    var a = c.postRaw(r.path(), body);
                    if (a.status() != 400 || !"body".equals(a.body().getString("field"))) {
                        wrong.add(r.path() + " " + body + " -> " + a.status() + " "
                                + a.body().encode());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    @DisplayName("the stats page's days must be a whole number, named in the answer")
    void statsDays() {
        try (var c = ConsoleClient.signedIn(console.port(), "admin", TestUsers.PASSWORD)) {
            for (String days : List.of("seven", "7.5", "", "99999999999999999999")) {
                var a = c.get("/api/admin/stats?days=" + days);
                assertThat(a.status()).as(days).isEqualTo(400);
                assertThat(a.body().getString("field")).isEqualTo("days");
            }
            assertThat(c.get("/api/admin/stats?days=7").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName(
            "admin check takes the 256 KiB of YAML it documents; other routes keep their small limit, answered in JSON")
    void bodyLimits() throws Exception {
        String mainYaml = Files.readString(Path.of("ivr-flows/main.yaml"));
        // a flow file of about 22 KB and one near the documented 256 KiB: comments keep them valid YAML
        String comment = "# " + "padding to make a big flow file ".repeat(3) + "\n";
        String big22 = mainYaml + comment.repeat(22_000 / comment.length());
        String big250 = mainYaml + comment.repeat((250 * 1024 - mainYaml.length()) / comment.length());
        try (var admin = ConsoleClient.signedIn(console.port(), "admin", TestUsers.PASSWORD);
                var sam = ConsoleClient.signedIn(console.port(), "sam", TestUsers.PASSWORD)) {
            for (String yaml : List.of(big22, big250)) {
                var a = admin.post(
                        "/api/admin/check",
                        new JsonObject().put("file", "main.yaml").put("yaml", yaml));
                assertThat(a.status()).as("check of %d bytes", yaml.length()).isEqualTo(200);
                assertThat(a.body().getBoolean("ok")).isTrue();
            }
            String tooBig = mainYaml + comment.repeat(300 * 1024 / comment.length());
            var refused = admin.post(
                    "/api/admin/check",
                    new JsonObject().put("file", "main.yaml").put("yaml", tooBig));
            assertThat(refused.status()).isIn(400, 413);
            assertThat(refused.body().getString("error")).contains("256 KiB");

            var note = sam.post("/api/tickets/T-NOPE/notes", new JsonObject().put("text", "x".repeat(20_000)));
            assertThat(note.status()).isEqualTo(413);
            assertThat(note.body().getString("error")).contains("16 KiB");
        }
    }
}
