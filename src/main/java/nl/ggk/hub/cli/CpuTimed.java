package nl.ggk.hub.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code CpuTimed <cpu-file> <main class> <args>}: runs the main class in this JVM and, when the JVM ends (also by
 * {@code System.exit}), writes the process's CPU time in nanoseconds to {@code cpu-file}. Used by {@code bench} for
 * both processes it compares, so both pay the same small overhead.
 */
public final class CpuTimed {

    private CpuTimed() {
    }

    public static void main(String[] args) throws Throwable {
        Path cpuFile = Path.of(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
                Files.writeString(cpuFile, String.valueOf(os instanceof com.sun.management.OperatingSystemMXBean sun
                        ? sun.getProcessCpuTime() : 0));
            } catch (IOException e) {
                // the bench then reports 0 CPU seconds for this process
            }
        }));
        Class.forName(args[1]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
