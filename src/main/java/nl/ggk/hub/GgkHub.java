package nl.ggk.hub;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import nl.ggk.hub.cli.BenchCommand;
import nl.ggk.hub.cli.ValidateCommand;

/** Entry point: {@code validate} and {@code bench} are offline tools; without a sub-command the hub starts. */
public final class GgkHub {

    private GgkHub() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        if (args.length > 0 && args[0].equals("validate")) {
            System.exit(ValidateCommand.run(rest, out, err));
        } else if (args.length > 0 && args[0].equals("bench")) {
            System.exit(BenchCommand.run(rest, out, err));
        }
        // Without a sub-command this is where the hub itself (camel-main) starts; the integration adds it.
        err.println("usage: ggk-hub [validate <file> ... | bench [--sizes 1,100,1000]]");
        System.exit(2);
    }
}
