package nl.ggk.hub;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import nl.ggk.hub.boot.HubMain;
import nl.ggk.hub.boot.PortClash;
import nl.ggk.hub.cli.BenchCommand;
import nl.ggk.hub.cli.CbsSimulatorCommand;
import nl.ggk.hub.cli.CbsSimulatorMainListener;
import nl.ggk.hub.cli.HubBenchCommand;
import nl.ggk.hub.cli.HubCommands;
import nl.ggk.hub.cli.OperatorCommand;
import nl.ggk.hub.cli.ValidateCommand;
import org.apache.camel.main.Main;

/**
 * Entry point. Without arguments it starts the hub (camel-main: routes from {@code routes/}, settings from
 * {@code application.properties}); {@code validate} and {@code bench} are offline tools that need no
 * broker or database.
 */
public final class GgkHub {

    private GgkHub() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        if (HubCommands.isHelp(command)) {
            HubCommands.help(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
            System.exit(0);
        }
        if (!HubCommands.isKnown(command)) {
            // a mistyped command (valdate x.csv) would otherwise start the hub or print Camel's runner help
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            err.print(HubCommands.unknown(command));
            HubCommands.help(err);
            System.exit(2);
        }
        if (command.equals(HubCommands.CAMEL_HELP)) {
            args = new String[] {"-h"};
        }
        if (command.equals("dlq") || command.equals("resend")) {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            System.exit(OperatorCommand.run(command, rest, out, err));
        }
        if (command.equals("validate") || command.equals("bench") || command.equals("bench-hub")
                || command.equals("bench-start")) {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            System.exit(switch (command) {
                case "validate" -> ValidateCommand.run(rest, out, err);
                case "bench" -> BenchCommand.run(rest, out, err);
                case "bench-start" -> nl.ggk.hub.cli.StartBenchCommand.run(rest, out, err);
                default -> HubBenchCommand.run(rest, out, err);
            });
        }
        boolean simulator = command.equals("cbs-simulator");
        if (simulator) {
            // the CBS simulator as its own process: the hub's main with the simulator's routes and settings only
            if (rest.length > 0 && HubCommands.isHelp(rest[0])) {
                System.out.print(CbsSimulatorCommand.usage());
                System.exit(0);
            }
            CbsSimulatorCommand.Parsed parsed = CbsSimulatorCommand.parse(rest, System.getenv());
            if (!parsed.ok()) {
                System.err.println(parsed.error());
                System.err.print(CbsSimulatorCommand.usage());
                System.exit(2);
            }
            parsed.settings().forEach(System::setProperty);
            args = new String[0];
        }
        Main main = HubMain.newMain(!simulator);
        if (simulator) {
            main.addMainListener(new CbsSimulatorMainListener());
        }
        int exitCode;
        try {
            exitCode = main.run(args);
        } catch (Exception e) {
            // a start-up failure must end the JVM even when the embedded broker's threads already run
            Optional<String> clash = e.getMessage() != null && e.getMessage().startsWith("ggk-hub could not start:")
                    ? Optional.of(e.getMessage()) : PortClash.explain(e, key -> setting(main, key));
            if (clash.isPresent()) {
                org.slf4j.LoggerFactory.getLogger(GgkHub.class).error(clash.get());
                System.err.println(clash.get());
            } else {
                System.err.println("ggk-hub could not start: " + e.getMessage());
                e.printStackTrace();
            }
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /** A setting after a failed start: from the context when it got that far, else -D or the default file. */
    private static Optional<String> setting(Main main, String key) {
        try {
            if (main.getCamelContext() != null) {
                return main.getCamelContext().getPropertiesComponent().resolveProperty(key);
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return Optional.ofNullable(System.getProperty(key));
    }
}
