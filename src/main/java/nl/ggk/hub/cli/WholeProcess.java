package nl.ggk.hub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import nl.ggk.hub.gmsd.SyntheticWmoFile;

/**
 * {@code bench}'s whole-process figures: what a user waits for. The same file is given to a fresh JVM that only
 * parses it with FastCSV ({@link ParseOnly}) and to a fresh JVM running {@code validate} (the hub's own command: start,
 * specifications, validation, summary), with the same JVM options as this one ({@code -Xmx} and the like) and the same
 * class path; the two alternate, files up to 500 MB three times each (the fastest counts), and the ratio is parse-only time /
 * validate time.
 */
final class WholeProcess {

    private static final double MB = 1_000_000.0;

    /** Wall-clock and CPU seconds of each process (the fastest of the repeats). */
    record Figures(long bytes, double parseSeconds, double validateSeconds, double parseCpu, double validateCpu) {
        double ratio() {
            return validateSeconds > 0 ? parseSeconds / validateSeconds : 0;
        }

        double cpuRatio() {
            return validateCpu > 0 ? parseCpu / validateCpu : 0;
        }
    }

    /** Wall-clock and CPU seconds of one child process. */
    private record Timed(double seconds, double cpuSeconds) {
    }

    private WholeProcess() {
    }

    static Figures measure(SyntheticWmoFile.Written file) throws IOException, InterruptedException {
        // on a shared machine one pair can land on a busy moment: three pairs up to 500 MB, the fastest of each side
        int repeats = file.bytes() <= 500_000_000 ? 3 : 1;
        double parse = Double.MAX_VALUE;
        double validate = Double.MAX_VALUE;
        double parseCpu = Double.MAX_VALUE;
        double validateCpu = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            Timed p = run(List.of(ParseOnly.class.getName(), file.file().toString()), 0);
            Timed v = run(List.of(ValidateCommand.class.getName(), file.file().toString(),
                    "--organisation", "0363"), -1);
            parse = Math.min(parse, p.seconds());
            parseCpu = Math.min(parseCpu, p.cpuSeconds());
            validate = Math.min(validate, v.seconds());
            validateCpu = Math.min(validateCpu, v.cpuSeconds());
        }
        return new Figures(file.bytes(), parse, validate, parseCpu, validateCpu);
    }

    static void print(List<Figures> all, PrintStream out) {
        out.println("Whole process (a fresh JVM each, the same options as this one): FastCSV parse-only vs validate;"
                + " wall clock and the process's CPU time (less disturbed by other load)");
        out.printf(Locale.ROOT, "%9s %14s %12s %7s %16s %14s %9s%n", "size MB", "parse-only s", "validate s", "ratio",
                "parse-only CPU s", "validate CPU s", "CPU ratio");
        for (Figures f : all) {
            out.printf(Locale.ROOT, "%9.1f %14.2f %12.2f %7.2f %16.2f %14.2f %9.2f%n", f.bytes() / MB,
                    f.parseSeconds(), f.validateSeconds(), f.ratio(), f.parseCpu(), f.validateCpu(), f.cpuRatio());
        }
    }

    /** Seconds from start to exit of a child JVM; its exit code must be {@code expectedExit} (-1: 0 or 1). */
    private static Timed run(List<String> mainAndArgs, int expectedExit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // the heap limit and the like, not a debugger or a flight recording of this process
            if (option.startsWith("-Xm") || option.startsWith("-XX:+Use") || option.startsWith("-XX:TieredStopAtLevel")) {
                command.add(option);
            }
        }
        Path log = Files.createTempFile("gmsd-bench-process", ".log");
        Path cpu = Files.createTempFile("gmsd-bench-cpu", ".txt");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CpuTimed.class.getName());
        command.add(cpu.toString());
        command.addAll(mainAndArgs);
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("child process did not finish: " + mainAndArgs.get(0));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int exit = process.exitValue();
            if (expectedExit >= 0 ? exit != expectedExit : exit > 1) {
                throw new IOException(mainAndArgs.get(0) + " exited " + exit + ": " + Files.readString(log));
            }
            String cpuNanos = Files.readString(cpu).trim();
            return new Timed(seconds, cpuNanos.isEmpty() ? 0 : Long.parseLong(cpuNanos) / 1e9);
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(cpu);
        }
    }
}
