package nl.ggk.hub.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.OwnHub;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Try it" works as written: every command of its {@code bash} blocks runs, as it stands, against a started
 * hub (only the port, the data root and the temporary ZIP are this hub's), and what README promises follows.
 */
@OwnHub("README's Try it describes a freshly started hub: a delivery another class made of the same file would make"
        + " this one a duplicate")
class ReadmeTryItTest extends HubTestSupport {

    private static final Path README = Path.of("README.md");
    private static final Path SAMPLES = Path.of("../shared/reference/istandaarden-3.2");

    @TempDir
    Path tmp;

    @Test
    void everyCommandOfTryItRunsAsWrittenAndReadmesPromisesHold() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES.resolve("iwmo/berichten")),
                "the iStandaarden samples are not in ../shared/reference (README's own precondition)");
        List<String> commands = commands();
        assertThat(commands).as("README's Try it commands").hasSizeGreaterThanOrEqualTo(6);

        String lastOutput = "";
        List<String> uploads = new ArrayList<>();
        List<String> mirrorUploads = new ArrayList<>();
        for (String command : commands) {
            String runnable = command;
            if (runnable.contains("<id from the list>")) {
                // the reader copies the id from the list the command before printed
                JsonNode list = json(lastOutput);
                runnable = runnable.replace("<id from the list>", list.get("items").get(0).get("id").asText());
            }
            String now = runnable;
            // README: the inbox takes a file once it is 2 s unchanged; the reader repeats the list until it shows
            lastOutput = command.contains("deliveries?filename=")
                    ? await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                            .until(() -> run(now), out -> !out.contains("\"items\":[]"))
                    : run(now);
            if (runnable.startsWith("for h in")) {
                // the instant mirror's pair of half years: two answers, without headers
                java.util.regex.Matcher ids = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"")
                        .matcher(lastOutput);
                while (ids.find()) {
                    mirrorUploads.add(ids.group(1));
                }
            } else if (runnable.contains("--data-binary")) {
                assertThat(lastOutput).as(command).containsPattern("HTTP/1\\.1 202");
                uploads.add(json(lastOutput.substring(lastOutput.indexOf("\r\n\r\n") + 4)).get("id").asText());
            }
        }

        // "Within seconds data/outbox/0363/ holds three ZIPs, each with a Dutch PDF"
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(outbox("0363")).anyMatch(n -> n.startsWith("technische-terugkoppeling-0363_WMO_2026H1-"))
                        .anyMatch(n -> n.startsWith("technische-terugkoppeling-cbs-0363_WMO_2026H1-"))
                        .anyMatch(n -> n.startsWith("spiegelrapport-cbs-0363_WMO_2026H1-")));
        // "the 2026H1 answer's vergelijking ... name productcategorie 03 as missing and 02 as halved, as warnings"
        assertThat(mirrorUploads).hasSize(2);
        JsonNode later = awaitFinal(mirrorUploads.get(1), "demo-0363");
        assertThat(later.at("/vergelijking/signalen").toString()).as(later.toString())
                .contains("GROUP_MISSING").contains("CHANGE").contains("\"03\"").contains("\"02\"");
        // the JEUGD file posted as 0384, and the 21 samples: 7 forwarded, 14 refused with IB006
        assertThat(uploads).hasSize(2);
        JsonNode jeugd = awaitFinal(uploads.get(0), "demo-0384");
        assertThat(jeugd.get("filename").asText()).isEqualTo("0384_JEUGD_2026H1.csv");
        JsonNode berichten = awaitFinal(uploads.get(1), "demo-0384");
        assertThat(berichten.get("entries")).hasSize(21);
        List<String> refused = new ArrayList<>();
        int forwarded = 0;
        for (JsonNode entry : berichten.get("entries")) {
            if ("FORWARDED".equals(entry.get("status").asText())) {
                forwarded++;
            } else {
                assertThat(entry.get("fo01").get("code").asText()).isEqualTo("IB006");
                refused.add(entry.get("name").asText().replace(".xml", ""));
            }
        }
        assertThat(forwarded).isEqualTo(7);
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        for (String code : refused) {
            assertThat(readme).as("README names %s among the refused", code).contains("`" + code + "`");
        }
    }

    /** The commands of README's Try it section, continuation lines joined, comments left out. */
    private static List<String> commands() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("### Try it");
        int end = readme.indexOf("\n## ", start);
        Matcher blocks = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(start, end));
        List<String> commands = new ArrayList<>();
        while (blocks.find()) {
            StringBuilder current = new StringBuilder();
            for (String line : blocks.group(1).split("\n")) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                current.append(line.strip());
                if (line.endsWith("\\")) {
                    current.setLength(current.length() - 1);
                    current.append(' ');
                } else {
                    commands.add(current.toString());
                    current.setLength(0);
                }
            }
        }
        return commands;
    }

    /** Runs {@code command} from the project folder; this hub's port, data root and a temporary ZIP path. */
    private String run(String command) throws Exception {
        String here = command.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + httpPort)
                .replace("> data/", "> " + dataDir + "/")
                .replace("/tmp/berichten.zip", tmp.resolve("berichten.zip").toString());
        Path errors = tmp.resolve("stderr.txt");
        Process process = new ProcessBuilder("bash", "-c", here).redirectError(errors.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(here).isTrue();
        String stderr = Files.readString(errors);
        assertThat(process.exitValue()).as("%s%n%s%n%s", command, output, stderr).isZero();
        assertThat(output + stderr).as(command).doesNotContain("warning").doesNotContain("not matched");
        return output;
    }

    private List<String> outbox(String organisation) throws IOException {
        Path folder = data("outbox/" + organisation);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
