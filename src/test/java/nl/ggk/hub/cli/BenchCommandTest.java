package nl.ggk.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void benchOfOneMegabytePrintsItsFiguresAndLeavesNoFilesBehind() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = BenchCommand.run(new String[] {"--sizes", "1", "--dir", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("parse MB/s").contains("validate MB/s").contains("ratio").contains("peak heap");
        assertThat(text.lines().filter(l -> l.trim().startsWith("1.0 ")).findFirst()).isPresent();
        // the whole-process figures: a fresh JVM parsing the file, a fresh JVM validating it, and their ratios
        assertThat(text).contains("Whole process").contains("parse-only s").contains("validate CPU s");
        String wholeProcess = text.substring(text.indexOf("Whole process"));
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\s+1\\.0((?:\\s+\\d+\\.\\d+){6})$")
                .matcher(wholeProcess);
        assertThat(row.find()).as(text).isTrue();
        assertThat(Stream.of(row.group(1).trim().split("\\s+")).map(Double::parseDouble)).allMatch(v -> v > 0);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void badArgumentsAreAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = BenchCommand.run(new String[] {"--sizes", "x"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: bench");
    }
}
