package nl.ggk.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private static final String VALID = "20250715;0363;999990007;01;1;20250101;20251231;1;20250115;;5;04;2;12345;";
    private static final String INVALID = VALID.replace("999990007", "123456789");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ValidateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path csv(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void acceptedFileExitsZeroWithADutchSummary() throws IOException {
        Path file = csv("0363_WMO_2025H1.csv", VALID + "\n");

        assertThat(run(file.toString())).isZero();
        assertThat(out()).contains("Oordeel:      goedgekeurd").contains("Amsterdam (0363)").contains("Records:      1");
    }

    /**
     * What a user waits for in {@code java -jar ggk-hub.jar validate}: a fresh JVM that loads no data binder, no YAML
     * library and nothing of Camel (issue 20: that start-up took 1.5-2 s of the whole process). Its class loading is
     * read from the JVM's own log.
     */
    @Test
    void aFreshValidateLoadsNeitherJacksonNorAYamlLibraryNorCamel() throws Exception {
        Path file = csv("0363_WMO_2025H1.csv", VALID + "\n" + INVALID + "\n");
        Path classLog = dir.resolve("classes.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog, "-cp", System.getProperty("java.class.path"),
                ValidateCommand.class.getName(), file.toString(), "--organisation", "0363")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();

        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("out.txt"))).contains("Bevindingen:  1").contains("bsn-elfproef");
        String classes = Files.readString(classLog);
        assertThat(classes).contains("nl.ggk.hub.gmsd.RecordChecker").doesNotContain("com.fasterxml.jackson")
                .doesNotContain("org.yaml.snakeyaml.composer").doesNotContain("org.apache.camel");
    }

    @Test
    void aLowerCaseNameIsRefusedWithTheCorrectedNameAndItsGemeenteAsTheHubsFo01Says() throws IOException {
        Path file = csv("0363_wmo_2025H1.csv", VALID + "\n");

        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(out()).contains("Bestandsnaam: Hernoem naar 0363_WMO_2025H1.csv (hoofdletters) en lever opnieuw aan.")
                .contains("Afzender:     Amsterdam (0363)")
                .doesNotContain("onbekend");
    }

    @Test
    void rejectedFileExitsOneAndShowsMaskedExamples() throws IOException {
        Path file = csv("0363_WMO_2025H1.csv", INVALID + "\n");

        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(out()).contains("afgekeurd").contains("Ongeldig BSN [bsn-elfproef]: 1")
                .contains("regel 1, kolom 3 (BSN) '*****6789'").doesNotContain("123456789");
    }

    @Test
    void organisationOptionDecidesWhoDelivers() throws IOException {
        Path file = csv("0546_WMO_2025H1.csv", VALID.replace(";0363;", ";0546;") + "\n");

        assertThat(run(file.toString(), "--organisation", "SWV-HR")).isZero();
        assertThat(run(file.toString(), "--organisation", "0363")).isEqualTo(1);
        assertThat(out()).contains("gemeentecode-afzender");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path file = csv("0363_WMO_2025H1.csv", VALID + "\n");

        assertThat(run()).isEqualTo(2);
        assertThat(run(file.toString(), "--bogus")).isEqualTo(2);
        assertThat(run(file.toString(), "--organisation")).isEqualTo(2);
        assertThat(run(dir.resolve("missing.csv").toString())).isEqualTo(2);
        assertThat(run(file.toString(), "--organisation", "9999")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("gebruik: validate");
        assertThat(out()).isEmpty();
    }

    @Test
    void jsonOutputCarriesVerdictCountsAndExamples() throws IOException {
        Path file = csv("0363_WMO_2025H1.csv", VALID + "\n" + INVALID + "\n");

        assertThat(run(file.toString(), "--json")).isEqualTo(1);

        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("accepted").asBoolean()).isFalse();
        JsonNode result = json.get("files").get(0);
        assertThat(result.get("type").asText()).isEqualTo("WMO");
        assertThat(result.get("period").asText()).isEqualTo("2025H1");
        assertThat(result.get("records").asLong()).isEqualTo(2);
        assertThat(result.get("reason").asText()).isEqualTo("gmsd-rejected");
        JsonNode rule = result.get("rules").get(0);
        assertThat(rule.get("rule").asText()).isEqualTo("bsn-elfproef");
        assertThat(rule.get("count").asLong()).isEqualTo(1);
        assertThat(rule.get("examples").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(rule.get("examples").get(0).get("value").asText()).isEqualTo("*****6789");
    }

    @Test
    void zipIsValidatedEntryByEntrySkippingMacMetadataAndDirectories() throws IOException {
        Path zip = dir.resolve("MSD.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(z, "MSD/", null);
            entry(z, "MSD/0363_WMO_2025H1.csv", VALID + "\n");
            entry(z, "__MACOSX/MSD/._0363_WMO_2025H1.csv", "\u0000\u0005junk");
            entry(z, "MSD/0363_SBO_2025H1.csv", "20250715;0363;123;42\n");
            entry(z, "leesmij.txt", "hallo");
        }

        assertThat(run(zip.toString(), "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("files")).extracting(f -> f.get("file").asText())
                .containsExactly("0363_WMO_2025H1.csv", "0363_SBO_2025H1.csv");
        assertThat(json.get("skipped").get(0).asText()).isEqualTo("leesmij.txt");
    }

    @Test
    void zipWithOneBadFileIsRejected() throws IOException {
        Path zip = dir.resolve("MSD.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(z, "0363_WMO_2025H1.csv", VALID + "\n");
            entry(z, "0363_JEUGD_2025H1.csv", "20250715;0363;1;100\n");
        }

        assertThat(run(zip.toString())).isEqualTo(1);
        assertThat(out()).contains("0363_JEUGD_2025H1.csv").contains("lengte").contains("Eindoordeel: afgekeurd");
    }

    @Test
    void reportOptionWritesThePdf() throws IOException {
        Path file = csv("0363_WMO_2025H1.csv", INVALID + "\n");
        Path pdf = dir.resolve("rapport.pdf");

        assertThat(run(file.toString(), "--report", pdf.toString())).isEqualTo(1);

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(document)).contains("afgekeurd").contains("Ongeldig BSN");
        }
    }

    @Test
    void brokenSpecificationFileIsAUsageErrorNamingFileAndLine() throws IOException {
        Path spec = dir.resolve("wmo.yaml");
        Files.writeString(spec, "type: WMO\nfileName: '(?<gemeentecode>\\d{4})_WMO_(?<jaar>\\d{4})H(?<halfjaar>[12])\\.csv'\n"
                + "separator: ';'\ncolumns:\n  - name: a\n    type: datum\n");
        Path file = csv("0363_WMO_2025H1.csv", VALID + "\n");

        assertThat(run(file.toString(), "--specs", spec.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(spec.toString()).contains("line 6").contains("datum");
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        if (content != null) {
            OutputStream out = zip;
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        zip.closeEntry();
    }
}
