package nl.ggk.hub.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.gmsd.GmsdValidator;
import nl.ggk.hub.gmsd.SyntheticWmoFile;
import nl.ggk.hub.gmsd.ValidationResult;
import nl.ggk.hub.gmsd.ValidationSettings;
import nl.ggk.hub.org.OrganisationRegistry;

/**
 * {@code bench [--sizes 1,100,1000] [--error-share 0.01] [--dir <parent>]}: generates synthetic WMO files
 * of the given sizes (MB), and for each measures FastCSV parse-only and the full GMSD validation on the
 * same file, in the same run, with the peak heap of the validation. The files are deleted afterwards.
 */
public final class BenchCommand {

    static final String USAGE = "usage: bench [--sizes 1,100,1000] [--error-share 0.01] [--dir <parent-dir>]"
            + " [--no-processes]";
    private static final double MB = 1_000_000.0;

    private BenchCommand() {
    }

    /** One measured size. */
    public record Measurement(long bytes, long records, double parseMbPerSecond, double validateMbPerSecond,
                              double rowsPerSecond, double ratio, long peakHeapBytes, long violations,
                              String verdict) {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Integer> sizes = List.of(1, 100, 1000);
        double errorShare = 0.01;
        Path parent = null;
        boolean processes = true;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sizes" -> sizes = Stream.of(args[++i].split(",")).map(String::trim).map(Integer::parseInt)
                            .peek(s -> {
                                if (s <= 0) {
                                    throw new IllegalArgumentException("size must be positive");
                                }
                            }).toList();
                    case "--error-share" -> errorShare = Double.parseDouble(args[++i]);
                    case "--dir" -> parent = Path.of(args[++i]);
                    case "--no-processes" -> processes = false;
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            err.println(e.getMessage() == null ? e.toString() : e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Path dir = null;
        try {
            dir = parent == null ? Files.createTempDirectory("gmsd-bench") : Files.createTempDirectory(parent, "gmsd-bench");
            GmsdValidator validator = new GmsdValidator(GmsdSpecifications.loadDefaults(), registry(),
                    ValidationSettings.DEFAULTS);
            out.printf(Locale.ROOT, "GMSD bench: max heap %d MB, %d cores, error share %.2f%%%n",
                    Runtime.getRuntime().maxMemory() / 1_048_576, Runtime.getRuntime().availableProcessors(),
                    errorShare * 100);
            warmUp(validator, dir);
            List<WholeProcess.Figures> wholeProcess = new ArrayList<>();
            out.printf(Locale.ROOT, "%9s %11s %14s %14s %12s %7s %10s %11s%n", "size MB", "rows", "parse MB/s",
                    "validate MB/s", "rows/s", "ratio", "peak heap", "violations");
            for (int size : sizes) {
                SyntheticWmoFile.Written file = SyntheticWmoFile.write(dir, size * 1_000_000L, errorShare, size);
                try {
                    Measurement m = measure(validator, file);
                    out.printf(Locale.ROOT, "%9.1f %11d %14.1f %14.1f %12.0f %7.2f %8.1fMB %11d%n",
                            m.bytes() / MB, m.records(), m.parseMbPerSecond(), m.validateMbPerSecond(),
                            m.rowsPerSecond(), m.ratio(), m.peakHeapBytes() / 1_048_576.0, m.violations());
                    if (processes) {
                        wholeProcess.add(WholeProcess.measure(file));
                    }
                } finally {
                    Files.deleteIfExists(file.file());
                }
            }
            if (processes) {
                WholeProcess.print(wholeProcess, out);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bench interrupted");
            return 1;
        } catch (IOException e) {
            err.println("bench failed: " + e);
            return 1;
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    /** Lets the JIT compile both paths first, so that the small sizes measure code, not compilation. */
    private static void warmUp(GmsdValidator validator, Path dir) throws IOException {
        SyntheticWmoFile.Written file = SyntheticWmoFile.write(dir, 5_000_000L, 0.01, 0);
        try {
            measure(validator, file);
        } finally {
            Files.deleteIfExists(file.file());
        }
    }

    /** Parse-only and validation of the same file; small files are repeated and the best run counts. */
    public static Measurement measure(GmsdValidator validator, SyntheticWmoFile.Written file) throws IOException {
        int repeats = file.bytes() < 50_000_000 ? 5 : 1;
        long parseNanos = Long.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            long records = 0;
            try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(';')
                    .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .ofCsvRecord(file.file(), StandardCharsets.UTF_8)) {
                for (CsvRecord ignored : reader) {
                    records++;
                }
            }
            parseNanos = Math.min(parseNanos, System.nanoTime() - start);
            if (records != file.records()) {
                throw new IllegalStateException("parse-only read " + records + " records of " + file.records());
            }
        }
        long validateNanos = Long.MAX_VALUE;
        long peak = 0;
        ValidationResult result = null;
        for (int i = 0; i < repeats; i++) {
            resetHeapPeaks();
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(file.file())) {
                result = validator.validate(in, file.file().getFileName().toString(), "0363");
            }
            validateNanos = Math.min(validateNanos, System.nanoTime() - start);
            peak = Math.max(peak, heapPeak());
        }
        double parse = file.bytes() / MB / (parseNanos / 1e9);
        double validate = file.bytes() / MB / (validateNanos / 1e9);
        return new Measurement(file.bytes(), result.recordCount(), parse, validate,
                result.recordCount() / (validateNanos / 1e9), validate / parse, peak, result.violationCount(),
                result.verdict().dutch());
    }

    private static void resetHeapPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the real peak). */
    private static long heapPeak() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    private static OrganisationRegistry registry() throws IOException {
        try (InputStream in = BenchCommand.class.getClassLoader().getResourceAsStream("organisations.yaml")) {
            if (in == null) {
                throw new IOException("organisations.yaml not on the classpath");
            }
            return OrganisationRegistry.load(in);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temp dir left behind is not worth failing the bench for
        }
    }
}
