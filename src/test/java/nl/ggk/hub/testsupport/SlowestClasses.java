package nl.ggk.hub.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the ten slowest test classes of the run when a test JVM ends (wall time from a class's start to its end,
 * its hub's start included), so that a slow newcomer is seen at once. Registered in
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener.
 *
 * <p>A build runs its classes in several JVMs (pom: the executions of surefire), one after the other: each JVM
 * writes its figures to {@code target/test-times/<the build's start>/} ({@code ggk.test.build}, set by the pom),
 * and prints the ten slowest of every JVM of the build so far. The list the last JVM prints is the build's.
 */
public final class SlowestClasses implements TestExecutionListener {

    private static final int SHOWN = 10;

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, Long> took = new ConcurrentHashMap<>();

    @Override
    public void executionStarted(TestIdentifier identifier) {
        className(identifier).ifPresent(name -> started.put(name, System.nanoTime()));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        className(identifier).ifPresent(name -> {
            Long start = started.remove(name);
            if (start != null) {
                took.merge(name, System.nanoTime() - start, Long::sum);
            }
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (took.isEmpty()) {
            return;
        }
        Map<String, Long> build = new HashMap<>(took);
        try {
            String buildStart = System.getProperty("ggk.test.build", "pid-" + ProcessHandle.current().pid());
            Path dir = Files.createDirectories(Path.of("target", "test-times", buildStart));
            StringBuilder mine = new StringBuilder();
            took.forEach((name, nanos) -> mine.append(nanos).append(' ').append(name).append('\n'));
            Files.writeString(dir.resolve(ProcessHandle.current().pid() + ".txt"), mine, StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        String[] figure = line.split(" ", 2);
                        if (figure.length == 2) {
                            build.merge(figure[1], Long.parseLong(figure[0]), Math::max);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("(the times of the build's other test JVMs could not be read: " + e + ")");
        }
        if (build.size() < 2) {
            return;
        }
        List<Map.Entry<String, Long>> slowest = build.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(SHOWN).toList();
        StringBuilder text = new StringBuilder(String.format("%nThe %d slowest of the %d test classes run so far:%n",
                slowest.size(), build.size()));
        slowest.forEach(e -> text.append(String.format("  %7.1f s  %s%n", e.getValue() / 1e9, e.getKey())));
        System.out.print(text);
        System.out.flush();
    }

    private static Optional<String> className(TestIdentifier identifier) {
        return identifier.getSource().filter(ClassSource.class::isInstance).map(s -> ((ClassSource) s).getClassName())
                .filter(name -> identifier.isContainer());
    }
}
