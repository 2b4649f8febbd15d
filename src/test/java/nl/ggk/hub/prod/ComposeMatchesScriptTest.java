package nl.ggk.hub.prod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml cannot run here, so it is kept true by comparison with scripts/prod-local.sh, which does: the
 * same services, the same settings for both hubs and the simulator, the same ports, the same Artemis and PostgreSQL
 * versions. What differs by nature is allowed and named: service names for 127.0.0.1, paths inside the containers,
 * {@code GGK_HTTP_HOST=0.0.0.0} in a container, and secrets, which compose takes from the environment with no default.
 */
class ComposeMatchesScriptTest {

    private static final Path COMPOSE = Path.of("docker/compose.yaml");
    private static final Path SCRIPT = Path.of("scripts/prod-local.sh");
    /** Values that are paths: inside a container they are the container's own. */
    private static final Set<String> PATHS = Set.of("GGK_DATA_DIR", "GGK_ORGANISATIONS");
    private static final Set<String> SECRETS = Set.of("GGK_BROKER_PASSWORD", "GGK_DB_PASSWORD",
            "GGK_CBS_SIMULATOR_HUB_KEY");

    private final String script = read(SCRIPT);
    private final Map<String, String> defaults = defaults(script);
    private final Map<String, Object> services = services();

    @Test
    void composeRunsTheScriptsServices() {
        assertThat(services).containsKeys("hub1", "hub2", "simulator", "broker", "db");
        assertThat(script).contains("SERVICES=(artemis simulator hub1 hub2)");
    }

    @Test
    void bothHubsHaveTheScriptsSettingsAndPorts() {
        Map<String, String> scriptHub = hubEnvironment(script);
        for (int n = 1; n <= 2; n++) {
            Map<String, String> hub = environment("hub" + n);
            assertThat(hub.keySet()).as("hub%d settings", n).isEqualTo(scriptHub.keySet());
            String httpPort = defaults.get("GGK_HUB" + n + "_HTTP_PORT");
            String managementPort = defaults.get("GGK_HUB" + n + "_MANAGEMENT_PORT");
            assertThat(hub.get("GGK_HTTP_PORT")).isEqualTo(httpPort);
            assertThat(hub.get("GGK_MANAGEMENT_PORT")).isEqualTo(managementPort);
            assertThat(ports("hub" + n)).containsExactlyInAnyOrder("127.0.0.1:" + httpPort + ":" + httpPort,
                    "127.0.0.1:" + managementPort + ":" + managementPort);
            for (Map.Entry<String, String> setting : scriptHub.entrySet()) {
                String key = setting.getKey();
                String composed = hub.get(key);
                String scripted = resolve(setting.getValue());
                if (SECRETS.contains(key)) {
                    assertThat(composed).as(key).matches("\\$\\{" + key + ":\\?[^}]*}");
                } else if (key.equals("GGK_BROKER_USER")) {
                    assertThat(composed).isEqualTo("${GGK_BROKER_USER:-" + defaults.get("GGK_BROKER_USER") + "}");
                } else if (key.equals("GGK_DB_URL")) {
                    assertThat(script).contains("DB_URL=\"jdbc:postgresql://$GGK_PG_HOST:$GGK_PG_PORT/$GGK_DB_NAME\"");
                    assertThat(composed).isEqualTo("jdbc:postgresql://db:" + defaults.get("GGK_PG_PORT") + "/"
                            + defaults.get("GGK_DB_NAME"));
                } else if (key.equals("GGK_DB_USER")) {
                    assertThat(composed).isEqualTo(defaults.get("GGK_DB_USER"));
                } else if (key.equals("GGK_HTTP_HOST")) {
                    assertThat(scripted).isEqualTo("127.0.0.1");
                    assertThat(composed).as("a container listens on its every interface").isEqualTo("0.0.0.0");
                } else if (key.equals("GGK_BROKER_URL")) {
                    assertThat(composed).isEqualTo(scripted.replace("127.0.0.1", "broker"));
                } else if (key.equals("GGK_CBS_ENDPOINT")) {
                    assertThat(composed).isEqualTo(scripted.replace("127.0.0.1", "simulator"));
                } else if (!PATHS.contains(key) && !key.equals("GGK_HTTP_PORT") && !key.equals("GGK_MANAGEMENT_PORT")) {
                    assertThat(composed).as(key).isEqualTo(scripted);
                }
            }
        }
    }

    @Test
    void theSimulatorHasTheScriptsOptionsPortAndKey() {
        Map<String, String> scripted = new LinkedHashMap<>();
        Matcher start = Pattern.compile("java_command simulator .*?cbs-simulator(.*?)\\n\\s*local ", Pattern.DOTALL)
                .matcher(script);
        assertThat(start.find()).as("start_simulator in the script").isTrue();
        Matcher option = Pattern.compile("(--[a-z-]+) \"([^\"]*)\"").matcher(start.group(1));
        while (option.find()) {
            scripted.put(option.group(1), resolve(option.group(2)));
        }
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) service("simulator").get("command");
        assertThat(command.get(0)).isEqualTo("cbs-simulator");
        Map<String, String> composed = new LinkedHashMap<>();
        for (int i = 1; i + 1 < command.size(); i += 2) {
            composed.put(command.get(i), command.get(i + 1));
        }
        assertThat(composed.keySet()).containsAll(scripted.keySet());
        assertThat(composed.keySet()).as("besides the script's: the container's interface")
                .hasSize(scripted.size() + 1).contains("--host");
        assertThat(composed.get("--port")).isEqualTo(scripted.get("--port")).isEqualTo(defaults.get("GGK_SIMULATOR_PORT"));
        // both hubs, the same ports, each by its service name
        assertThat(composed.get("--hub-endpoint")).isEqualTo(scripted.get("--hub-endpoint")
                .replace("127.0.0.1:" + defaults.get("GGK_HUB1_HTTP_PORT"), "hub1:" + defaults.get("GGK_HUB1_HTTP_PORT"))
                .replace("127.0.0.1:" + defaults.get("GGK_HUB2_HTTP_PORT"), "hub2:" + defaults.get("GGK_HUB2_HTTP_PORT")))
                .contains("hub1:", "hub2:");
        String port = defaults.get("GGK_SIMULATOR_PORT");
        assertThat(ports("simulator")).containsExactly("127.0.0.1:" + port + ":" + port);
        Map<String, String> environment = environment("simulator");
        assertThat(environment.keySet()).containsExactlyInAnyOrder("GGK_CBS_SIMULATOR_HUB_KEY", "GGK_ORGANISATIONS");
        assertThat(script).contains("launch simulator env GGK_CBS_SIMULATOR_HUB_KEY=\"$key\"",
                "GGK_ORGANISATIONS=\"${GGK_ORGANISATIONS:-file:$REGISTRY}\"");
        assertThat(environment.get("GGK_CBS_SIMULATOR_HUB_KEY")).matches("\\$\\{GGK_CBS_SIMULATOR_HUB_KEY:\\?[^}]*}");
    }

    @Test
    void artemisAndPostgresqlAreTheSameVersionsPortAndNames() throws IOException {
        String artemis = value(script, "ARTEMIS_VERSION");
        assertThat(read(Path.of("pom.xml"))).contains("<artemis.version>" + artemis + "</artemis.version>");
        assertThat(defaults.get("GGK_ARTEMIS_HOME")).endsWith("/apache-artemis-" + artemis);
        Map<String, Object> broker = service("broker");
        // the image is Artemis of that version with the project's settings (docker/artemis.Dockerfile)
        assertThat(broker.get("image")).isEqualTo("ggk-artemis:" + artemis);
        assertThat(read(Path.of("docker/artemis.Dockerfile"))).contains("FROM apache/activemq-artemis:" + artemis + "\n");
        Map<String, String> brokerEnvironment = environment("broker");
        assertThat(brokerEnvironment.get("ARTEMIS_USER")).isEqualTo("${GGK_BROKER_USER:-" + defaults.get("GGK_BROKER_USER") + "}");
        assertThat(brokerEnvironment.get("ARTEMIS_PASSWORD")).matches("\\$\\{GGK_BROKER_PASSWORD:\\?[^}]*}");
        // artemis create: the same port and the same acceptors left out
        Set<String> scripted = new TreeSet<>();
        Matcher flag = Pattern.compile("--no-[a-z-]+").matcher(script.substring(script.indexOf("artemis\" create"),
                script.indexOf("--java-memory")));
        while (flag.find()) {
            scripted.add(flag.group());
        }
        scripted.remove("--no-autotune");   // a journal measurement at create, no difference in what runs
        List<String> extra = List.of(brokerEnvironment.get("EXTRA_ARGS").split(" +"));
        assertThat(extra).contains("--default-port", defaults.get("GGK_ARTEMIS_PORT"));
        assertThat(extra.get(extra.indexOf("--default-port") + 1)).isEqualTo(defaults.get("GGK_ARTEMIS_PORT"));
        assertThat(new TreeSet<>(extra.stream().filter(a -> a.startsWith("--no-")).toList())).isEqualTo(scripted);
        assertThat(script).contains("--default-port \"$GGK_ARTEMIS_PORT\"");

        Map<String, Object> db = service("db");
        assertThat(db.get("image")).isEqualTo("postgres:" + value(script, "POSTGRES_MAJOR"));
        assertThat(environment("db").get("POSTGRES_DB")).isEqualTo(defaults.get("GGK_DB_NAME"));
        assertThat(environment("db").get("POSTGRES_USER")).isEqualTo(defaults.get("GGK_DB_USER"));
        assertThat(defaults.get("GGK_PG_PORT")).isEqualTo("5432");
    }

    /** {@code : "${NAME:=value}"} lines: the script's defaults. */
    private static Map<String, String> defaults(String script) {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^: \"\\$\\{(\\w+):=([^}]*)}\"").matcher(script);
        while (line.find()) {
            defaults.put(line.group(1), line.group(2));
        }
        assertThat(defaults).containsKeys("GGK_HUB1_HTTP_PORT", "GGK_HUB2_HTTP_PORT", "GGK_SIMULATOR_PORT",
                "GGK_ARTEMIS_PORT", "GGK_PG_PORT", "GGK_DB_NAME", "GGK_DB_USER", "GGK_BROKER_USER");
        return defaults;
    }

    /** The HUB_ENV=( ... ) block of hub_environment, unquoted. */
    private static Map<String, String> hubEnvironment(String script) {
        Matcher block = Pattern.compile("HUB_ENV=\\((.*?)\\n\\s*\\)", Pattern.DOTALL).matcher(script);
        assertThat(block.find()).as("HUB_ENV in the script").isTrue();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : block.group(1).strip().split("\\n")) {
            String setting = line.strip();
            int at = setting.indexOf('=');
            String value = setting.substring(at + 1);
            environment.put(setting.substring(0, at), value.startsWith("\"") ? value.substring(1, value.length() - 1)
                    : value);
        }
        return environment;
    }

    /** The script's value with its defaults in: hub 1's ports for {@code $http_port}/{@code $management_port}. */
    private String resolve(String value) {
        String resolved = value.replace("$(scheme)", defaults.get("GGK_TLS_ENABLED").equals("true") ? "https" : "http")
                .replace("$http_port", defaults.get("GGK_HUB1_HTTP_PORT"))
                .replace("$management_port", defaults.get("GGK_HUB1_MANAGEMENT_PORT"));
        for (Map.Entry<String, String> entry : defaults.entrySet()) {
            resolved = resolved.replace("${" + entry.getKey() + "}", entry.getValue())
                    .replace("$" + entry.getKey(), entry.getValue());
        }
        return resolved;
    }

    private static String value(String script, String name) {
        Matcher line = Pattern.compile("(?m)^" + name + "=(\\S+)$").matcher(script);
        assertThat(line.find()).as(name + " in the script").isTrue();
        return line.group(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> services() {
        Map<String, Object> compose = new Yaml().load(read(COMPOSE));
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    private Map<String, String> environment(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<?, ?>) service(name).get("environment")).forEach((k, v) -> environment.put((String) k, String.valueOf(v)));
        return environment;
    }

    private List<String> ports(String name) {
        List<String> ports = new ArrayList<>();
        ((List<?>) service(name).get("ports")).forEach(p -> ports.add(String.valueOf(p)));
        return ports;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
