package nl.ggk.hub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import nl.ggk.hub.classify.GmsdNameAdvice;
import nl.ggk.hub.gmsd.GmsdFileName;
import nl.ggk.hub.gmsd.GmsdSpecificationException;
import nl.ggk.hub.config.ConfigFiles;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.gmsd.GmsdValidator;
import nl.ggk.hub.gmsd.ValidationResult;
import nl.ggk.hub.gmsd.ValidationSettings;
import nl.ggk.hub.gmsd.Violation;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.gmsd.FeedbackMeta;
import nl.ggk.hub.gmsd.FeedbackReport;

/**
 * {@code validate <file.csv|file.zip> [--organisation <code>] [--report <out.pdf>] [--json] [--specs <a.yaml,b.yaml>]}:
 * the hub's GMSD check without broker or database. Exit 0 when the delivery would be accepted, 1 when
 * not, 2 on usage errors.
 */
public final class ValidateCommand {

    static final String USAGE = """
            gebruik: validate <bestand.csv|bestand.zip> [--organisation <code>] [--report <uit.pdf>] [--json] [--specs <a.yaml,b.yaml>]
                              [--compare <eerder.csv> ...]
              --organisation  de aanleverende organisatie (gemeentecode of samenwerkingsverband);
                              zonder deze optie geldt de gemeentecode uit de bestandsnaam
              --report        schrijf het PDF-rapport (technische terugkoppeling) naar dit bestand
              --json          resultaat als JSON in plaats van een samenvatting
              --specs         eigen specificatiebestanden in plaats van de meegeleverde
              --compare       vergelijk met eerdere bestanden van dezelfde gemeente en hetzelfde type
                              (dezelfde signalen als de hub geeft; een waarschuwing, geen afkeuring)
            exitcode: 0 = goedgekeurd, 1 = afgekeurd, 2 = verkeerd gebruik""";

    private ValidateCommand() {
    }

    /**
     * {@code validate} on its own, as the jar's entry point runs it ({@code java -jar ggk-hub.jar validate …}): the
     * process {@code bench} times against parsing only (WholeProcess), without the cli package reaching back to the
     * entry point's class.
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                java.nio.charset.StandardCharsets.UTF_8), new PrintStream(new java.io.FileOutputStream(
                java.io.FileDescriptor.err), true, java.nio.charset.StandardCharsets.UTF_8)));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (!Files.isRegularFile(options.file)) {
            err.println("bestand niet gevonden: " + options.file);
            return 2;
        }
        GmsdValidator validator;
        OrganisationRegistry registry;
        try {
            // the same files the hub reads: config/ beside it first, the packaged copy otherwise
            ConfigFiles config = ConfigFiles.fromEnvironment();
            List<String> locations = new ArrayList<>();
            for (String location : GmsdSpecifications.DEFAULT_LOCATIONS) {
                locations.add(config.resolve(location));
            }
            GmsdSpecifications specs = GmsdSpecifications.load(options.specs == null ? locations
                    : Arrays.asList(options.specs.split(",")));
            registry = loadRegistry();
            // the line-by-line list of findings is for fouten.csv in the hub; the summary and the JSON show the
            // examples per rule, so without --report the list is not kept (every check still runs and counts)
            ValidationSettings settings = options.report != null ? ValidationSettings.DEFAULTS
                    : new ValidationSettings(ValidationSettings.DEFAULTS.examplesPerRule(),
                    ValidationSettings.DEFAULTS.maxLineLength(), 0, ValidationSettings.DEFAULTS.windows1252Accepted());
            validator = new GmsdValidator(specs, registry, settings);
        } catch (GmsdSpecificationException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("organisaties niet te lezen: " + e.getMessage());
            return 2;
        }
        if (options.organisation != null && !registry.isKnown(options.organisation)) {
            err.println("onbekende organisatie: " + options.organisation);
            return 2;
        }
        Instant receivedAt = Instant.now();
        List<ValidationResult> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            String name = options.file.getFileName().toString();
            if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                validateZip(validator, options, results, skipped);
            } else {
                results.add(validator.validate(options.file, senderFor(options, name, validator)));
            }
        } catch (IOException e) {
            err.println("bestand niet te lezen: " + e.getMessage());
            return 2;
        }
        boolean accepted = !results.isEmpty();
        for (ValidationResult result : results) {
            accepted &= result.accepted();
        }
        Optional<nl.ggk.hub.mirror.Comparison> comparison = Optional.empty();
        if (!options.compare.isEmpty()) {
            try {
                comparison = accepted && results.size() == 1 ? OfflineComparison.of(validator.specifications(),
                        options.file, options.compare) : Optional.empty();
            } catch (IllegalArgumentException | IOException e) {
                err.println("vergelijking niet mogelijk: " + e.getMessage());
                return 2;
            }
        }
        if (options.json) {
            printJson(out, results, skipped, accepted, comparison.map(nl.ggk.hub.mirror.Comparison::vergelijking));
        } else {
            printSummary(out, registry, validator, results, skipped, accepted);
            if (!options.compare.isEmpty()) {
                OfflineComparison.print(out, results.get(0), comparison);
            }
        }
        if (options.report != null && !results.isEmpty()) {
            String organisation = results.get(0).sender();
            try {
                new FeedbackReport().writePdf(results, FeedbackMeta.offline(organisation, registry.displayName(organisation),
                        options.file.getFileName().toString(), receivedAt).comparedBy(comparison.orElse(null)),
                        options.report);
            } catch (IOException e) {
                err.println("rapport niet te schrijven: " + e.getMessage());
                return 2;
            }
        }
        return accepted ? 0 : 1;
    }

    private static void validateZip(GmsdValidator validator, Options options, List<ValidationResult> results,
                                    List<String> skipped) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(options.file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String path = entry.getName();
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (entry.isDirectory() || path.startsWith("__MACOSX/") || name.startsWith("._") || name.isEmpty()) {
                    continue;
                }
                if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    skipped.add(path);
                    continue;
                }
                results.add(validator.validate(zip, name, senderFor(options, name, validator)));
            }
        }
    }

    private static String senderFor(Options options, String fileName, GmsdValidator validator) {
        if (options.organisation != null) {
            return options.organisation;
        }
        // a name the hub would refuse (0384_wmo_2026H1.csv) still names its gemeente, as the corrected name shows
        Optional<GmsdFileName> recognised = validator.specifications().recognise(fileName);
        if (recognised.isEmpty()) {
            Optional<String> corrected = corrected(validator, fileName);
            recognised = corrected.isPresent() ? validator.specifications().recognise(corrected.get()) : recognised;
        }
        return recognised.isPresent() ? recognised.get().gemeentecode() : "onbekend";
    }

    /** The GMSD name a wrongly named file probably should have, as the hub's Fo01 GGK002 names it. */
    private static Optional<String> corrected(GmsdValidator validator, String fileName) {
        return GmsdNameAdvice.suggestion(fileName, name -> validator.specifications().recognise(name).isPresent());
    }

    private static OrganisationRegistry loadRegistry() throws IOException {
        java.util.Optional<java.nio.file.Path> onDisk = ConfigFiles.fromEnvironment().onDisk("classpath:organisations.yaml");
        try (InputStream in = onDisk.isPresent() ? Files.newInputStream(onDisk.get())
                : ValidateCommand.class.getClassLoader().getResourceAsStream("organisations.yaml")) {
            if (in == null) {
                throw new IOException("organisations.yaml not on the classpath");
            }
            return OrganisationRegistry.load(in);
        }
    }

    private static void printSummary(PrintStream out, OrganisationRegistry registry, GmsdValidator validator,
                                     List<ValidationResult> results,
                                     List<String> skipped, boolean accepted) {
        if (results.isEmpty()) {
            out.println("Geen GMSD-bestanden (CSV) gevonden.");
        }
        for (ValidationResult result : results) {
            Optional<GmsdFileName> recognised = result.recognised();
            out.println("Bestand:      " + result.fileName() + (recognised.isPresent()
                    ? " (" + recognised.get().type() + ", " + recognised.get().halfYearLabel() + ")" : ""));
            if (result.recognised().isEmpty()) {
                out.println("Bestandsnaam: " + GmsdNameAdvice.detail(result.fileName(),
                        name -> validator.specifications().recognise(name).isPresent(), result.sender()));
            }
            out.println("Afzender:     " + registry.displayName(result.sender()) + " (" + result.sender() + ")");
            out.println("Oordeel:      " + result.verdict().dutch());
            out.println("Records:      " + result.recordCount());
            out.println("Bevindingen:  " + result.violationCount());
            for (ValidationResult.RuleResult rule : result.rules()) {
                out.println("  " + rule.title() + " [" + rule.ruleId() + "]: " + rule.count());
                for (Violation v : rule.examples()) {
                    out.println("    " + where(v) + (v.value().isEmpty() ? "" : " '" + v.value() + "'")
                            + ": " + v.explanation());
                }
                if (rule.count() > rule.examples().size()) {
                    out.println("    ... en nog " + (rule.count() - rule.examples().size()) + " keer");
                }
            }
            out.println();
        }
        for (String s : skipped) {
            out.println("Overgeslagen (geen CSV): " + s);
        }
        out.println("Eindoordeel: " + (accepted ? "goedgekeurd" : "afgekeurd"));
    }

    private static String where(Violation v) {
        if (v.line() == 0) {
            return "bestand";
        }
        return "regel " + v.line() + (v.column() > 0 ? ", kolom " + v.column() + " (" + v.field() + ")" : "");
    }

    private static void printJson(PrintStream out, List<ValidationResult> results, List<String> skipped,
                                  boolean accepted, Optional<nl.ggk.hub.mirror.Vergelijking> vergelijking) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("accepted", accepted);
        root.put("verdict", accepted ? "goedgekeurd" : "afgekeurd");
        List<Map<String, Object>> files = new ArrayList<>();
        for (ValidationResult result : results) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("file", result.fileName());
            Optional<GmsdFileName> name = result.recognised();
            file.put("type", name.map(GmsdFileName::type).orElse(null));
            file.put("period", name.map(GmsdFileName::halfYearLabel).orElse(null));
            file.put("sender", result.sender());
            file.put("accepted", result.accepted());
            file.put("verdict", result.verdict().dutch());
            file.put("reason", result.reasonKey().orElse(null));
            file.put("records", result.recordCount());
            file.put("bytes", result.bytesRead());
            file.put("violations", result.violationCount());
            List<Map<String, Object>> rules = new ArrayList<>();
            for (ValidationResult.RuleResult rule : result.rules()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("rule", rule.ruleId());
                r.put("title", rule.title());
                r.put("count", rule.count());
                r.put("examples", rule.examples());
                rules.add(r);
            }
            file.put("rules", rules);
            files.add(file);
        }
        root.put("files", files);
        root.put("skipped", skipped);
        vergelijking.ifPresent(v -> root.put("vergelijking", v));
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Options {
        Path file;
        String organisation;
        Path report;
        boolean json;
        String specs;
        List<Path> compare = new ArrayList<>();

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--organisation" -> options.organisation = value(args, ++i, arg);
                    case "--report" -> options.report = Path.of(value(args, ++i, arg));
                    case "--json" -> options.json = true;
                    case "--specs" -> options.specs = value(args, ++i, arg);
                    case "--compare" -> {
                        value(args, i + 1, arg);
                        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                            options.compare.add(Path.of(args[++i]));
                        }
                    }
                    default -> {
                        if (arg.startsWith("--") || options.file != null) {
                            throw new IllegalArgumentException("onbekend argument: " + arg);
                        }
                        options.file = Path.of(arg);
                    }
                }
            }
            if (options.file == null) {
                throw new IllegalArgumentException("geen bestand opgegeven");
            }
            return options;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " verwacht een waarde");
            }
            return args[i];
        }
    }
}
