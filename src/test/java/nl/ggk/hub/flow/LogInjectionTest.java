package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * What outsiders choose (file names, JMS headers, request paths) reaches the log, but never as a line of its
 * own; the BSN mask hides what can be a BSN and leaves the names an operator must find readable.
 */
// it reads the JVM's log: in the execution reads-log, where no other hub logs beside it (pom.xml)
@Tag("reads-log")
class LogInjectionTest extends HubTestSupport {

    /** Every line the console layout writes starts like this; a forged line would start otherwise. */
    private static final Pattern LINE_START = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} [A-Z]+ .*|^\\s+at .*"
            + "|^\\s+\\.\\.\\. \\d+ more|^Caused by: .*|^[a-zA-Z_$][\\w.$]*(Exception|Error)(: .*)?$|^\\s*$");

    @Test
    void aFileNameWithALineBreakInTheInboxStaysOnItsOwnLogLine() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            Path folder = Files.createDirectories(data("inbox/9997"));
            Files.writeString(folder.resolve("lijst\r\n12:00:00.000 INFO  [] Intake - FORGED-FOLDER.csv"), "x;y\n");

            await().atMost(Duration.ofSeconds(20)).until(() -> log.text().contains("FORGED-FOLDER"));

            assertOnlyRealLines(log.text(), "FORGED-FOLDER");
        }
    }

    @Test
    void aJmsFileNameHeaderWithALineBreakStaysOnItsOwnLogLine() {
        try (LogCapture log = LogCapture.start()) {
            template.sendBodyAndHeaders("activemq6:queue:ggk.inbound", "<x/>".getBytes(StandardCharsets.UTF_8),
                    Map.of("GgkOrganisation", "9999",
                            "GgkFilename", "a.xml\n12:00:00.000 ERROR [] Intake - FORGED-JMS\u001b[2K"));

            await().atMost(Duration.ofSeconds(20)).until(() -> log.text().contains("FORGED-JMS"));

            assertOnlyRealLines(log.text(), "FORGED-JMS");
            assertThat(log.text()).doesNotContain("\u001b");
        }
    }

    @Test
    void aRequestPathWithALineBreakStaysOnItsOwnLogLine() {
        try (LogCapture log = LogCapture.start()) {
            get("/api/v1/deliveries/x%0D%0A12:00:00.000%20INFO%20%20%5B%5D%20Api%20-%20FORGED-PATH", "demo-0384");
            get("/api/v1/deliveries/x%0AFORGED-PATH-2", null);

            await().atMost(Duration.ofSeconds(10)).until(() -> log.text().contains("FORGED-PATH-2"));

            assertOnlyRealLines(log.text(), "FORGED-PATH");
        }
    }

    @Test
    void quarantineNamesInTheLogCanBeFoundWhileABsnInAFileNameIsMasked() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            Path folder = Files.createDirectories(data("inbox/9996"));
            Files.writeString(folder.resolve("lijst-november.csv"), "x;y\n");
            Files.writeString(folder.resolve("bsn-999990007.csv"), "x;y\n");

            List<String> kept = await().atMost(Duration.ofSeconds(20))
                    .until(() -> quarantined("9996"), names -> names.size() == 2);

            String plain = kept.stream().filter(n -> n.endsWith("lijst-november.csv")).findFirst().orElseThrow();
            assertThat(plain).as("a timestamped quarantine name").matches("\\d{8}T\\d{9}-lijst-november\\.csv");
            await().atMost(Duration.ofSeconds(5)).until(() -> log.text().contains(plain));
            await().atMost(Duration.ofSeconds(5)).until(() -> log.text().contains("bsn-*****0007.csv"));
            assertThat(log.text()).doesNotContain("999990007");
        }
    }

    private List<String> quarantined(String organisation) throws Exception {
        Path folder = data("quarantine/" + organisation);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".reason.txt")).toList();
        }
    }

    private static void assertOnlyRealLines(String text, String marker) {
        List<String> lines = text.lines().toList();
        assertThat(lines).filteredOn(l -> l.contains(marker)).as("the marker was logged").isNotEmpty()
                .allMatch(l -> l.matches("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} [A-Z]+ .*"), "a line of the hub's layout");
        assertThat(lines).as("no forged line").allMatch(l -> LINE_START.matcher(l).matches()
                && !l.startsWith("12:00:00.000"));
    }
}
