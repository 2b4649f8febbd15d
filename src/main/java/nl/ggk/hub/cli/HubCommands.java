package nl.ggk.hub.cli;

import java.io.PrintStream;
import java.util.Set;

/** What {@code java -jar ggk-hub.jar --help} says: the hub's own commands, one line each. */
public final class HubCommands {

    private static final Set<String> HELP = Set.of("--help", "-h", "-help", "help");
    /** The hub's own commands (besides starting it, which takes none). */
    private static final java.util.List<String> COMMANDS = java.util.List.of("validate", "bench", "bench-hub", "bench-start", "cbs-simulator",
            "dlq", "resend", "help");
    /** Passed on to camel-main as {@code -h}: its runner options. */
    public static final String CAMEL_HELP = "--camel-help";

    private HubCommands() {
    }

    public static boolean isHelp(String argument) {
        return HELP.contains(argument);
    }

    public static void help(PrintStream out) {
        out.println("""
                ggk-hub: the integration hub for GMSD deliveries to CBS and iWmo/iJw/SVB traffic.

                usage: java -jar ggk-hub.jar [command] [options]

                  (no command)   start the hub: watched folders, HTTP API, JMS queues (stop with Ctrl-C)
                  validate FILE  check a GMSD file offline, as the hub would (--report rapport.pdf, --json,
                                 --organisation CODE); exit 0 accepted, 1 refused, 2 usage error
                  bench          measure the GMSD validator on synthetic files (--sizes 1,100)
                  bench-hub      start a hub on a temporary data root and measure iWMO throughput, latency and
                                 heap against a broker-only baseline, GMSD feedback and upload -> CBS feedback
                                 latency (--rounds N, --messages N, --deliveries N, --warm-up N, --no-warm-up, --keep,
                                 --instances 2: two hub instances against one broker)
                  bench-start    time the hub's start to healthy (CPU, memory), with and without the class-data
                                 archive, beside the JVM's own start (--restarts N, --jar PATH)
                  dlq ...        the dead letters of a running hub: dlq list [QUEUE], dlq show QUEUE ID,
                                 dlq replay QUEUE (ID | --all), dlq discard QUEUE ID --reason "why"
                  resend ID      send a delivery's dead letters back to their channel (running hub)
                  cbs-simulator  the CBS simulator as a process of its own, for hubs in the production shape
                                 (--port 18090, --hub-endpoint URL, --data-dir DIR; cbs-simulator --help)
                  --help         this text
                  --camel-help   the options of Camel's runner (camel-main), for starting the hub

                Settings: a file in config/ of the working directory (or in GGK_CONFIG_DIR), such as
                config/application.properties, wins over the packaged copy; every key can also be set as
                -Dkey=value or by its GGK_* environment variable (GGK_DATA_DIR, GGK_HTTP_HOST, GGK_HTTP_PORT,
                GGK_MANAGEMENT_PORT, GGK_BROKER_TRANSPORT, ...). See README.md and docs/operations.md.""");
    }

    /**
     * True for an argument the hub takes as a command: none, one of its commands, or an option for camel-main
     * ({@code -...}, {@code --...}). Anything else is a mistyped command ({@code valdate x.csv}).
     */
    public static boolean isKnown(String command) {
        return command.isEmpty() || COMMANDS.contains(command) || command.startsWith("-");
    }

    /** What a mistyped command prints (before the help): the command, and the nearest one if it is close. */
    public static String unknown(String command) {
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String known : COMMANDS) {
            int distance = distance(command, known);
            if (distance < best) {
                best = distance;
                nearest = known;
            }
        }
        return "ggk-hub: unknown command '" + command.replaceAll("[^\\x20-\\x7E]", "?") + "'"
                + (best <= 2 ? "; did you mean '" + nearest + "'?" : "") + "\n";
    }

    /** Levenshtein distance, for the suggestion. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
