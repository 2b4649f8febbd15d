package nl.ggk.hub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import nl.ggk.hub.config.ConfigFiles;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.gmsd.ValidationResult;
import nl.ggk.hub.mirror.Comparer;
import nl.ggk.hub.mirror.Comparison;
import nl.ggk.hub.mirror.FigureCounter;
import nl.ggk.hub.mirror.InstantMirror;
import nl.ggk.hub.mirror.Signal;

/**
 * {@code validate FILE --compare EARLIER…}: the instant mirror offline, with the hub's rules and settings
 * ({@code ggk.mirror.*} of the same application.properties): the file compared with earlier files of the same
 * gemeente and type instead of the hub's stored figures.
 */
final class OfflineComparison {

    private OfflineComparison() {
    }

    /** The comparison, or empty for a type without figures; an IllegalArgumentException names a wrong earlier file. */
    static Optional<Comparison> of(GmsdSpecifications specs, Path file, List<Path> earlier) throws IOException {
        Properties settings = settings();
        FigureCounter counter = new FigureCounter(number(settings, "ggk.mirror.max-groups", 200),
                number(settings, "ggk.mirror.max-clients", 2_000_000));
        Comparer comparer = new Comparer(number(settings, "ggk.mirror.threshold-percent", 30),
                number(settings, "ggk.mirror.minimum-base", 10));
        return Optional.ofNullable(InstantMirror.compareFiles(specs, counter, comparer, file, earlier));
    }

    static void print(PrintStream out, ValidationResult result, Optional<Comparison> comparison) {
        out.println();
        out.println("Vergelijking met eerdere aanleveringen:");
        if (!result.accepted()) {
            out.println("  niet gemaakt: het bestand is afgekeurd (de hub vergelijkt alleen bestanden die doorgaan).");
        } else if (comparison.isEmpty()) {
            out.println("  dit bestandstype wordt niet vergeleken.");
        } else {
            Comparison c = comparison.get();
            out.println("  halfjaren: " + String.join(", ", c.shown().stream().map(f -> f.period()).toList()));
            if (c.signals().isEmpty()) {
                out.println("  geen signalen: de cijfers liggen in de lijn van het vorige halfjaar.");
            }
            for (Signal signal : c.signals()) {
                out.println("  [" + signal.code() + "] " + signal.tekst());
            }
        }
    }

    private static Properties settings() throws IOException {
        Properties properties = new Properties();
        Optional<Path> onDisk = ConfigFiles.fromEnvironment().onDisk("classpath:application.properties");
        try (InputStream in = onDisk.isPresent() ? Files.newInputStream(onDisk.get())
                : OfflineComparison.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static int number(Properties settings, String key, int fallback) {
        String value = System.getProperty(key, settings.getProperty(key));
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
