package nl.ggk.hub.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cbs-simulator}: the CBS simulator of the embedded default as a process of its own, so that hubs in the
 * production shape reach RINIS/CBS over the network ({@code scripts/prod-local.sh}, docs/operations.md "Production
 * shape on one machine"). It is the same simulator (package {@code nl.ggk.hub.cbs.simulator}, routes
 * {@code cbs-simulator*.camel.yaml}) in a camel-main that loads only those routes, with its own embedded broker
 * (in-JVM only: its planned callbacks wait there) and its own H2 under its data root. This class turns the command
 * line into the settings that make a hub's main such a simulator; they are JVM system properties, which win over
 * the settings files and the environment (a {@code GGK_DB_URL} or {@code CAMEL_MAIN_PROFILE=prod} meant for a hub
 * must not make the simulator a hub).
 */
public final class CbsSimulatorCommand {

    public static final int DEFAULT_PORT = 18090;
    public static final String DEFAULT_HUB_ENDPOINT = "http://127.0.0.1:8080/ws/ggk0210";
    public static final String DEFAULT_DATA_DIR = "./cbs-simulator-data";

    /** The simulator's route files: its own and the shared error handling they name. */
    static final String ROUTES = String.join(",",
            "classpath:routes/cbs-simulator.camel.yaml",
            "classpath:routes/cbs-simulator-callback.camel.yaml",
            "classpath:routes/error-handling.camel.yaml",
            "classpath:routes/dead-letter.camel.yaml");

    static final String USAGE = """
            usage: java -jar ggk-hub.jar cbs-simulator [--port N] [--host H] [--hub-endpoint URL] [--data-dir DIR]
              --port N            HTTP port of /sim/cbs, /sim/cbs/receipts, /sim/cbs/received, /sim/cbs/control
                                  (default %d)
              --host H            address it listens on (default 127.0.0.1)
              --hub-endpoint URL  the hub's web service it calls back as RINIS (default %s); several hubs
                                  comma-separated: a retry goes to the next
              --data-dir DIR      its own data root: broker journal of the planned callbacks, work files
                                  (default %s; never a hub's data root)
            The chain-side key it calls back with comes from the environment only: GGK_CBS_SIMULATOR_HUB_KEY
            (default demo-RINIS, which a hub accepts only with demo keys on). Other ggk.cbs.simulator.* settings
            as GGK_CBS_SIMULATOR_* variables (e.g. GGK_CBS_SIMULATOR_FEEDBACK_DELAY_MS).
            """.formatted(DEFAULT_PORT, DEFAULT_HUB_ENDPOINT, DEFAULT_DATA_DIR);

    /** The settings of a simulator process, or the usage error. */
    public record Parsed(Map<String, String> settings, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private CbsSimulatorCommand() {
    }

    public static String usage() {
        return USAGE;
    }

    private static final String ENV_PREFIX = "GGK_CBS_SIMULATOR_";

    /** The command line and the environment ({@code GGK_CBS_SIMULATOR_*} only is read from it). */
    public static Parsed parse(String[] args, Map<String, String> environment) {
        String port = String.valueOf(DEFAULT_PORT);
        String host = "127.0.0.1";
        String hubEndpoint = DEFAULT_HUB_ENDPOINT;
        String dataDir = DEFAULT_DATA_DIR;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                return new Parsed(Map.of(), "cbs-simulator: " + printable(option) + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = value;
                case "--host" -> host = value;
                case "--hub-endpoint" -> hubEndpoint = value;
                case "--data-dir" -> dataDir = value;
                default -> {
                    return new Parsed(Map.of(), "cbs-simulator: unknown option " + printable(option));
                }
            }
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return new Parsed(Map.of(), "cbs-simulator: --port must be a port number (1-65535)");
        }
        if (java.util.Arrays.stream(hubEndpoint.split(",", -1)).map(String::trim)
                .anyMatch(e -> !e.startsWith("http://") && !e.startsWith("https://"))) {
            return new Parsed(Map.of(), "cbs-simulator: --hub-endpoint must be an http:// or https:// URL");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        // not the prod profile of the environment: the simulator is the embedded default's
        settings.put("camel.main.profile", "cbs-simulator");
        settings.put("camel.main.name", "ggk-cbs-simulator");
        settings.put("camel.main.routes-include-pattern", ROUTES);
        settings.put("camel.server.host", host);
        settings.put("camel.server.port", port);
        // no management port: its health is GET /sim/cbs/receipts answering 200 (503 until it is ready)
        settings.put("camel.management.enabled", "false");
        // camel-main lets an environment variable named after a key (GGK_DB_URL, GGK_TLS_ENABLED, GGK_DATA_DIR) win even
        // over these system properties: a hub's environment would make the simulator half a hub. So the simulator
        // takes no setting from the environment that way; the ggk.cbs.simulator.* ones are read below, and the
        // {{env:GGK_...}} defaults of application.properties still apply where no setting here replaces them
        settings.put("camel.main.auto-configuration-environment-variables-enabled", "false");
        // camel-main lists every setting it took from the environment at start, and masks only names it knows as
        // secrets (password, secret, ...): not ggk.cbs.simulator.hub-key, the chain side's real key here
        settings.put("camel.main.auto-configuration-log-summary", "false");
        // plain HTTP whatever the hubs' TLS settings in the same environment (GGK_TLS_ENABLED, GGK_TLS_KEYSTORE)
        settings.put("ggk.tls.enabled", "false");
        settings.put("ggk.tls.client-auth.ws", "off");
        settings.put("ggk.data-dir", dataDir);
        settings.put("ggk.cbs.simulator.enabled", "true");
        settings.put("ggk.cbs.simulator.hub-endpoint", hubEndpoint);
        // its own broker, reachable in this JVM only, and its own H2: nothing of a hub's
        settings.put("ggk.broker.embedded", "true");
        settings.put("ggk.broker.embedded.transport", "");
        settings.put("ggk.broker.url", "vm://ggk-cbs-simulator?create=false");
        settings.put("ggk.broker.user", "ggk-cbs-simulator");
        settings.put("ggk.broker.password", "");
        settings.put("ggk.broker.credentials-required", "false");
        settings.put("ggk.db.url", "");
        settings.put("ggk.foutrapportage.monthly-enabled", "false");
        // GGK_CBS_SIMULATOR_HUB_KEY -> ggk.cbs.simulator.hub-key, GGK_CBS_SIMULATOR_FEEDBACK_DELAY_MS -> ...
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()
                    && !name.equals(ENV_PREFIX + "ENABLED") && !name.equals(ENV_PREFIX + "HUB_ENDPOINT")) {
                settings.put("ggk.cbs.simulator." + name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT)
                        .replace('_', '-'), value);
            }
        });
        return new Parsed(settings, null);
    }

    private static String printable(String text) {
        return "'" + text.replaceAll("[^\\x20-\\x7E]", "?") + "'";
    }
}
