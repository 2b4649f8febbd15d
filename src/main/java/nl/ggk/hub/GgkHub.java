package nl.ggk.hub;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import nl.ggk.hub.cli.BenchCommand;
import nl.ggk.hub.cli.HubBenchCommand;
import nl.ggk.hub.cli.ValidateCommand;
import nl.ggk.hub.config.HubConfigurations;
import org.apache.camel.main.Main;

/**
 * Entry point. Without arguments it starts the hub (camel-main: routes from {@code routes/}, settings from
 * {@code application.properties}); {@code validate} and {@code bench} are offline tools that need no
 * broker or database.
 */
public final class GgkHub {

    private GgkHub() {
    }

    /** camel-main with the hub's configuration classes, in their order (routes and settings from the classpath). */
    public static Main newMain() {
        Main main = new Main();
        HubConfigurations.addTo(main.configure());
        return main;
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("validate") || command.equals("bench") || command.equals("bench-hub")) {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            System.exit(switch (command) {
                case "validate" -> ValidateCommand.run(rest, out, err);
                case "bench" -> BenchCommand.run(rest, out, err);
                default -> HubBenchCommand.run(rest, out, err);
            });
        }
        Main main = newMain();
        int exitCode;
        try {
            exitCode = main.run(args);
        } catch (Exception e) {
            // a start-up failure must end the JVM even when the embedded broker's threads already run
            System.err.println("ggk-hub could not start: " + e.getMessage());
            e.printStackTrace();
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
