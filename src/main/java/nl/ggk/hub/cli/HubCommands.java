package nl.ggk.hub.cli;

import java.io.PrintStream;
import java.util.Set;

/** What {@code java -jar ggk-hub.jar --help} says: the hub's own commands, one line each. */
public final class HubCommands {

    private static final Set<String> HELP = Set.of("--help", "-h", "-help", "help");
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
                  bench-hub      start a hub on a temporary data root and measure iWMO throughput and GMSD
                                 feedback latency (--warm-up N, --no-warm-up, --keep)
                  dlq ...        the dead letters of a running hub: dlq list [QUEUE], dlq show QUEUE ID,
                                 dlq replay QUEUE (ID | --all), dlq discard QUEUE ID --reason "why"
                  resend ID      send a delivery's dead letters back to their channel (running hub)
                  --help         this text
                  --camel-help   the options of Camel's runner (camel-main), for starting the hub

                Settings: config/application.properties beside the jar (or GGK_CONFIG_DIR) wins over the
                packaged copy; every key can also be set as -Dkey=value or by its GGK_* environment variable
                (GGK_DATA_DIR, GGK_HTTP_HOST, GGK_HTTP_PORT, GGK_MANAGEMENT_PORT, GGK_BROKER_TRANSPORT, ...).
                See README.md.""");
    }
}
