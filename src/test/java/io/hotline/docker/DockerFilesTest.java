package io.hotline.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker cannot run here, so the deployment files are checked for what would break {@code docker compose
 * up}: files and directories they name exist, services and volumes they refer to are declared, published
 * ports do not clash, every HOTLINE_* key is a documented one, and the images run as non-root with a
 * health check. Also that Asterisk's config agrees with what compose passes Hotline.
 */
@DisplayName("docker/ deployment files")
class DockerFilesTest {
    static final Path DOCKER = Path.of("docker");

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(DOCKER.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    @Test
    @DisplayName("every build context, Dockerfile and file a Dockerfile copies exists")
    @SuppressWarnings("unchecked")
    void buildInputsExist() throws IOException {
        List<String> missing = new ArrayList<>();
        int builds = 0;
        for (var e : services().entrySet()) {
            if (!(e.getValue().get("build") instanceof Map<?, ?> build)) {
                continue;
            }
            builds++;
            Path context = DOCKER.resolve((String) build.get("context")).normalize();
            Path dockerfile = context.resolve(
                            (String) ((Map<String, Object>) build).getOrDefault("dockerfile", "Dockerfile"))
                    .normalize();
            if (!Files.isDirectory(context)) {
                missing.add(e.getKey() + ": context " + context);
            }
            if (!Files.isRegularFile(dockerfile)) {
                missing.add(e.getKey() + ": " + dockerfile);
                continue;
            }
            for (String src : copySources(Files.readString(dockerfile))) {
                if (!Files.exists(context.resolve(src))) {
                    missing.add(e.getKey() + ": " + dockerfile + " copies " + src + ", not in " + context);
                }
            }
        }
        assertThat(builds).isEqualTo(3);
        assertThat(missing).isEmpty();
    }

    /** Sources of COPY lines that copy from the build context (not --from a stage), continuation lines joined. */
    static List<String> copySources(String dockerfile) {
        List<String> out = new ArrayList<>();
        for (String line : dockerfile.replaceAll("\\\\\\n", " ").split("\n")) {
            String l = line.trim();
            if (!l.startsWith("COPY ") || l.contains("--from=")) {
                continue;
            }
            String[] words = l.substring(5).trim().split("\\s+");
            for (int i = 0; i < words.length - 1; i++) {
                if (!words[i].startsWith("--")) {
                    out.add(words[i]);
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("volumes, networks and depends_on name things that are declared or exist")
    @SuppressWarnings("unchecked")
    void referencesResolve() throws IOException {
        Map<String, Object> compose = compose();
        Set<String> volumes = ((Map<String, Object>) compose.get("volumes")).keySet();
        Set<String> networks = ((Map<String, Object>) compose.get("networks")).keySet();
        Set<String> services = services().keySet();
        List<String> problems = new ArrayList<>();
        for (var e : services().entrySet()) {
            for (Object v : (List<Object>) e.getValue().getOrDefault("volumes", List.of())) {
                String source = v.toString().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    if (!Files.exists(DOCKER.resolve(source))) {
                        problems.add(e.getKey() + ": bind mount " + source + " does not exist");
                    }
                } else if (!volumes.contains(source)) {
                    problems.add(e.getKey() + ": volume " + source + " not declared");
                }
            }
            Object nets = e.getValue().get("networks");
            Iterable<String> netNames = nets instanceof Map<?, ?> m
                    ? (Set<String>) m.keySet()
                    : nets == null ? List.of() : (List<String>) nets;
            netNames.forEach(n -> {
                if (!networks.contains(n)) {
                    problems.add(e.getKey() + ": network " + n + " not declared");
                }
            });
            Object deps = e.getValue().get("depends_on");
            Iterable<String> depNames = deps instanceof Map<?, ?> m
                    ? (Set<String>) m.keySet()
                    : deps == null ? List.of() : (List<String>) deps;
            depNames.forEach(d -> {
                if (!services.contains(d)) {
                    problems.add(e.getKey() + ": depends on unknown service " + d);
                }
            });
        }
        assertThat(services).contains("postgres", "asterisk", "hotline-a", "hotline-b");
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("published host ports do not clash")
    @SuppressWarnings("unchecked")
    void portsDoNotClash() throws IOException {
        Set<String> taken = new HashSet<>();
        List<String> clashes = new ArrayList<>();
        for (var e : services().entrySet()) {
            for (Object p : (List<Object>) e.getValue().getOrDefault("ports", List.of())) {
                String spec = p.toString();
                String proto = spec.contains("/") ? spec.substring(spec.indexOf('/') + 1) : "tcp";
                String host = spec.split(":")[0];
                String[] range = host.split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                for (int port = from; port <= to; port++) {
                    if (!taken.add(port + "/" + proto)) {
                        clashes.add(e.getKey() + ": " + port + "/" + proto);
                    }
                }
            }
        }
        assertThat(taken).contains("8080/tcp", "8081/tcp", "5060/udp");
        assertThat(clashes).isEmpty();
    }

    @Test
    @DisplayName("every HOTLINE_* key in compose and the Dockerfile is documented in the README")
    @SuppressWarnings("unchecked")
    void keysAreDocumented() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("\\| `(HOTLINE_[A-Z0-9_]+)` \\|").matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> used = new TreeSet<>();
        for (var s : services().values()) {
            if (s.get("environment") instanceof Map<?, ?> env) {
                ((Map<String, Object>) env)
                        .keySet().stream().filter(k -> k.startsWith("HOTLINE_")).forEach(used::add);
            }
        }
        Matcher d = Pattern.compile("(HOTLINE_[A-Z0-9_]+)=").matcher(Files.readString(DOCKER.resolve("Dockerfile")));
        while (d.find()) {
            used.add(d.group(1));
        }
        assertThat(used).contains("HOTLINE_DB_URL", "HOTLINE_NODE_ID", "HOTLINE_AMI_HOST");
        assertThat(documented).containsAll(used);
    }

    @Test
    @DisplayName("both nodes share one valid PIN pepper, so a PIN stored through one checks on the other")
    @SuppressWarnings("unchecked")
    void nodesShareThePinPepper() throws IOException {
        io.hotline.wallet.PinHasher[] hashers = new io.hotline.wallet.PinHasher[2];
        String[] nodes = {"hotline-a", "hotline-b"};
        for (int i = 0; i < 2; i++) {
            Map<String, String> env = new java.util.HashMap<>();
            ((Map<String, Object>) services().get(nodes[i]).get("environment"))
                    .forEach((k, v) -> env.put(k, String.valueOf(v)));
            var settings = io.hotline.config.Settings.from(env);
            hashers[i] = io.hotline.wallet.PinPepper.hasher(settings, io.hotline.db.DbConfig.from(settings));
            assertThat(hashers[i].peppered()).as(nodes[i]).isTrue();
        }
        assertThat(hashers[1].check("2468", hashers[0].hash("2468")).matches()).isTrue();
    }

    @Test
    @DisplayName("the Hotline image builds on a JDK 21, runs on a JRE 21 as a non-root user, and checks /health")
    void hotlineImage() throws IOException {
        String f = Files.readString(DOCKER.resolve("Dockerfile"));
        List<String> froms = Pattern.compile("(?m)^FROM (\\S+)")
                .matcher(f)
                .results()
                .map(r -> r.group(1))
                .toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).contains("maven").contains("temurin-21");
        assertThat(froms.get(1)).contains("temurin:21-jre");
        assertThat(f).containsPattern("(?m)^USER (?!root)\\w+").containsPattern("(?m)^HEALTHCHECK .*\\n.*/health");
        assertThat(f).contains("HOTLINE_HTTP_BIND=0.0.0.0").contains("HOTLINE_AGI_BIND=0.0.0.0");
        String a = Files.readString(DOCKER.resolve("asterisk/Dockerfile"));
        assertThat(a)
                .containsPattern("(?m)^FROM debian:bookworm")
                .contains("\"-U\", \"asterisk\"")
                .contains("HEALTHCHECK");
    }

    @Test
    @DisplayName(
            "the Asterisk image is built by the script the real-PBX tier builds with, and links sounds where Debian puts them")
    void asteriskImageBuiltLikeTheTestTier() throws IOException {
        String a = Files.readString(DOCKER.resolve("asterisk/Dockerfile"));
        // one recipe: versions, checksums and flags live in the script only
        assertThat(a)
                .contains("COPY scripts/asterisk-build.sh")
                .contains("asterisk-build.sh --system")
                .doesNotContain("./configure")
                .doesNotContain("--with-jansson-bundled");
        String script = Files.readString(Path.of("scripts/asterisk-build.sh"));
        assertThat(script)
                .contains("ASTERISK_VERSION=22.10.1")
                .contains("--with-jansson ")
                .contains("--with-externals-cache");
        // the sound directories the image links exist in Debian's packages as installed on this machine
        // (scripts/install-test-deps.sh installs the same asterisk-core-sounds-en-* packages)
        Matcher links = Pattern.compile("ln -sfn (/usr/share/asterisk/sounds/\\S+) /var/lib/asterisk/sounds/en")
                .matcher(a);
        assertThat(links.find()).as("the image links its English sounds").isTrue();
        assertThat(Path.of(links.group(1)).resolve("digits/1.gsm")).exists();
    }

    @Test
    @DisplayName(
            "Asterisk's config agrees with compose: AMI secret, channel variables, RTP range, softphone and agent endpoints")
    @SuppressWarnings("unchecked")
    void asteriskMatchesCompose() throws IOException {
        Map<String, Object> env =
                (Map<String, Object>) services().get("hotline-a").get("environment");
        String manager = Files.readString(DOCKER.resolve("asterisk/manager.conf"));
        assertThat(manager)
                .containsPattern("secret\\s*=\\s*"
                        + Pattern.quote(env.get("HOTLINE_AMI_SECRET").toString()));
        assertThat(manager).containsPattern("channelvars\\s*=.*HOTLINE_TICKET");
        String rtp = Files.readString(DOCKER.resolve("asterisk/rtp.conf"));
        List<Object> ports = (List<Object>) services().get("asterisk").get("ports");
        String rtpRange = ports.stream()
                .map(Object::toString)
                .filter(p -> p.startsWith("10000"))
                .findFirst()
                .orElseThrow();
        Matcher start = Pattern.compile("rtpstart\\s*=\\s*(\\d+)").matcher(rtp);
        Matcher end = Pattern.compile("rtpend\\s*=\\s*(\\d+)").matcher(rtp);
        assertThat(start.find() && end.find()).isTrue();
        assertThat(rtpRange).startsWith(start.group(1) + "-" + end.group(1) + ":");
        String pjsip = Files.readString(DOCKER.resolve("asterisk/pjsip.conf"));
        for (String endpoint : List.of("1001", "1002", "2001", "2002", "2003", "2004")) {
            assertThat(pjsip).contains("[" + endpoint + "](phone)");
        }
        String ext = Files.readString(DOCKER.resolve("asterisk/extensions.conf"));
        assertThat(ext).contains("agi://hotline:4573").contains("[agents-phone]");
        Map<String, Object> hotlineA = services().get("hotline-a");
        assertThat(hotlineA.get("networks").toString()).contains("aliases=[hotline]");
    }
}
